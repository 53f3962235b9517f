package dev.stt.worker.transcript;

import dev.stt.common.transcript.Segment;
import dev.stt.common.transcript.Transcript;
import dev.stt.common.transcript.Word;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns segments into subtitle cues a viewer can read: a segment longer than {@value #MAX_CUE_SECONDS} s or
 * {@value #MAX_CUE_CHARS} characters is split at word boundaries using the word timings (a segment without words
 * stays one cue). Text is wrapped to lines of {@value #LINE_CHARS} characters, the usual two-line subtitle.
 * Times are whole milliseconds, never overlapping, each cue ending after it starts.
 */
final class SubtitleCues {

    static final double MAX_CUE_SECONDS = 7.0;
    static final int MAX_CUE_CHARS = 84;
    static final int LINE_CHARS = 42;

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private SubtitleCues() {
    }

    static List<Cue> of(Transcript transcript) {
        List<Cue> cues = new ArrayList<>();
        long previousEnd = 0;
        for (Segment segment : transcript.segments()) {
            for (TimedText piece : split(segment)) {
                String text = clean(piece.text());
                if (text.isEmpty()) {
                    continue;
                }
                long start = Math.max(previousEnd, Math.round(piece.start() * 1000));
                long end = Math.max(start + 1, Math.round(piece.end() * 1000));
                cues.add(new Cue(start, end, wrap(text)));
                previousEnd = end;
            }
        }
        return cues;
    }

    private record TimedText(double start, double end, String text) {
    }

    private static List<TimedText> split(Segment segment) {
        String text = segment.text() == null ? "" : segment.text().strip();
        List<Word> words = segment.words();
        boolean fits = segment.end() - segment.start() <= MAX_CUE_SECONDS && text.length() <= MAX_CUE_CHARS;
        if (fits || words.isEmpty()) {
            return List.of(new TimedText(segment.start(), segment.end(), text));
        }
        // the segment's text usually carries punctuation its words lack: use its tokens when they line up one to one
        String[] tokens = WHITESPACE.split(text);
        boolean tokensMatchWords = tokens.length == words.size();
        List<TimedText> pieces = new ArrayList<>();
        int first = 0;
        StringBuilder piece = new StringBuilder();
        for (int i = 0; i < words.size(); i++) {
            String token = tokensMatchWords ? tokens[i] : words.get(i).word();
            boolean tooLong = words.get(i).end() - words.get(first).start() > MAX_CUE_SECONDS
                    || piece.length() + 1 + token.length() > MAX_CUE_CHARS;
            if (i > first && tooLong) {
                pieces.add(new TimedText(words.get(first).start(), words.get(i - 1).end(), piece.toString()));
                first = i;
                piece.setLength(0);
            }
            if (piece.length() > 0) {
                piece.append(' ');
            }
            piece.append(token);
        }
        pieces.add(new TimedText(words.get(first).start(), words.get(words.size() - 1).end(), piece.toString()));
        return pieces;
    }

    /** One line of text; "-->" would end a WebVTT cue's timing line early. */
    private static String clean(String text) {
        return WHITESPACE.matcher(text).replaceAll(" ").strip().replace("-->", "->");
    }

    private static String wrap(String text) {
        StringBuilder wrapped = new StringBuilder();
        int lineLength = 0;
        for (String token : text.split(" ")) {
            if (lineLength > 0 && lineLength + 1 + token.length() > LINE_CHARS) {
                wrapped.append('\n');
                lineLength = 0;
            } else if (lineLength > 0) {
                wrapped.append(' ');
                lineLength++;
            }
            wrapped.append(token);
            lineLength += token.length();
        }
        return wrapped.toString();
    }
}
