package dev.stt.worker.providers.remote;

import dev.stt.common.transcript.Segment;
import dev.stt.worker.providers.TranscriptionProvider;
import dev.stt.worker.providers.resilience.ProviderGuard;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A provider reached over HTTP: under the provider's {@link ProviderGuard}, the chunk is encoded once to fit the upload
 * limit and sent (again on each retry).
 */
public abstract class RemoteProvider implements TranscriptionProvider {

    private final String name;
    private final ProviderGuard guard;
    private final ChunkEncoder encoder;
    private final long maxUploadBytes;
    private final Duration chunkTimeout;
    protected final ProviderHttp http;

    protected RemoteProvider(String name, RemoteProviderConfig config, long maxUploadBytes, ProviderGuard guard,
            ChunkEncoder encoder) {
        this.name = name;
        this.guard = guard;
        this.encoder = encoder;
        this.maxUploadBytes = maxUploadBytes;
        this.chunkTimeout = config.longestGuardedCall();
        this.http = new ProviderHttp(name, config.connectTimeout(), config.apiKey().filter(key -> !key.isBlank()));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Duration chunkTimeout() {
        return chunkTimeout;
    }

    @Override
    public List<Segment> transcribe(Path chunkWav, String language) {
        // encoded on the first attempt, not before: an open breaker fails fast without running ffmpeg
        EncodedAudio[] audio = new EncodedAudio[1];
        try {
            return guard.call(() -> {
                if (audio[0] == null) {
                    audio[0] = encoder.encode(chunkWav, maxUploadBytes);
                }
                return send(audio[0], language);
            });
        } finally {
            if (audio[0] != null) {
                ChunkEncoder.delete(audio[0]);
            }
        }
    }

    /** One attempt: upload the chunk and map the answer; times relative to the chunk. */
    protected abstract List<Segment> send(EncodedAudio audio, String language);

    /** The base URL (any trailing slash dropped) followed by {@code path}. */
    protected static URI endpoint(String baseUrl, String path) {
        return URI.create(baseUrl.replaceAll("/+$", "") + path);
    }
}
