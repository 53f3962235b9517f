package dev.stt.worker.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stt.common.testing.AudioFixtureFormat;
import dev.stt.common.testing.ConfigMappings;
import dev.stt.common.testing.SpeechFixtures;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AudioChunkerTest {

    private static final double TARGET_SECONDS = 20;

    @TempDir
    static Path dir;

    private static AudioConfig config;
    private static AudioChunker chunker;

    @BeforeAll
    static void setUp() {
        config = ConfigMappings.withDefaults(AudioConfig.class);
        chunker = new AudioChunker(config);
    }

    @Test
    void cutsTwoMinutesOfSpeechIntoValidChunksThatAddUpToTheWhole() throws IOException {
        Path wav = SpeechFixtures.repeatedSpeechWav(dir, 120);
        Path source = SpeechFixtures.encode(wav, AudioFixtureFormat.MP3, dir);

        PreparedAudio prepared = chunker.prepare(source, dir.resolve("job"), TARGET_SECONDS);

        // against the WAV it was encoded from: ffprobe only estimates an MP3's duration
        assertEquals(SpeechFixtures.durationSeconds(wav), prepared.durationSeconds(), 0.1);
        List<AudioChunk> chunks = prepared.chunks();
        assertTrue(chunks.size() >= 5 && chunks.size() <= 8, chunks.size() + " chunks");
        long frames = 0;
        for (int i = 0; i < chunks.size(); i++) {
            AudioChunk chunk = chunks.get(i);
            assertEquals(i, chunk.index());
            if (i > 0) {
                assertEquals(chunks.get(i - 1).span().endSeconds(), chunk.span().startSeconds(), "contiguous");
            }
            String stream = FfmpegRunner.from(config).ffprobe(List.of(
                    "-show_entries", "stream=codec_name,sample_rate,channels", "-of", "default=noprint_wrappers=1",
                    chunk.file().toString()));
            assertEquals(List.of("codec_name=pcm_s16le", "sample_rate=16000", "channels=1"), stream.lines().toList(),
                    chunk.file() + " is a valid 16 kHz mono WAV");
            double seconds = SpeechFixtures.durationSeconds(chunk.file());
            assertEquals(chunk.span().durationSeconds(), seconds, 0.001, "chunk " + i);
            frames += WavFile.read(chunk.file()).frames();
        }
        assertEquals(0.0, chunks.get(0).span().startSeconds());
        assertEquals(prepared.durationSeconds(), chunks.get(chunks.size() - 1).span().endSeconds());
        assertEquals(WavFile.read(prepared.normalizedWav()).frames(), frames, "every sample in exactly one chunk");
    }

    @Test
    void cutsFallInPausesNotInWords() throws IOException {
        Path source = SpeechFixtures.repeatedSpeechWav(dir, 120);

        PreparedAudio prepared = chunker.prepare(source, dir.resolve("pauses"), TARGET_SECONDS);

        WavFile normalized = WavFile.read(prepared.normalizedWav());
        double speechLevel = rmsDbfs(normalized, 0, prepared.durationSeconds());
        for (AudioChunk chunk : prepared.chunks().subList(1, prepared.chunks().size())) {
            double cut = chunk.span().startSeconds();
            double level = rmsDbfs(normalized, cut - 0.1, cut + 0.1);
            assertTrue(level < config.silenceThresholdDb() && level < speechLevel - 15,
                    "the 200 ms around the cut at " + cut + " s are at " + level + " dBFS, speech at " + speechLevel);
        }
    }

    @Test
    void aShortVideoBecomesOneChunkOfItsAudio() {
        Path video = SpeechFixtures.encode(SpeechFixtures.speechWav(dir), AudioFixtureFormat.MP4_VIDEO, dir);

        PreparedAudio prepared = chunker.prepare(video, dir.resolve("video"), 60);

        assertEquals(1, prepared.chunks().size());
        assertEquals(SpeechFixtures.speechSeconds(), prepared.durationSeconds(), 0.1);
        assertEquals(prepared.durationSeconds(), WavFile.read(prepared.chunks().get(0).file()).durationSeconds(), 1e-9);
    }

    @Test
    void invalidInputIsReportedAsSuch() throws IOException {
        Path html = Files.writeString(dir.resolve("index.mp3"), "<html><body>Moved</body></html>");
        assertThrows(InvalidAudioException.class, () -> chunker.prepare(html, dir.resolve("html"), 60));
    }

    private static double rmsDbfs(WavFile wav, double fromSeconds, double toSeconds) throws IOException {
        long first = wav.frameAt(fromSeconds);
        long end = wav.frameAt(toSeconds);
        double sumOfSquares = 0;
        try (FileChannel channel = FileChannel.open(wav.path(), StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024).order(ByteOrder.LITTLE_ENDIAN);
            long position = wav.dataOffset() + first * 2;
            long remaining = (end - first) * 2;
            while (remaining > 0) {
                buffer.clear().limit((int) Math.min(buffer.capacity(), remaining));
                int read = channel.read(buffer, position);
                buffer.flip();
                while (buffer.remaining() >= 2) {
                    double sample = buffer.getShort() / 32768.0;
                    sumOfSquares += sample * sample;
                }
                position += read;
                remaining -= read;
            }
        }
        return 10 * Math.log10(sumOfSquares / (end - first) + 1e-12);
    }
}
