package dev.stt.api.bundle;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A {@link ZipOutputStream} fed one piece at a time that hands back what it has written once there is at least
 * {@code flushBytes} of it, so the archive leaves in a few large writes and never collects in memory.
 * Entries are deflated with data descriptors (sizes and CRC after the data), which is what lets an entry stream
 * before its length and checksum are known; entries that should not be compressed use deflate level 0, which stores
 * the bytes in raw blocks at the speed of a copy.
 */
final class ZipWriter implements AutoCloseable {

    private static final byte[] NOTHING = new byte[0];
    private static final int COPY_BYTES = 16 * 1024;

    private final Output output = new Output();
    private final ZipOutputStream zip = new ZipOutputStream(output, StandardCharsets.UTF_8);
    private final int flushBytes;
    private byte[] copy;

    ZipWriter(int flushBytes) {
        this.flushBytes = flushBytes;
    }

    // synchronized: a cancelled download closes the writer from another thread than the one feeding it

    synchronized byte[] begin(ZipEntrySource source) throws IOException {
        zip.setLevel(source.compress() ? Deflater.DEFAULT_COMPRESSION : Deflater.NO_COMPRESSION);
        ZipEntry entry = new ZipEntry(source.name());
        entry.setLastModifiedTime(FileTime.from(source.modified()));
        zip.putNextEntry(entry);
        return output.takeAtLeast(flushBytes);
    }

    synchronized byte[] write(ByteBuffer data) throws IOException {
        if (data.hasArray()) {
            zip.write(data.array(), data.arrayOffset() + data.position(), data.remaining());
        } else {
            if (copy == null) {
                copy = new byte[COPY_BYTES];
            }
            ByteBuffer source = data.duplicate();
            while (source.hasRemaining()) {
                int n = Math.min(copy.length, source.remaining());
                source.get(copy, 0, n);
                zip.write(copy, 0, n);
            }
        }
        return output.takeAtLeast(flushBytes);
    }

    synchronized byte[] end() throws IOException {
        zip.closeEntry();
        return output.takeAtLeast(flushBytes);
    }

    /** Writes the central directory: only now is the archive complete. Returns everything not handed back yet. */
    synchronized byte[] finish() throws IOException {
        zip.finish();
        return output.takeAtLeast(0);
    }

    /** Releases the deflater; after a failure or a cancellation the archive is abandoned, never completed. */
    @Override
    public synchronized void close() {
        try {
            zip.close();
        } catch (IOException ignored) {
            // nothing is sent after this; the deflater is released either way
        }
    }

    private static final class Output extends ByteArrayOutputStream {

        Output() {
            super(COPY_BYTES);
        }

        byte[] takeAtLeast(int bytes) {
            if (count == 0 || count < bytes) {
                return NOTHING;
            }
            byte[] taken = toByteArray();
            reset();
            return taken;
        }
    }
}
