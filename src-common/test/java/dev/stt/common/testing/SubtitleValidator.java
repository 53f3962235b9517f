package dev.stt.common.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the SRT and WebVTT we write: every byte must belong to a well-formed cue (numbering from 1,
 * {@code HH:MM:SS,mmm} times with minutes and seconds below 60, a blank line after each cue), cues in time order,
 * not overlapping, each ending after it starts.
 */
public final class SubtitleValidator {

    public record ParsedCue(int number, long startMillis, long endMillis, List<String> lines) {
    }

    private static final String TIME = "(\\d{2,}):([0-5]\\d):([0-5]\\d)%s(\\d{3})";
    private static final Pattern SRT_CUE = Pattern.compile(
            "(\\d+)\\n" + TIME.formatted(",") + " --> " + TIME.formatted(",") + "\\n((?:[^\\n]+\\n)+)\\n");
    private static final Pattern VTT_CUE = Pattern.compile(
            "()" + TIME.formatted("\\.") + " --> " + TIME.formatted("\\.") + "\\n((?:[^\\n]+\\n)+)\\n");

    private SubtitleValidator() {
    }

    public static List<ParsedCue> validSrt(String srt) {
        List<ParsedCue> cues = parse(srt, 0, SRT_CUE);
        for (int i = 0; i < cues.size(); i++) {
            assertEquals(i + 1, cues.get(i).number(), "SRT cues are numbered from 1 without gaps");
        }
        return cues;
    }

    public static List<ParsedCue> validVtt(String vtt) {
        assertTrue(vtt.startsWith("WEBVTT\n\n"), "WebVTT starts with its signature and a blank line");
        List<ParsedCue> cues = parse(vtt, "WEBVTT\n\n".length(), VTT_CUE);
        for (ParsedCue cue : cues) {
            for (String line : cue.lines()) {
                assertFalse(line.contains("-->"), "cue text must not contain -->: " + line);
            }
        }
        return cues;
    }

    private static List<ParsedCue> parse(String document, int from, Pattern cuePattern) {
        List<ParsedCue> cues = new ArrayList<>();
        Matcher matcher = cuePattern.matcher(document);
        int position = from;
        long previousEnd = 0;
        while (position < document.length()) {
            matcher.region(position, document.length());
            if (!matcher.lookingAt()) {
                fail("malformed cue at offset " + position + ": "
                        + document.substring(position, Math.min(document.length(), position + 120)).replace("\n", "\\n"));
            }
            long start = millis(matcher, 2);
            long end = millis(matcher, 6);
            assertTrue(end > start, "cue ends after it starts: " + matcher.group());
            assertTrue(start >= previousEnd, "cues in order and not overlapping: " + matcher.group());
            int number = matcher.group(1).isEmpty() ? cues.size() + 1 : Integer.parseInt(matcher.group(1));
            List<String> lines = List.of(matcher.group(10).split("\n"));
            for (String line : lines) {
                assertFalse(line.isBlank(), "no blank lines inside a cue");
            }
            cues.add(new ParsedCue(number, start, end, lines));
            previousEnd = end;
            position = matcher.end();
        }
        return cues;
    }

    private static long millis(Matcher m, int firstGroup) {
        return Long.parseLong(m.group(firstGroup)) * 3_600_000
                + Long.parseLong(m.group(firstGroup + 1)) * 60_000
                + Long.parseLong(m.group(firstGroup + 2)) * 1000
                + Long.parseLong(m.group(firstGroup + 3));
    }
}
