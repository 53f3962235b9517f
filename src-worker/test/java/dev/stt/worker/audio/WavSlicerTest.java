package dev.stt.worker.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavSlicerTest {

    @TempDir
    Path dir;

    @Test
    void everySampleLandsInExactlyOneChunkInOrder() throws IOException {
        int rate = 1_000;
        short[] samples = new short[10_007];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) i;
        }
        Path file = TestWavs.write(dir.resolve("ramp.wav"), rate, samples, TestWavs.chunk("LIST", new byte[5]));
        WavFile wav = WavFile.read(file);
        // boundaries that fall between samples must round the same way for the chunk ending and the one starting
        List<ChunkSpan> spans = List.of(new ChunkSpan(0, 0, 3.3336), new ChunkSpan(1, 3.3336, 6.6667),
                new ChunkSpan(2, 6.6667, wav.durationSeconds()));

        List<AudioChunk> chunks = WavSlicer.slice(wav, spans, dir.resolve("chunks"));

        assertEquals(3, chunks.size());
        int next = 0;
        int[] expectedStarts = {0, 3334, 6667};
        for (int c = 0; c < chunks.size(); c++) {
            AudioChunk chunk = chunks.get(c);
            assertEquals(spans.get(c), chunk.span());
            assertEquals("chunk-0000" + c + ".wav", chunk.file().getFileName().toString());
            WavFile piece = WavFile.read(chunk.file());
            assertEquals(rate, piece.sampleRate());
            assertEquals(44, piece.dataOffset(), "a plain header");
            short[] pieceSamples = TestWavs.samples(chunk.file(), piece);
            assertEquals(expectedStarts[c], pieceSamples[0]);
            for (short sample : pieceSamples) {
                assertEquals(next++, sample, "sample order in chunk " + c);
            }
        }
        assertEquals(samples.length, next);
    }

    @Test
    void aSingleSpanCopiesTheWholeRecording() throws IOException {
        short[] samples = {5, 4, 3, 2, 1};
        WavFile wav = WavFile.read(TestWavs.write(dir.resolve("short.wav"), 16_000, samples));

        List<AudioChunk> chunks = WavSlicer.slice(wav, List.of(new ChunkSpan(0, 0, wav.durationSeconds())), dir);

        assertArrayEquals(samples, TestWavs.samples(chunks.get(0).file(), WavFile.read(chunks.get(0).file())));
    }
}
