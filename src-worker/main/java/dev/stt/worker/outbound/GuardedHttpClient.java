package dev.stt.worker.outbound;

import dev.stt.common.net.CheckedUrl;
import dev.stt.common.net.UrlBlockedException;
import dev.stt.common.net.UrlGuard;
import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.streams.WriteStream;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * HTTP to client-given URLs (audio downloads, webhooks) that cannot be steered into our own network. Each hop
 * is checked by {@link UrlGuard} — which resolves the name once and judges every address — and the connection
 * goes to that checked address itself, while the Host header and TLS SNI and certificate check still use the
 * name. Nothing resolves the name a second time, so a DNS answer that changes (rebinding) gains nothing.
 * Redirects are followed here, by hand, each one checked like the first URL. Blocking calls, for worker threads.
 */
@ApplicationScoped
public class GuardedHttpClient {

    /** Redirects followed before giving up. */
    public static final int MAX_REDIRECTS = 5;

    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private final UrlGuard guard;
    private final HttpClient client;

    @Inject
    public GuardedHttpClient(UrlGuard guard, Vertx vertx) {
        this(guard, vertx, new HttpClientOptions());
    }

    /** {@code tls} carries trust settings only (tests trust their own certificate); the rest is fixed here. */
    GuardedHttpClient(UrlGuard guard, Vertx vertx, HttpClientOptions tls) {
        this.guard = guard;
        this.client = vertx.createHttpClient(new HttpClientOptions(tls)
                // a pooled connection belongs to one checked address; never reuse it for another request
                .setKeepAlive(false)
                .setMaxRedirects(0)
                .setVerifyHost(true)
                .setForceSni(true)
                .setDecompressionSupported(false));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /**
     * GETs {@code url}, following up to {@link #MAX_REDIRECTS} redirects, each checked before it is connected to.
     *
     * @throws UrlBlockedException when the URL or a redirect target is not allowed
     * @throws OutboundFailure when no response arrives in time, the connection fails, or redirects go on too long
     */
    public GuardedResponse get(String url, MultiMap headers, OutboundTimeouts timeouts) {
        CheckedUrl target = guard.check(url);
        for (int redirects = 0; ; redirects++) {
            GuardedResponse response = exchange(target, HttpMethod.GET, headers, null, timeouts);
            if (!REDIRECTS.contains(response.status())) {
                return response;
            }
            String location = response.header(HttpHeaders.LOCATION.toString());
            response.discard();
            if (location == null) {
                throw new OutboundFailure("HTTP " + response.status() + " without a Location header", false, null);
            }
            if (redirects == MAX_REDIRECTS) {
                throw new OutboundFailure("more than " + MAX_REDIRECTS + " redirects", false, null);
            }
            try {
                target = guard.checkRedirect(target, location);
            } catch (UrlBlockedException e) {
                throw new UrlBlockedException("redirects to a URL that " + e.getMessage());
            }
        }
    }

    /** POSTs {@code body} once; a redirect is returned as the answer, never followed. */
    public GuardedResponse post(String url, MultiMap headers, Buffer body, OutboundTimeouts timeouts) {
        return exchange(guard.check(url), HttpMethod.POST, headers, body, timeouts);
    }

    /**
     * Streams the body of {@code response} into {@code sink}, with backpressure. Fails when no byte arrives for
     * {@code timeouts.idle()} (a stalled server) or the whole body takes longer than {@code timeouts.total()}.
     */
    public void readBody(GuardedResponse response, WriteStream<Buffer> sink, OutboundTimeouts timeouts) {
        HttpClientResponse body = response.response();
        AtomicLong lastByteAt = new AtomicLong(System.nanoTime());
        Promise<Void> done = Promise.promise();
        body.exceptionHandler(done::tryFail);
        body.handler(chunk -> {
            lastByteAt.set(System.nanoTime());
            sink.write(chunk).onFailure(done::tryFail);
            if (sink.writeQueueFull()) {
                body.pause();
                sink.drainHandler(ignored -> body.resume());
            }
        });
        body.endHandler(ignored -> sink.end().onComplete(done));
        body.resume();
        try {
            awaitWhileProgressing(done.future(), lastByteAt, timeouts);
        } catch (RuntimeException e) {
            response.discard();
            throw e;
        }
    }

    private static void awaitWhileProgressing(Future<Void> done, AtomicLong lastByteAt, OutboundTimeouts timeouts) {
        long giveUpAt = System.nanoTime() + timeouts.total().toNanos();
        long idle = timeouts.idle().toNanos();
        while (true) {
            long now = System.nanoTime();
            if (now - lastByteAt.get() >= idle) {
                throw new OutboundFailure("no data for " + timeouts.idle().toSeconds() + " s", true, null);
            }
            long slice = Math.min(lastByteAt.get() + idle - now, giveUpAt - now);
            if (slice <= 0) {
                throw new OutboundFailure("not complete within " + timeouts.total().toSeconds() + " s", true, null);
            }
            try {
                await(done, Duration.ofNanos(slice));
                return;
            } catch (SliceElapsed e) {
                // check progress and the overall deadline again
            }
        }
    }

    private GuardedResponse exchange(CheckedUrl target, HttpMethod method, MultiMap headers, Buffer body,
            OutboundTimeouts timeouts) {
        RequestOptions options = new RequestOptions()
                .setMethod(method)
                .setServer(SocketAddress.inetSocketAddress(target.port(), target.addresses().get(0).getHostAddress()))
                .setHost(target.host())
                .setPort(target.port())
                .setSsl(target.https())
                .setURI(target.requestTarget())
                .setFollowRedirects(false)
                .setConnectTimeout(timeouts.connect().toMillis())
                .setIdleTimeout(timeouts.idle().toMillis());
        options.setHeaders(MultiMap.caseInsensitiveMultiMap().addAll(headers)
                .set(HttpHeaders.HOST, target.hostHeader()));
        AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
        Future<GuardedResponse> answered = client.request(options)
                .compose(request -> {
                    sent.set(request);
                    return body == null ? request.send() : request.send(body);
                })
                // paused on the event loop before any body byte is handed out; the caller decides what to read
                .map(response -> new GuardedResponse(target, response.pause()));
        return await(answered, timeouts, sent);
    }

    private static <T> T await(Future<T> future, OutboundTimeouts timeouts, AtomicReference<HttpClientRequest> pending) {
        try {
            return await(future, timeouts.total());
        } catch (SliceElapsed e) {
            HttpClientRequest stuck = pending.get();
            if (stuck != null) {
                stuck.reset();
            }
            throw new OutboundFailure("no answer within " + timeouts.total().toSeconds() + " s", true, null);
        }
    }

    /** Waits for the future; {@link SliceElapsed} when it is not done in time, its failure as ours otherwise. */
    private static <T> T await(Future<T> future, Duration wait) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new SliceElapsed();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OutboundFailure("interrupted", false, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime && !(cause instanceof io.vertx.core.VertxException)) {
                throw runtime;
            }
            boolean timedOut = cause instanceof TimeoutException || cause instanceof ConnectTimeoutException;
            throw new OutboundFailure(timedOut ? "timed out: " + cause.getMessage() : describe(cause), timedOut, cause);
        }
    }

    /** The wait ran out before the future completed. */
    private static final class SliceElapsed extends RuntimeException {
        SliceElapsed() {
            super(null, null, false, false);
        }
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
