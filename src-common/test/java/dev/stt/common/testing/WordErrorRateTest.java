package dev.stt.common.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class WordErrorRateTest {

    private static final double EXACT = 1e-12;

    @Test
    void identicalTextHasNoErrors() {
        assertEquals(0.0, WordErrorRate.of("he was not an ill disposed young man", "he was not an ill disposed young man"), EXACT);
    }

    @Test
    void countsOneSubstitution() {
        WordErrorRate.Errors errors = WordErrorRate.errors("he was not an ill disposed young man",
                "he was not an ill disposed old man");
        assertEquals(new WordErrorRate.Errors(1, 0, 0, 8), errors);
        assertEquals(1.0 / 8, errors.rate(), EXACT);
    }

    @Test
    void countsOneDeletion() {
        assertEquals(new WordErrorRate.Errors(0, 1, 0, 4), WordErrorRate.errors("he might even have", "he even have"));
    }

    @Test
    void countsOneInsertion() {
        assertEquals(new WordErrorRate.Errors(0, 0, 1, 4), WordErrorRate.errors("he might even have", "he might even have been"));
    }

    @Test
    void countsMixedEditsAtTheirMinimum() {
        // "made amiable" heard as "a real ball": two substitutions and one insertion
        WordErrorRate.Errors errors = WordErrorRate.errors("he might even have been made amiable himself",
                "he might even have been a real ball himself");
        assertEquals(new WordErrorRate.Errors(2, 0, 1, 8), errors);
        assertEquals(3.0 / 8, errors.rate(), EXACT);
    }

    @Test
    void insertionsCanPushTheRateAboveOne() {
        assertEquals(3.0, WordErrorRate.of("yes", "no no no"), EXACT);
    }

    @Test
    void emptyHypothesisMissesEveryWord() {
        assertEquals(1.0, WordErrorRate.of("he was not an ill disposed young man", ""), EXACT);
        assertEquals(1.0, WordErrorRate.of("he was not", null), EXACT);
    }

    @Test
    void emptyReferenceIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> WordErrorRate.of("  ", "anything"));
    }

    @Test
    void normalisesCasePunctuationAndWhitespace() {
        assertEquals(0.0, WordErrorRate.of("Mr. John Dashwood, had THEN leisure!", "  mr john\tdashwood had\nthen leisure "), EXACT);
        assertEquals(0.0, WordErrorRate.of("cold-hearted", "cold hearted"), EXACT);
    }

    @Test
    void keepsApostrophesInsideWordsOnly() {
        assertEquals(List.of("don't", "it's", "quoted", "o'brien"), WordErrorRate.words("Don\u2019t 'it's' 'quoted' O'Brien"));
        assertEquals(1.0 / 2, WordErrorRate.of("don't go", "dont go"), EXACT);
    }
}
