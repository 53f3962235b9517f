package dev.stt.worker.audio;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs an external program (ffmpeg, ffprobe, an engine binary) directly, never through a shell, with a timeout that
 * kills the whole process tree, and with bounded memory: stdout up to a limit, stderr as a tail of its last
 * characters, optionally streamed line by line to a listener.
 */
public final class ExternalCommand {

    /** How a run ended. {@code stdout} is complete unless {@code stdoutTruncated}. */
    public record Result(int exitCode, boolean timedOut, String stdout, boolean stdoutTruncated, String stderrTail) {

        public boolean succeeded() {
            return !timedOut && exitCode == 0;
        }
    }

    private static final int MAX_LINE_CHARS = 8 * 1024;
    private static final Duration DRAIN_GRACE = Duration.ofSeconds(10);

    private final List<String> command;
    private Duration timeout = Duration.ofMinutes(10);
    private int stdoutLimitBytes = 1024 * 1024;
    private int stderrTailChars = 16 * 1024;
    private Consumer<String> stderrListener = line -> { };

    private ExternalCommand(List<String> command) {
        this.command = List.copyOf(command);
    }

    public static ExternalCommand of(List<String> command) {
        return new ExternalCommand(command);
    }

    public ExternalCommand timeout(Duration timeout) {
        this.timeout = Objects.requireNonNull(timeout);
        return this;
    }

    public ExternalCommand stdoutLimitBytes(int bytes) {
        this.stdoutLimitBytes = bytes;
        return this;
    }

    public ExternalCommand stderrTailChars(int chars) {
        this.stderrTailChars = chars;
        return this;
    }

    /** Receives every stderr line (lines longer than 8 KiB are cut), on a reader thread, as it is printed. */
    public ExternalCommand onStderrLine(Consumer<String> listener) {
        this.stderrListener = Objects.requireNonNull(listener);
        return this;
    }

    public List<String> command() {
        return command;
    }

    /**
     * Blocks until the program exits or the timeout passes (then the process and its descendants are killed).
     *
     * @throws UncheckedIOException when the program cannot be started (not installed, not executable)
     * @throws CancellationException when the calling thread is interrupted; the process tree is killed first
     */
    public Result run() {
        Process process;
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + command.get(0), e);
        }
        String name = command.get(0);
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // the program reading stdin then sees a broken pipe instead of end of file: it fails, it does not hang
        }
        StdoutCollector stdout = new StdoutCollector(process.getInputStream(), stdoutLimitBytes);
        StderrTail stderr = new StderrTail(process.getErrorStream(), stderrTailChars, stderrListener);
        Thread stdoutReader = startDaemon(stdout, name + "-stdout");
        Thread stderrReader = startDaemon(stderr, name + "-stderr");
        boolean timedOut;
        try {
            timedOut = !process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (timedOut) {
                killTree(process);
                process.waitFor();
            }
            stdoutReader.join(DRAIN_GRACE.toMillis());
            stderrReader.join(DRAIN_GRACE.toMillis());
        } catch (InterruptedException e) {
            killTree(process);
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while running " + name);
        }
        if (stderr.listenerFailure() != null) {
            throw stderr.listenerFailure();
        }
        return new Result(timedOut ? -1 : process.exitValue(), timedOut, stdout.text(), stdout.truncated(), stderr.text());
    }

    private static void killTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static Thread startDaemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static final class StdoutCollector implements Runnable {
        private final InputStream in;
        private final int limit;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private boolean truncated;

        StdoutCollector(InputStream in, int limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public void run() {
            byte[] buffer = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buffer)) != -1) {
                    synchronized (this) {
                        int room = limit - bytes.size();
                        bytes.write(buffer, 0, Math.max(0, Math.min(room, n)));
                        truncated |= n > room;
                    }
                }
            } catch (IOException ignored) {
                // the stream closes when the process is killed; what was read so far is kept
            }
        }

        synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }

        synchronized boolean truncated() {
            return truncated;
        }
    }

    private static final class StderrTail implements Runnable {
        private final InputStream in;
        private final int maxChars;
        private final Consumer<String> listener;
        private final Deque<String> lines = new ArrayDeque<>();
        private int chars;
        private volatile RuntimeException listenerFailure;

        StderrTail(InputStream in, int maxChars, Consumer<String> listener) {
            this.in = in;
            this.maxChars = maxChars;
            this.listener = listener;
        }

        @Override
        public void run() {
            try (Reader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                StringBuilder line = new StringBuilder();
                int c;
                while ((c = reader.read()) != -1) {
                    if (c == '\n' || c == '\r') {
                        if (line.length() > 0) {
                            accept(line.toString());
                            line.setLength(0);
                        }
                    } else if (line.length() < MAX_LINE_CHARS) {
                        line.append((char) c);
                    }
                }
                if (line.length() > 0) {
                    accept(line.toString());
                }
            } catch (IOException ignored) {
                // the stream closes when the process is killed; the tail so far is kept
            }
        }

        private void accept(String line) {
            // keep draining after a listener failure: a full pipe would block the program until the timeout
            if (listenerFailure == null) {
                try {
                    listener.accept(line);
                } catch (RuntimeException e) {
                    listenerFailure = e;
                }
            }
            synchronized (this) {
                lines.addLast(line);
                chars += line.length() + 1;
                while (chars > maxChars && lines.size() > 1) {
                    chars -= lines.removeFirst().length() + 1;
                }
            }
        }

        RuntimeException listenerFailure() {
            return listenerFailure;
        }

        synchronized String text() {
            String text = String.join("\n", lines);
            return text.length() > maxChars ? text.substring(text.length() - maxChars) : text;
        }
    }
}
