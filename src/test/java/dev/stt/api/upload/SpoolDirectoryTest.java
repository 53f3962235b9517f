package dev.stt.api.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stt.api.config.ApiConfig;
import dev.stt.common.testing.ConfigMappings;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 15, P3: spool files outlive neither their request nor their process, and the spool's size is bounded. */
class SpoolDirectoryTest {

    @TempDir
    Path root;

    @Test
    void atStartTheSpoolOfAProcessThatIsGoneIsRemovedAndALiveOneKept() throws IOException {
        Path dead = Files.createDirectories(root.resolve("api-dead"));
        Files.writeString(dead.resolve(".lock"), "");
        Files.write(dead.resolve("upload-1.part"), new byte[1024]);
        Path live = Files.createDirectories(root.resolve("api-live"));
        Files.write(live.resolve("upload-2.part"), new byte[1024]);
        try (FileChannel channel = FileChannel.open(live.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock held = channelLock(channel)) {
            SpoolDirectory spool = spool(Map.of());
            spool.open(null);
            try {
                assertFalse(Files.exists(dead), "the dead process's spool is gone");
                assertTrue(Files.exists(live.resolve("upload-2.part")), "a running process's upload is kept");
            } finally {
                spool.close(null);
            }
        }
    }

    @Test
    void theSweepRemovesOwnFilesNoRequestHoldsOnceTheyAreOld() throws IOException {
        SpoolDirectory spool = spool(Map.of("stt.upload.spool-max-age", "1H"));
        spool.open(null);
        try {
            Path held = spool.newFile();
            Files.write(held, new byte[16]);
            Path leaked = held.resolveSibling("upload-leaked.part");
            Files.write(leaked, new byte[16]);
            Path young = held.resolveSibling("upload-young.part");
            Files.write(young, new byte[16]);
            FileTime old = FileTime.from(Instant.now().minus(2, ChronoUnit.HOURS));
            Files.setLastModifiedTime(held, old);
            Files.setLastModifiedTime(leaked, old);

            spool.sweep();

            assertTrue(Files.exists(held), "a file a request holds stays, however old");
            assertFalse(Files.exists(leaked), "an old file nobody holds is removed");
            assertTrue(Files.exists(young), "a young file nobody holds may still be a request's");
            spool.discard(held);
            assertFalse(Files.exists(held));
        } finally {
            spool.close(null);
        }
    }

    @Test
    void theBytesInFlightAreBounded() throws IOException {
        SpoolDirectory spool = spool(Map.of("stt.upload.spool-max-mb", "1"));
        assertTrue(spool.reserve(700 * 1024));
        assertFalse(spool.reserve(400 * 1024), "past the capacity");
        spool.release(700 * 1024);
        assertTrue(spool.reserve(400 * 1024), "room again once an upload is done");
        assertEquals(root, spool.root());
    }

    private SpoolDirectory spool(Map<String, String> properties) {
        Map<String, String> all = new java.util.HashMap<>(properties);
        all.put("stt.upload.spool-dir", root.toString());
        return new SpoolDirectory(ConfigMappings.with(ApiConfig.class, all));
    }

    private static FileLock channelLock(FileChannel channel) throws IOException {
        return channel.lock();
    }
}
