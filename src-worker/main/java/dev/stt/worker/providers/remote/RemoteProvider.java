package dev.stt.worker.providers.remote;

import dev.stt.common.transcript.Segment;
import dev.stt.worker.providers.TranscriptionProvider;
import dev.stt.worker.providers.resilience.ProviderGuard;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * A provider reached over HTTP: the chunk is encoded once to fit the upload limit, then sent under the provider's
 * {@link ProviderGuard} (each retry sends it again).
 */
public abstract class RemoteProvider implements TranscriptionProvider {

    private final String name;
    private final ProviderGuard guard;
    private final ChunkEncoder encoder;
    private final long maxUploadBytes;
    protected final ProviderHttp http;

    protected RemoteProvider(String name, ProviderGuard guard, ChunkEncoder encoder, long maxUploadBytes, ProviderHttp http) {
        this.name = name;
        this.guard = guard;
        this.encoder = encoder;
        this.maxUploadBytes = maxUploadBytes;
        this.http = http;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<Segment> transcribe(Path chunkWav, String language) {
        EncodedAudio audio = encoder.encode(chunkWav, maxUploadBytes);
        try {
            return guard.call(() -> send(audio, language));
        } finally {
            ChunkEncoder.delete(audio);
        }
    }

    /** One attempt: upload the chunk and map the answer; times relative to the chunk. */
    protected abstract List<Segment> send(EncodedAudio audio, String language);

    /** The base URL (any trailing slash dropped) followed by {@code path}. */
    protected static URI endpoint(String baseUrl, String path) {
        return URI.create(baseUrl.replaceAll("/+$", "") + path);
    }
}
