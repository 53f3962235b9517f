package dev.stt.worker.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stt.common.testing.ConfigMappings;
import dev.stt.common.testing.SpeechFixtures;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavFileTest {

    @TempDir
    Path dir;

    @Test
    void findsTheSamplesBehindTheListChunkFfmpegWrites() throws IOException {
        Path normalized = new AudioNormalizer(FfmpegRunner.from(ConfigMappings.withDefaults(AudioConfig.class)))
                .normalize(SpeechFixtures.clips().get(1), dir.resolve("clip.wav")).path();
        byte[] bytes = Files.readAllBytes(normalized);
        assertEquals("LIST", new String(bytes, 36, 4, StandardCharsets.US_ASCII), "ffmpeg wrote a LIST chunk after fmt");

        WavFile wav = WavFile.read(normalized);

        assertTrue(wav.dataOffset() > 44, "data found behind the LIST chunk at " + wav.dataOffset());
        assertEquals("data", new String(bytes, (int) wav.dataOffset() - 8, 4, StandardCharsets.US_ASCII));
        assertEquals(bytes.length - wav.dataOffset(), wav.dataLength());
        assertEquals(SpeechFixtures.durationSeconds(normalized), wav.durationSeconds(), 0.001);
    }

    @Test
    void skipsUnknownChunksIncludingTheirPadByte() throws IOException {
        short[] samples = {1, -2, 3, -4, 5};
        Path file = TestWavs.write(dir.resolve("odd.wav"), 16_000, samples,
                TestWavs.chunk("junk", new byte[3]), TestWavs.chunk("LIST", "INFOISFTabc".getBytes(StandardCharsets.US_ASCII)));

        WavFile wav = WavFile.read(file);

        assertEquals(5, wav.frames());
        assertEquals(16_000, wav.sampleRate());
        assertArrayEquals(samples, TestWavs.samples(file, wav));
    }

    @Test
    void readsToTheEndWhenTheDataSizeWasNeverFilledIn() throws IOException {
        Path file = TestWavs.write(dir.resolve("streamed.wav"), 8_000, new short[] {7, 8, 9, 10});
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(40, 0xFFFFFFFF);
        Files.write(file, bytes);

        assertEquals(4, WavFile.read(file).frames());
    }

    @Test
    void rejectsWhatIsNotAPcmWav() throws IOException {
        Path html = Files.writeString(dir.resolve("page.wav"), "<html><body>not audio</body></html>");
        assertThrows(IllegalArgumentException.class, () -> WavFile.read(html));
        Path truncated = Files.write(dir.resolve("truncated.wav"),
                Arrays.copyOf(Files.readAllBytes(TestWavs.write(dir.resolve("whole.wav"), 8_000, new short[] {1})), 30));
        assertThrows(IllegalArgumentException.class, () -> WavFile.read(truncated));
    }
}
