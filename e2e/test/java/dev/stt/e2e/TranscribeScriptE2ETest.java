package dev.stt.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stt.common.testing.SpeechFixtures;
import dev.stt.common.testing.WordErrorRate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code examples/transcribe.sh}, the script CI pipelines copy, run for real against the running services. */
class TranscribeScriptE2ETest {

    @TempDir
    Path dir;

    @Test
    void theScriptPrintsATranscriptCloseToTheReference() throws Exception {
        Path speech = SpeechFixtures.speechWav(dir);

        Result result = run(speech.toString());

        assertEquals(0, result.exitCode(), result.stderr());
        double wer = WordErrorRate.of(SpeechFixtures.referenceText(), result.stdout());
        System.out.printf("examples/transcribe.sh: WER %.3f on %.1f s of LibriVox speech%n", wer,
                SpeechFixtures.durationSeconds(speech));
        assertTrue(wer <= 0.40, "word error rate " + wer + " for: " + result.stdout());
    }

    @Test
    void theScriptPrintsSubtitlesWhenAsked() throws Exception {
        Result result = run(SpeechFixtures.clips().get(0).toString(), "vtt");

        assertEquals(0, result.exitCode(), result.stderr());
        assertTrue(result.stdout().startsWith("WEBVTT"), result.stdout());
        assertTrue(result.stdout().matches("(?s).*\\d{2}:\\d{2}:\\d{2}\\.\\d{3} --> \\d{2}:\\d{2}:\\d{2}\\.\\d{3}.*"));
    }

    @Test
    void theScriptFailsLoudlyOnSomethingThatIsNotAudio() throws Exception {
        Path notAudio = dir.resolve("page.mp3");
        Files.writeString(notAudio, "<!doctype html><html><body>hello</body></html>");

        Result result = run(notAudio.toString());

        assertNotEquals(0, result.exitCode());
        assertTrue(result.stderr().contains("invalid_audio") || result.stderr().contains("unsupported_media"),
                "the error code is shown: " + result.stderr());
    }

    private Result run(String... args) throws IOException, InterruptedException {
        Path script = Stack.REPO.resolve("examples/transcribe.sh");
        ProcessBuilder builder = new ProcessBuilder("bash", script.toString());
        builder.command().addAll(java.util.List.of(args));
        builder.environment().put("STT_URL", Stack.URL);
        Path out = dir.resolve("stdout");
        Path err = dir.resolve("stderr");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("examples/transcribe.sh did not finish in 10 minutes");
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private record Result(int exitCode, String stdout, String stderr) {
    }
}
