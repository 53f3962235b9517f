package dev.stt.worker.audio;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds the pauses in a recording with ffmpeg's {@code silencedetect} filter. */
public final class SilenceDetector {

    private static final Pattern SILENCE_START = Pattern.compile("silence_start: ?(-?[0-9.]+(?:e[-+]?[0-9]+)?)");
    private static final Pattern SILENCE_END = Pattern.compile("silence_end: ?(-?[0-9.]+(?:e[-+]?[0-9]+)?)");

    private final FfmpegRunner ffmpeg;
    private final double thresholdDb;
    private final double minSeconds;

    /**
     * @param thresholdDb level below which audio counts as silent, dBFS (e.g. -30)
     * @param minSeconds  shortest silent stretch reported
     */
    public SilenceDetector(FfmpegRunner ffmpeg, double thresholdDb, double minSeconds) {
        this.ffmpeg = ffmpeg;
        this.thresholdDb = thresholdDb;
        this.minSeconds = minSeconds;
    }

    /** The pauses in {@code audio}, in order, within [0, {@code durationSeconds}]. */
    public List<Silence> detect(Path audio, double durationSeconds) {
        String filter = String.format(Locale.ROOT, "silencedetect=noise=%.1fdB:d=%.3f", thresholdDb, minSeconds);
        // filled on ffmpeg's stderr reader thread
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        List<String> arguments = new ArrayList<>(FfmpegRunner.wavInput(audio));
        arguments.addAll(List.of("-map", "0:a:0", "-af", filter, "-f", "null", "-"));
        // the filter reports on stderr: keep only its lines, so a long recording's many pauses are not cut off
        ffmpeg.ffmpeg(arguments, line -> {
            if (line.contains("silence_")) {
                lines.add(line);
            }
        });
        synchronized (lines) {
            return parse(List.copyOf(lines), durationSeconds);
        }
    }

    /**
     * Pairs the filter's {@code silence_start} / {@code silence_end} lines. A silence still open at the end of the
     * input (older ffmpeg prints no end for it) ends with the recording.
     */
    static List<Silence> parse(List<String> stderrLines, double durationSeconds) {
        List<Silence> silences = new ArrayList<>();
        Double start = null;
        for (String line : stderrLines) {
            Matcher end = SILENCE_END.matcher(line);
            if (end.find()) {
                if (start != null) {
                    add(silences, start, Double.parseDouble(end.group(1)), durationSeconds);
                    start = null;
                }
                continue;
            }
            Matcher begin = SILENCE_START.matcher(line);
            if (begin.find()) {
                start = Double.parseDouble(begin.group(1));
            }
        }
        if (start != null) {
            add(silences, start, durationSeconds, durationSeconds);
        }
        return silences;
    }

    private static void add(List<Silence> silences, double start, double end, double durationSeconds) {
        double from = Math.max(0, start);
        double to = Math.min(durationSeconds, end);
        if (to > from) {
            silences.add(new Silence(from, to));
        }
    }
}
