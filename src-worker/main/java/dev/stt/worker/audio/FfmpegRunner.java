package dev.stt.worker.audio;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs ffmpeg and ffprobe. Every input goes through {@link #input(Path, String)}, which restricts ffmpeg to reading
 * local files (a crafted file must not make it open network or other protocols) with the demuxers named for it (a
 * file that starts with accepted magic bytes must not reach a generator, playlist or subtitle demuxer).
 */
public final class FfmpegRunner {

    private final String ffmpeg;
    private final String ffprobe;
    private final Duration timeout;

    public FfmpegRunner(String ffmpeg, String ffprobe, Duration timeout) {
        this.ffmpeg = ffmpeg;
        this.ffprobe = ffprobe;
        this.timeout = timeout;
    }

    public static FfmpegRunner from(AudioConfig config) {
        return new FfmpegRunner(config.ffmpeg(), config.ffprobe(), config.timeout());
    }

    /**
     * Input options for a local file that only {@code demuxers} (a comma list of ffmpeg demuxer names) may open; the
     * {@code file:} prefix keeps a name containing ':' from naming a protocol.
     */
    public static List<String> input(Path file, String demuxers) {
        return List.of("-protocol_whitelist", "file", "-format_whitelist", demuxers, "-i", fileUrl(file));
    }

    /** Input options for a WAV file this service wrote itself (normalised audio, chunks). */
    public static List<String> wavInput(Path file) {
        return input(file, "wav");
    }

    /** An output (or any other path argument) as a {@code file:} URL, for the same reason. */
    public static String fileUrl(Path file) {
        return "file:" + file.toAbsolutePath();
    }

    /**
     * Runs ffmpeg with {@code arguments}; stderr lines go to {@code stderrLines} as they are printed.
     *
     * @throws FfmpegException when ffmpeg cannot start, exits non-zero or times out
     */
    public void ffmpeg(List<String> arguments, Consumer<String> stderrLines) {
        List<String> command = new ArrayList<>(List.of(ffmpeg, "-nostdin", "-hide_banner", "-nostats"));
        command.addAll(arguments);
        run("ffmpeg", ExternalCommand.of(command).onStderrLine(stderrLines));
    }

    /**
     * Runs ffprobe with {@code arguments} and returns its stdout. (ffprobe has no {@code -nostdin}; its stdin is
     * closed instead.)
     *
     * @throws FfmpegException when ffprobe cannot start, exits non-zero or times out
     */
    public String ffprobe(List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(ffprobe, "-hide_banner", "-v", "error"));
        command.addAll(arguments);
        return run("ffprobe", ExternalCommand.of(command)).stdout();
    }

    private ExternalCommand.Result run(String tool, ExternalCommand command) {
        ExternalCommand.Result result;
        try {
            result = command.timeout(timeout).run();
        } catch (UncheckedIOException e) {
            throw new FfmpegException("could not start " + tool, -1, false, e.getCause().getMessage(), e);
        }
        if (result.timedOut()) {
            throw new FfmpegException(tool + " did not finish within " + timeout, -1, true, result.stderrTail(), null);
        }
        if (result.exitCode() != 0) {
            throw new FfmpegException(tool + " failed", result.exitCode(), false, result.stderrTail(), null);
        }
        return result;
    }
}
