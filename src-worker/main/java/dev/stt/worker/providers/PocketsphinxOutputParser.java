package dev.stt.worker.providers;

import dev.stt.common.transcript.Segment;
import dev.stt.common.transcript.Word;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads what {@code pocketsphinx_continuous -time yes} prints: per utterance, a line with the hypothesis, then one
 * line per token {@code word start end confidence}. Each utterance with real words becomes a segment; sentence
 * markers, silences and noise fillers are dropped and alternate-pronunciation suffixes ({@code leisure(2)}) removed.
 */
public final class PocketsphinxOutputParser {

    private static final String NUMBER = "(-?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?)";
    private static final Pattern TOKEN = Pattern.compile("^(\\S+)\\s+" + NUMBER + "\\s+" + NUMBER + "\\s+" + NUMBER + "$");
    private static final Pattern PRONUNCIATION_VARIANT = Pattern.compile("\\(\\d+\\)$");
    private static final String UTTERANCE_END = "</s>";

    private PocketsphinxOutputParser() {
    }

    public static List<Segment> parse(String output) {
        List<Segment> segments = new ArrayList<>();
        List<Word> utterance = new ArrayList<>();
        for (String rawLine : output.split("\\R")) {
            String line = rawLine.strip();
            Matcher token = TOKEN.matcher(line);
            if (!token.matches()) {
                // a hypothesis line opens the next utterance
                flush(utterance, segments);
                continue;
            }
            String text = token.group(1);
            if (text.equals(UTTERANCE_END)) {
                flush(utterance, segments);
            } else if (!isFiller(text)) {
                double confidence = Math.max(0, Math.min(1, Double.parseDouble(token.group(4))));
                utterance.add(new Word(Double.parseDouble(token.group(2)), Double.parseDouble(token.group(3)),
                        PRONUNCIATION_VARIANT.matcher(text).replaceFirst(""), confidence));
            }
        }
        flush(utterance, segments);
        return segments;
    }

    /** {@code <s>}, {@code </s>}, {@code <sil>}, {@code [NOISE]}, {@code ++BREATH++}: not words anyone said. */
    private static boolean isFiller(String token) {
        return token.startsWith("<") || token.startsWith("[") || token.startsWith("+");
    }

    private static void flush(List<Word> words, List<Segment> segments) {
        if (words.isEmpty()) {
            return;
        }
        String text = words.stream().map(Word::word).collect(Collectors.joining(" "));
        segments.add(new Segment(words.get(0).start(), words.get(words.size() - 1).end(), text, List.copyOf(words)));
        words.clear();
    }
}
