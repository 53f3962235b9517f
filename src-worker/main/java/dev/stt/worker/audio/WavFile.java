package dev.stt.worker.audio;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Where a PCM WAV file keeps its format and its samples, read from the RIFF chunk list without loading the samples.
 * Chunks other than {@code fmt } and {@code data} (ffmpeg writes a {@code LIST} chunk) are skipped.
 */
public final class WavFile {

    private static final int FORMAT_PCM = 1;
    private static final int FORMAT_EXTENSIBLE = 0xFFFE;
    private static final long UNKNOWN_SIZE = 0xFFFFFFFFL;
    private static final long MAX_FMT_SIZE = 1024;

    private final Path path;
    private final byte[] fmtChunk;
    private final int channels;
    private final int sampleRate;
    private final int bitsPerSample;
    private final int blockAlign;
    private final long dataOffset;
    private final long dataLength;

    private WavFile(Path path, byte[] fmtChunk, long dataOffset, long dataLength) {
        this.path = path;
        this.fmtChunk = fmtChunk;
        ByteBuffer fmt = ByteBuffer.wrap(fmtChunk).order(ByteOrder.LITTLE_ENDIAN);
        int formatTag = Short.toUnsignedInt(fmt.getShort(0));
        this.channels = Short.toUnsignedInt(fmt.getShort(2));
        this.sampleRate = fmt.getInt(4);
        this.blockAlign = Short.toUnsignedInt(fmt.getShort(12));
        this.bitsPerSample = Short.toUnsignedInt(fmt.getShort(14));
        if (formatTag != FORMAT_PCM && formatTag != FORMAT_EXTENSIBLE) {
            throw new IllegalArgumentException(path + " is not PCM (format tag " + formatTag + ")");
        }
        if (channels == 0 || sampleRate <= 0 || blockAlign == 0) {
            throw new IllegalArgumentException(path + " has an impossible format: " + channels + " channels, "
                    + sampleRate + " Hz, block align " + blockAlign);
        }
        this.dataOffset = dataOffset;
        // a partial last frame is not a sample
        this.dataLength = dataLength - dataLength % blockAlign;
    }

    /** @throws IllegalArgumentException when the file is not a RIFF/WAVE PCM file */
    public static WavFile read(Path path) {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            ByteBuffer riff = readFully(channel, 0, 12);
            if (!"RIFF".equals(fourCc(riff, 0)) || !"WAVE".equals(fourCc(riff, 8))) {
                throw new IllegalArgumentException(path + " is not a RIFF/WAVE file");
            }
            long fileSize = channel.size();
            byte[] fmt = null;
            long position = 12;
            while (position + 8 <= fileSize) {
                ByteBuffer header = readFully(channel, position, 8);
                String id = fourCc(header, 0);
                long size = Integer.toUnsignedLong(header.getInt(4));
                long body = position + 8;
                if ("fmt ".equals(id)) {
                    if (size < 16 || size > MAX_FMT_SIZE) {
                        throw new IllegalArgumentException(path + " has a fmt chunk of impossible size " + size);
                    }
                    fmt = readFully(channel, body, (int) size).array();
                } else if ("data".equals(id)) {
                    if (fmt == null) {
                        throw new IllegalArgumentException(path + " has its data chunk before its fmt chunk");
                    }
                    // writers that could not seek back leave the size unknown or too large: the data runs to the end
                    long available = fileSize - body;
                    long length = size == UNKNOWN_SIZE || size > available ? available : size;
                    return new WavFile(path, fmt, body, length);
                }
                // chunks are word aligned: an odd-sized chunk is followed by one pad byte
                position = body + size + (size & 1);
            }
            throw new IllegalArgumentException(path + " has no " + (fmt == null ? "fmt" : "data") + " chunk");
        } catch (EOFException e) {
            throw new IllegalArgumentException(path + " is truncated: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + path, e);
        }
    }

    public Path path() {
        return path;
    }

    /** The {@code fmt } chunk's body as stored, to copy into chunk files unchanged. */
    public byte[] fmtChunk() {
        return fmtChunk.clone();
    }

    public int channels() {
        return channels;
    }

    public int sampleRate() {
        return sampleRate;
    }

    public int bitsPerSample() {
        return bitsPerSample;
    }

    /** Bytes per frame: one sample for every channel. */
    public int blockAlign() {
        return blockAlign;
    }

    public long dataOffset() {
        return dataOffset;
    }

    public long dataLength() {
        return dataLength;
    }

    public long frames() {
        return dataLength / blockAlign;
    }

    public double durationSeconds() {
        return (double) frames() / sampleRate;
    }

    /** The frame nearest {@code seconds}, within the file. */
    public long frameAt(double seconds) {
        return Math.max(0, Math.min(frames(), Math.round(seconds * sampleRate)));
    }

    private static ByteBuffer readFully(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new EOFException("unexpected end of file at byte " + (position + buffer.position()));
            }
        }
        return buffer.flip();
    }

    private static String fourCc(ByteBuffer buffer, int offset) {
        byte[] id = new byte[4];
        buffer.get(offset, id);
        return new String(id, StandardCharsets.US_ASCII);
    }
}
