package dev.stt.worker.audio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Cuts a PCM WAV into chunk files by copying sample bytes, sample-exact: chunk boundaries are rounded to frames once,
 * so consecutive chunks share a boundary frame index and together hold every sample exactly once. Streams from file
 * to file; memory use does not grow with the recording.
 */
public final class WavSlicer {

    private WavSlicer() {
    }

    /** Writes one {@code chunk-NNNNN.wav} per span into {@code directory} (created if missing; files replaced). */
    public static List<AudioChunk> slice(WavFile source, List<ChunkSpan> spans, Path directory) {
        try {
            Files.createDirectories(directory);
            List<AudioChunk> chunks = new ArrayList<>(spans.size());
            try (FileChannel in = FileChannel.open(source.path(), StandardOpenOption.READ)) {
                for (int i = 0; i < spans.size(); i++) {
                    ChunkSpan span = spans.get(i);
                    long firstFrame = source.frameAt(span.startSeconds());
                    long endFrame = i == spans.size() - 1 ? source.frames() : source.frameAt(span.endSeconds());
                    Path file = directory.resolve(String.format(Locale.ROOT, "chunk-%05d.wav", span.index()));
                    write(source, in, firstFrame, endFrame, file);
                    chunks.add(new AudioChunk(span, file));
                }
            }
            return chunks;
        } catch (IOException e) {
            throw new UncheckedIOException("could not slice " + source.path(), e);
        }
    }

    private static void write(WavFile source, FileChannel in, long firstFrame, long endFrame, Path file) throws IOException {
        long dataLength = Math.max(0, endFrame - firstFrame) * source.blockAlign();
        byte[] fmt = source.fmtChunk();
        int fmtPad = fmt.length & 1;
        long riffLength = 4 + (8 + fmt.length + fmtPad) + (8 + dataLength) + (dataLength & 1);
        if (riffLength > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("a chunk of " + dataLength + " bytes does not fit in a WAV file");
        }
        ByteBuffer header = ByteBuffer.allocate(12 + 8 + fmt.length + fmtPad + 8).order(ByteOrder.LITTLE_ENDIAN);
        header.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt((int) riffLength)
                .put("WAVE".getBytes(StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(fmt.length).put(fmt).put(new byte[fmtPad])
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt((int) dataLength)
                .flip();
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (header.hasRemaining()) {
                out.write(header);
            }
            long position = source.dataOffset() + firstFrame * source.blockAlign();
            long remaining = dataLength;
            while (remaining > 0) {
                long copied = in.transferTo(position, remaining, out);
                if (copied <= 0) {
                    throw new IOException("unexpected end of " + source.path() + " at byte " + position);
                }
                position += copied;
                remaining -= copied;
            }
            if ((dataLength & 1) == 1) {
                out.write(ByteBuffer.allocate(1));
            }
        }
    }
}
