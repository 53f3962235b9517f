package dev.stt.api.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamingZipTest {

    private static final int CHUNK = 8 * 1024;
    private static final ExecutorService WORK = Executors.newFixedThreadPool(2);
    private static final Instant MODIFIED = Instant.parse("2026-01-02T03:04:06Z");

    @TempDir
    Path dir;

    @AfterAll
    static void stopPool() {
        WORK.shutdownNow();
    }

    @Test
    void entriesUnpackToTheirExactBytesInOrder() throws IOException {
        byte[] audio = new byte[3 * 1024 * 1024 + 123];
        new Random(7).nextBytes(audio);
        byte[] text = "line one\nline two\n".repeat(2000).getBytes(StandardCharsets.UTF_8);

        byte[] archive = collect(StreamingZip.of(List.of(
                new ZipEntrySource("audio/talk.wav", MODIFIED, false, chunks(audio, true)),
                new ZipEntrySource("empty.txt", MODIFIED, true, Multi.createFrom().empty()),
                new ZipEntrySource("notes.txt", MODIFIED, true, chunks(text, false))), WORK));

        Map<String, byte[]> entries = unzip(archive);
        assertEquals(List.of("audio/talk.wav", "empty.txt", "notes.txt"), List.copyOf(entries.keySet()));
        assertArrayEquals(audio, entries.get("audio/talk.wav"));
        assertArrayEquals(new byte[0], entries.get("empty.txt"));
        assertArrayEquals(text, entries.get("notes.txt"));
        // the central directory is there too: random access readers agree
        Path file = Files.write(dir.resolve("a.zip"), archive);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            assertEquals(3, zip.size());
            ZipEntry notes = zip.getEntry("notes.txt");
            assertTrue(notes.getCompressedSize() < text.length / 10, "text is deflated");
            assertEquals(MODIFIED, zip.getEntry("audio/talk.wav").getLastModifiedTime().toInstant());
        }
    }

    @Test
    void aFailingSourceFailsTheStreamAndNeverCompletesTheArchive() throws IOException {
        byte[] first = new byte[200 * 1024];
        Multi<ByteBuffer> broken = Multi.createBy().concatenating().streams(
                chunks(first, false), Multi.createFrom().failure(new IOException("storage went away")));
        AssertSubscriber<Buffer> subscriber = StreamingZip.of(List.of(
                new ZipEntrySource("a.bin", MODIFIED, false, chunks(first, false)),
                new ZipEntrySource("b.bin", MODIFIED, false, broken),
                new ZipEntrySource("c.txt", MODIFIED, true, chunks("after".getBytes(StandardCharsets.UTF_8), false))), WORK)
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));

        subscriber.awaitFailure(Duration.ofSeconds(10)).assertFailedWith(IOException.class, "storage went away");
        ByteArrayOutputStream partial = new ByteArrayOutputStream();
        subscriber.getItems().forEach(buffer -> partial.writeBytes(buffer.getBytes()));
        assertTrue(partial.size() > 0, "bytes were sent before the failure");
        Path file = Files.write(dir.resolve("partial.zip"), partial.toByteArray());
        assertThrows(ZipException.class, () -> new ZipFile(file.toFile()).close(), "no central directory");
    }

    @Test
    void sourcesAreReadOnlyAsFastAsTheArchiveIsConsumed() {
        AtomicInteger produced = new AtomicInteger();
        // 800 MiB if it were all read at once
        Multi<ByteBuffer> huge = Multi.createFrom().range(0, 100_000)
                .map(i -> {
                    produced.incrementAndGet();
                    return ByteBuffer.allocate(CHUNK);
                });
        AssertSubscriber<Buffer> subscriber = StreamingZip.of(
                List.of(new ZipEntrySource("huge.bin", MODIFIED, false, huge)), WORK)
                .subscribe().withSubscriber(AssertSubscriber.create(2));

        subscriber.awaitItems(2, Duration.ofSeconds(10));
        int bound = 2 * (StreamingZip.FLUSH_BYTES / CHUNK + 1) + 2 * StreamingZip.PREFETCH;
        assertTrue(produced.get() <= bound, "read " + produced.get() + " chunks for two buffers, at most " + bound);
        subscriber.getItems().forEach(buffer -> assertTrue(buffer.length() < StreamingZip.FLUSH_BYTES + 2 * CHUNK,
                "buffers stay near the flush size: " + buffer.length()));
        subscriber.cancel();
    }

    /** The bytes as a stream of chunks, as heap or direct buffers (the S3 client hands out either). */
    private static Multi<ByteBuffer> chunks(byte[] bytes, boolean direct) {
        return Multi.createFrom().range(0, (bytes.length + CHUNK - 1) / CHUNK)
                .map(i -> {
                    int from = i * CHUNK;
                    int length = Math.min(CHUNK, bytes.length - from);
                    ByteBuffer buffer = direct ? ByteBuffer.allocateDirect(length) : ByteBuffer.allocate(length + 10);
                    if (!direct) {
                        // a slice with an array offset, as pooled heap buffers come
                        buffer.position(5);
                        buffer = buffer.slice();
                    }
                    buffer.put(bytes, from, length).flip();
                    return buffer;
                });
    }

    private static byte[] collect(Multi<Buffer> zip) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        zip.subscribe().asStream().forEach(buffer -> out.writeBytes(buffer.getBytes()));
        return out.toByteArray();
    }

    static Map<String, byte[]> unzip(byte[] archive) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(archive))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                entries.put(entry.getName(), zip.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }
}
