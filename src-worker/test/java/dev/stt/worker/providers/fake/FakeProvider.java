package dev.stt.worker.providers.fake;

import dev.stt.common.testing.SpeechFixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link FakeProviderServer} for one test class: started before its tests, healthy again before each, stopped after;
 * and chunks of real speech to send it. Use as {@code @RegisterExtension static final FakeProvider fakeProvider = new FakeProvider();}.
 */
public final class FakeProvider implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    private FakeProviderServer server;
    private Path dir;

    public FakeProviderServer server() {
        return server;
    }

    /** The 27 s speech recording as a chunk in a directory of its own, as each chunk has in the pipeline. */
    public Path speechChunk(String name) {
        return chunk(name, SpeechFixtures.speechWav(dir));
    }

    /** A 7 s speech clip as a chunk in a directory of its own. */
    public Path clipChunk(String name) {
        return chunk(name, SpeechFixtures.clips().get(0));
    }

    private Path chunk(String name, Path source) {
        try {
            Path wav = Files.createDirectories(dir.resolve(name)).resolve("chunk.wav");
            return Files.exists(wav) ? wav : Files.copy(source, wav);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("fake-provider-test-");
        server = new FakeProviderServer(RemoteProviders.KEY);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        server.healthy();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        server.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
