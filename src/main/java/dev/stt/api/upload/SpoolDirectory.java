package dev.stt.api.upload;

import dev.stt.api.config.ApiConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Comparator;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Where uploads wait between the network and S3. Each API process works in a directory of its own, held by a file
 * lock while it runs: at start and on every sweep, directories whose lock can be taken belong to processes that
 * died, and are removed whole. A process's own files are removed as soon as their request ends (completed, refused,
 * or cut off), and the sweep removes any of its own that no request holds and that are older than
 * {@code STT_UPLOAD_SPOOL_MAX_AGE}. The bytes of all uploads in flight are bounded by {@code STT_UPLOAD_SPOOL_MAX_MB}.
 */
@ApplicationScoped
public class SpoolDirectory {

    private static final Logger LOG = Logger.getLogger(SpoolDirectory.class);
    private static final String LOCK = ".lock";

    private final Path root;
    private final Path mine;
    private final long capacityBytes;
    private final java.time.Duration maxAge;
    private final AtomicLong reserved = new AtomicLong();
    private final Set<Path> held = ConcurrentHashMap.newKeySet();
    private FileChannel lockChannel;
    private FileLock lock;

    public SpoolDirectory(ApiConfig config) {
        this.root = Path.of(config.upload().spoolDir().orElse(System.getProperty("java.io.tmpdir") + "/stt-spool"));
        this.mine = root.resolve("api-" + UUID.randomUUID());
        this.capacityBytes = config.upload().spoolMaxMb() * 1024 * 1024;
        this.maxAge = config.upload().spoolMaxAge();
    }

    void open(@Observes StartupEvent start) throws IOException {
        Files.createDirectories(mine);
        lockChannel = FileChannel.open(mine.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        lock = lockChannel.lock();
        sweep();
    }

    void close(@Observes ShutdownEvent stop) throws IOException {
        if (lock != null) {
            deleteTree(mine);
            lock.release();
            lockChannel.close();
        }
    }

    /** A new, empty file for one upload, held until {@link #discard}. */
    Path newFile() {
        Path file = mine.resolve("upload-" + UUID.randomUUID() + ".part");
        held.add(file);
        return file;
    }

    /** Frees a file of {@link #newFile}; blocking file I/O, for worker threads or the file system's own pool. */
    void discard(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warnf("Could not remove spool file %s (%s); the sweep will", file, e.toString());
        } finally {
            held.remove(file);
        }
    }

    /** Claims room for {@code bytes} more upload bytes; false when the uploads in flight already use the capacity. */
    boolean reserve(long bytes) {
        long after = reserved.addAndGet(bytes);
        if (after > capacityBytes) {
            reserved.addAndGet(-bytes);
            return false;
        }
        return true;
    }

    void release(long bytes) {
        reserved.addAndGet(-bytes);
    }

    /** The directory every API process's spool lives in. */
    public Path root() {
        return root;
    }

    @Scheduled(every = "{stt.upload.spool-sweep-every}", delayed = "{stt.upload.spool-sweep-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(root)) {
            for (Path directory : processes) {
                if (directory.equals(mine)) {
                    removeLeaked();
                } else if (Files.isDirectory(directory) && ownerIsGone(directory)) {
                    LOG.infof("Removing the upload spool %s of an API process that is gone", directory.getFileName());
                    deleteTree(directory);
                }
            }
        } catch (IOException e) {
            LOG.warnf("Could not sweep the upload spool %s: %s", root, e.toString());
        }
    }

    private void removeLeaked() throws IOException {
        Instant cutoff = Instant.now().minus(maxAge);
        try (Stream<Path> files = Files.list(mine)) {
            for (Path file : files.filter(f -> !f.getFileName().toString().equals(LOCK) && !held.contains(f)).toList()) {
                if (Files.getLastModifiedTime(file).toInstant().isBefore(cutoff)) {
                    LOG.warnf("Removing leaked upload spool file %s", file.getFileName());
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    /** Whether the process that made this directory has ended: nobody holds its lock. */
    private static boolean ownerIsGone(Path directory) {
        Path lockFile = directory.resolve(LOCK);
        if (!Files.exists(lockFile)) {
            return true;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock taken = channel.tryLock();
            if (taken == null) {
                return false;
            }
            taken.release();
            return true;
        } catch (OverlappingFileLockException e) {
            return false; // another application in this JVM (tests) holds it
        } catch (NoSuchFileException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteTree(Path directory) {
        try (Stream<Path> tree = Files.walk(directory)) {
            tree.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.warnf("Could not remove %s: %s", directory, e.toString());
        }
    }
}
