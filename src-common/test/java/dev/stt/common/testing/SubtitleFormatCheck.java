package dev.stt.common.testing;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Strict structural checks of SRT and WebVTT text, independent of the code that writes them. */
public final class SubtitleFormatCheck {

    private static final Pattern SRT_CUE = Pattern.compile(
            "(\\d+)\\n(\\d{2,}):(\\d{2}):(\\d{2}),(\\d{3}) --> (\\d{2,}):(\\d{2}):(\\d{2}),(\\d{3})\\n([^\\n]+(?:\\n[^\\n]+)*)");
    private static final Pattern VTT_CUE = Pattern.compile(
            "(?:[^\\n]+\\n)?(\\d{2,}):(\\d{2}):(\\d{2})\\.(\\d{3}) --> (\\d{2,}):(\\d{2}):(\\d{2})\\.(\\d{3})\\n([^\\n]+(?:\\n[^\\n]+)*)");

    private SubtitleFormatCheck() {
    }

    /** Numbered from 1, well-formed times, cues in order, each ending after it starts and within the recording. */
    public static int assertValidSrt(String srt, double durationSeconds) {
        String body = srt.replace("\r\n", "\n").strip();
        if (body.isEmpty()) {
            return 0;
        }
        String[] blocks = body.split("\\n\\n");
        double previousStart = -1;
        for (int i = 0; i < blocks.length; i++) {
            Matcher m = SRT_CUE.matcher(blocks[i]);
            require(m.matches(), "SRT cue " + (i + 1) + " is malformed: " + blocks[i]);
            require(Integer.parseInt(m.group(1)) == i + 1, "SRT cue numbers run from 1: " + blocks[i]);
            previousStart = checkTimes(seconds(m, 2), seconds(m, 6), previousStart, durationSeconds, blocks[i]);
        }
        return blocks.length;
    }

    /** A WEBVTT header, then well-formed cues in order, each ending after it starts and within the recording. */
    public static int assertValidVtt(String vtt, double durationSeconds) {
        String text = vtt.replace("\r\n", "\n");
        require(text.startsWith("WEBVTT"), "WebVTT starts with the WEBVTT header");
        String[] blocks = text.strip().split("\\n\\n");
        double previousStart = -1;
        for (int i = 1; i < blocks.length; i++) {
            Matcher m = VTT_CUE.matcher(blocks[i]);
            require(m.matches(), "WebVTT cue " + i + " is malformed: " + blocks[i]);
            previousStart = checkTimes(seconds(m, 1), seconds(m, 5), previousStart, durationSeconds, blocks[i]);
        }
        return blocks.length - 1;
    }

    private static double checkTimes(double start, double end, double previousStart, double duration, String cue) {
        require(end > start, "a cue ends after it starts: " + cue);
        require(start >= previousStart, "cues are in order: " + cue);
        require(end <= duration + 0.05, "a cue ends within the recording (" + duration + " s): " + cue);
        return start;
    }

    private static double seconds(Matcher m, int firstGroup) {
        return Integer.parseInt(m.group(firstGroup)) * 3600
                + Integer.parseInt(m.group(firstGroup + 1)) * 60
                + Integer.parseInt(m.group(firstGroup + 2))
                + Integer.parseInt(m.group(firstGroup + 3)) / 1000.0;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError(message);
        }
    }
}
