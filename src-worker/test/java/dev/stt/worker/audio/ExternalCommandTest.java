package dev.stt.worker.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ExternalCommandTest {

    @Test
    void passesArgumentsLiterallyWithoutAShell() {
        ExternalCommand.Result result = ExternalCommand.of(List.of("/bin/echo", "$(id)", ";", "*", "a b")).run();
        assertTrue(result.succeeded());
        assertEquals("$(id) ; * a b\n", result.stdout());
    }

    @Test
    void reportsTheExitCodeAndStderr() {
        ExternalCommand.Result result = ExternalCommand.of(List.of("sh", "-c", "echo broken >&2; exit 3")).run();
        assertFalse(result.succeeded());
        assertEquals(3, result.exitCode());
        assertEquals("broken", result.stderrTail());
    }

    @Test
    void killsTheProcessTreeOnTimeout() {
        long started = System.nanoTime();
        ExternalCommand.Result result = ExternalCommand.of(List.of("sh", "-c", "sleep 60 & echo $!; wait"))
                .timeout(Duration.ofMillis(500))
                .run();
        assertTrue(result.timedOut());
        assertFalse(result.succeeded());
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 10, "returned soon after the timeout");
        long grandchild = Long.parseLong(result.stdout().trim());
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (ProcessHandle.of(grandchild).map(ProcessHandle::isAlive).orElse(false)) {
            assertTrue(System.nanoTime() < deadline, "the grandchild process " + grandchild + " is still running");
            Thread.onSpinWait();
        }
    }

    @Test
    void keepsOnlyTheTailOfStderrButStreamsEveryLine() {
        AtomicInteger lines = new AtomicInteger();
        ExternalCommand.Result result = ExternalCommand.of(List.of("sh", "-c", "seq 1 100000 >&2"))
                .stderrTailChars(1000)
                .onStderrLine(line -> lines.incrementAndGet())
                .run();
        assertTrue(result.succeeded());
        assertEquals(100_000, lines.get());
        assertTrue(result.stderrTail().length() <= 1000, "tail of " + result.stderrTail().length() + " chars");
        assertTrue(result.stderrTail().endsWith("99999\n100000"), result.stderrTail());
    }

    @Test
    void capsStdoutAndStillLetsTheProgramFinish() {
        ExternalCommand.Result result = ExternalCommand.of(List.of("seq", "1", "1000000"))
                .stdoutLimitBytes(1000)
                .run();
        assertTrue(result.succeeded());
        assertTrue(result.stdoutTruncated());
        assertEquals(1000, result.stdout().length());
        assertTrue(result.stdout().startsWith("1\n2\n3\n"));
    }

    @Test
    void failsClearlyWhenTheProgramIsMissing() {
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> ExternalCommand.of(List.of("/nonexistent/ffmpeg", "-version")).run());
        assertTrue(e.getMessage().contains("/nonexistent/ffmpeg"), e.getMessage());
    }

    @Test
    void rethrowsAFailingStderrListenerAfterTheProgramEnds() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ExternalCommand.of(List.of("sh", "-c", "seq 1 100000 >&2"))
                        .timeout(Duration.ofSeconds(30))
                        .onStderrLine(line -> {
                            throw new IllegalStateException("listener broke on " + line);
                        })
                        .run());
        assertEquals("listener broke on 1", e.getMessage());
    }
}
