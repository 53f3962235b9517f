package dev.stt.worker.audio;

/** ffmpeg or ffprobe failed, crashed or ran out of time; carries the exit code and the tail of its stderr. */
public class FfmpegException extends RuntimeException {

    private static final int MESSAGE_TAIL_CHARS = 2000;

    private final int exitCode;
    private final boolean timedOut;
    private final String stderrTail;

    public FfmpegException(String message, int exitCode, boolean timedOut, String stderrTail, Throwable cause) {
        super(message + describe(exitCode, timedOut, stderrTail), cause);
        this.exitCode = exitCode;
        this.timedOut = timedOut;
        this.stderrTail = stderrTail == null ? "" : stderrTail;
    }

    /** The process's exit code; -1 when it timed out or never started. */
    public int exitCode() {
        return exitCode;
    }

    public boolean timedOut() {
        return timedOut;
    }

    public String stderrTail() {
        return stderrTail;
    }

    private static String describe(int exitCode, boolean timedOut, String stderrTail) {
        String outcome = timedOut ? " (timed out)" : " (exit code " + exitCode + ")";
        if (stderrTail == null || stderrTail.isBlank()) {
            return outcome;
        }
        String tail = stderrTail.length() > MESSAGE_TAIL_CHARS
                ? "…" + stderrTail.substring(stderrTail.length() - MESSAGE_TAIL_CHARS)
                : stderrTail;
        return outcome + ":\n" + tail;
    }
}
