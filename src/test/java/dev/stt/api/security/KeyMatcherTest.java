package dev.stt.api.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class KeyMatcherTest {

    private static final String FIRST = "k3y-first-0123456789abcdef";
    private static final String LAST = "another-key-with-a-different-length";
    private final KeyMatcher matcher = new KeyMatcher(List.of(FIRST, "middle-key", LAST));

    @Test
    void everyConfiguredKeyMatchesWhereverItIsInTheList() {
        assertEquals(Optional.of(HexFormat.of().formatHex(KeyMatcher.sha256(FIRST))), matcher.ownerOf(FIRST));
        assertEquals(Optional.of(HexFormat.of().formatHex(KeyMatcher.sha256(LAST))), matcher.ownerOf(LAST));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "k", "k3y-first", "k3y-first-0123456789abcde", "k3y-first-0123456789abcdef ",
            "k3y-first-0123456789abcdefX", "K3Y-FIRST-0123456789ABCDEF", "another-key", "middle-key\u0000",
            "a-much-much-longer-presented-key-than-any-configured-one-0123456789"})
    void prefixesExtensionsAndOtherLengthsNeverMatch(String presented) {
        assertEquals(Optional.empty(), matcher.ownerOf(presented));
    }

    @Test
    void noConfiguredKeysMatchNothing() {
        assertEquals(Optional.empty(), new KeyMatcher(List.of()).ownerOf(""));
    }

    @Test
    void theComparisonLooksAtEveryByteEvenAfterAMismatch() {
        byte[] expected = KeyMatcher.sha256(FIRST);
        byte[] presented = expected.clone();
        presented[0] ^= 0x01;
        presented[presented.length - 1] ^= (byte) 0x80;
        // A comparison that stopped at the first differing byte could not know about the last one.
        assertEquals(0x81, KeyMatcher.difference(expected, presented));
        assertEquals(0, KeyMatcher.difference(expected, expected.clone()));
    }

    @Test
    void presentedKeysOfAnyLengthAreComparedAsDigestsOfOneLength() {
        assertEquals(32, KeyMatcher.sha256("").length);
        assertEquals(32, KeyMatcher.sha256("x".repeat(10_000)).length);
        assertTrue(KeyMatcher.difference(KeyMatcher.sha256("abc"), KeyMatcher.sha256("abcd")) != 0);
    }
}
