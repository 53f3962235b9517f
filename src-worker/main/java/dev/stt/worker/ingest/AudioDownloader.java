package dev.stt.worker.ingest;

import dev.stt.common.errors.ErrorCode;
import dev.stt.common.net.UrlBlockedException;
import dev.stt.worker.outbound.GuardedHttpClient;
import dev.stt.worker.outbound.GuardedResponse;
import dev.stt.worker.outbound.OutboundFailure;
import dev.stt.worker.outbound.OutboundTimeouts;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpHeaders;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Downloads a job's audio from its URL into a local file, through the guarded client (SSRF checks on every
 * hop), with the upload checks applied on the fly: size cap and accepted containers. Blocking; worker threads.
 */
@ApplicationScoped
public class AudioDownloader {

    private final GuardedHttpClient http;
    private final Vertx vertx;
    private final IngestConfig config;

    public AudioDownloader(GuardedHttpClient http, Vertx vertx, IngestConfig config) {
        this.http = http;
        this.vertx = vertx;
        this.config = config;
    }

    /** @throws DownloadException with the job's {@code error_code} and a message for the user */
    public DownloadedAudio download(String url, Path target) {
        OutboundTimeouts timeouts = new OutboundTimeouts(config.ingest().connectTimeout(), config.ingest().readTimeout(),
                config.ingest().maxDuration());
        MultiMap headers = MultiMap.caseInsensitiveMultiMap()
                .add(HttpHeaders.USER_AGENT, "stt-worker")
                .add(HttpHeaders.ACCEPT, "audio/*, video/*, */*;q=0.5");
        GuardedResponse response = guarded(() -> http.get(url, headers, timeouts));
        if (response.status() < 200 || response.status() > 299) {
            response.discard();
            throw new DownloadException(ErrorCode.DOWNLOAD_FAILED,
                    "The audio URL answered HTTP " + response.status() + " instead of the file.");
        }
        String length = response.header(HttpHeaders.CONTENT_LENGTH.toString());
        if (length != null && length.matches("[0-9]{1,18}") && Long.parseLong(length) > config.maxBytes()) {
            response.discard();
            throw CappedAudioSink.tooLarge(config.maxBytes());
        }
        AsyncFile file = open(target);
        CappedAudioSink sink = new CappedAudioSink(file, config.maxBytes());
        try {
            guarded(() -> {
                http.readBody(response, sink, timeouts);
                return null;
            });
        } finally {
            sink.closeUnlessEnded();
        }
        return new DownloadedAudio(sink.media(), sink.written());
    }

    private static <T> T guarded(java.util.function.Supplier<T> exchange) {
        try {
            return exchange.get();
        } catch (UrlBlockedException e) {
            throw new DownloadException(ErrorCode.URL_BLOCKED, "The audio URL " + e.getMessage() + ".", e);
        } catch (OutboundFailure e) {
            if (e.timedOut()) {
                throw new DownloadException(ErrorCode.TIMEOUT, "The audio's server was too slow to answer or to send the file.", e);
            }
            throw new DownloadException(ErrorCode.DOWNLOAD_FAILED, "The audio could not be downloaded from its URL.", e);
        }
    }

    private AsyncFile open(Path target) {
        try {
            return vertx.fileSystem()
                    .open(target.toString(), new OpenOptions().setWrite(true).setCreate(true).setTruncateExisting(true))
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted opening " + target, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot open " + target, e);
        }
    }
}
