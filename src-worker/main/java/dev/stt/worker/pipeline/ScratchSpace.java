package dev.stt.worker.pipeline;

import dev.stt.worker.config.WorkerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Per-task scratch directories under the configured work dir, removed with everything in them. */
@ApplicationScoped
public class ScratchSpace {

    private final Path root;

    public ScratchSpace(WorkerConfig config) {
        this.root = config.workDir();
    }

    public Path create(String prefix) throws IOException {
        Files.createDirectories(root);
        return Files.createTempDirectory(root, prefix);
    }

    public void remove(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            org.jboss.logging.Logger.getLogger(ScratchSpace.class).warnf("Could not remove %s: %s", dir, e.getMessage());
        }
    }
}
