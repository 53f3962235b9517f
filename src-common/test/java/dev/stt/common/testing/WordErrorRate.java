package dev.stt.common.testing;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Word error rate: the word-level edit distance between a reference and a hypothesis divided by the number of
 * reference words, after both are normalised (lower case, punctuation removed except apostrophes inside words,
 * whitespace collapsed).
 */
public final class WordErrorRate {

    private static final Pattern NOT_WORD_CHARACTER = Pattern.compile("[^\\p{L}\\p{N}'\\s]+");
    private static final Pattern STRAY_APOSTROPHE = Pattern.compile("(?<![\\p{L}\\p{N}])'|'(?![\\p{L}\\p{N}])");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    /** The edits that turn the reference into the hypothesis; {@link #rate()} is the word error rate. */
    public record Errors(int substitutions, int deletions, int insertions, int referenceWords) {

        public int total() {
            return substitutions + deletions + insertions;
        }

        public double rate() {
            return (double) total() / referenceWords;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "WER %.3f (%d substitutions, %d deletions, %d insertions, %d reference words)",
                    rate(), substitutions, deletions, insertions, referenceWords);
        }
    }

    private WordErrorRate() {
    }

    public static double of(String reference, String hypothesis) {
        return errors(reference, hypothesis).rate();
    }

    /** @throws IllegalArgumentException when the reference has no words: the rate would be undefined */
    public static Errors errors(String reference, String hypothesis) {
        List<String> ref = words(reference);
        List<String> hyp = words(hypothesis);
        if (ref.isEmpty()) {
            throw new IllegalArgumentException("the reference has no words");
        }
        // cost[i][j]: edits turning ref[0..i) into hyp[0..j); the backtrace below splits the total by kind
        int[][] cost = new int[ref.size() + 1][hyp.size() + 1];
        for (int i = 0; i <= ref.size(); i++) {
            cost[i][0] = i;
        }
        for (int j = 0; j <= hyp.size(); j++) {
            cost[0][j] = j;
        }
        for (int i = 1; i <= ref.size(); i++) {
            for (int j = 1; j <= hyp.size(); j++) {
                int diagonal = cost[i - 1][j - 1] + (ref.get(i - 1).equals(hyp.get(j - 1)) ? 0 : 1);
                cost[i][j] = Math.min(diagonal, Math.min(cost[i - 1][j] + 1, cost[i][j - 1] + 1));
            }
        }
        int substitutions = 0;
        int deletions = 0;
        int insertions = 0;
        int i = ref.size();
        int j = hyp.size();
        while (i > 0 || j > 0) {
            if (i > 0 && j > 0) {
                boolean same = ref.get(i - 1).equals(hyp.get(j - 1));
                if (cost[i][j] == cost[i - 1][j - 1] + (same ? 0 : 1)) {
                    if (!same) {
                        substitutions++;
                    }
                    i--;
                    j--;
                    continue;
                }
            }
            if (i > 0 && cost[i][j] == cost[i - 1][j] + 1) {
                deletions++;
                i--;
            } else {
                insertions++;
                j--;
            }
        }
        return new Errors(substitutions, deletions, insertions, ref.size());
    }

    /** The normalised words of {@code text}. */
    public static List<String> words(String text) {
        if (text == null) {
            return List.of();
        }
        String normalised = text.toLowerCase(Locale.ROOT).replace('\u2019', '\'');
        normalised = NOT_WORD_CHARACTER.matcher(normalised).replaceAll(" ");
        normalised = STRAY_APOSTROPHE.matcher(normalised).replaceAll(" ");
        normalised = WHITESPACE.matcher(normalised).replaceAll(" ").trim();
        return normalised.isEmpty() ? List.of() : Arrays.asList(normalised.split(" "));
    }
}
