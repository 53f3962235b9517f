package dev.stt.worker.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on 127.0.0.1 (the test profile's only allow-listed address) playing the other side of
 * outbound requests: audio hosts and webhook receivers. Every request is recorded; answers are scripted per path.
 */
public final class LocalHttpServer implements AutoCloseable {

    /** One request as it arrived. Header names are lower case. */
    public record Received(String method, String path, Map<String, String> headers, byte[] body, Instant at) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    @FunctionalInterface
    public interface Responder {
        void respond(HttpExchange exchange) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Map<String, Responder> routes = new ConcurrentHashMap<>();
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    /** Released on close, so a stalling responder never outlives its test. */
    private final CountDownLatch closing = new CountDownLatch(1);

    private LocalHttpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    public static LocalHttpServer start() {
        try {
            return new LocalHttpServer();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start a local HTTP server", e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    public LocalHttpServer on(String path, Responder responder) {
        routes.put(path, responder);
        return this;
    }

    public List<Received> requests(String path) {
        synchronized (received) {
            return received.stream().filter(r -> r.path().equals(path)).toList();
        }
    }

    public List<Received> requests() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        threads.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> headers = new ConcurrentHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getRawPath();
            received.add(new Received(exchange.getRequestMethod(), path, headers, body, Instant.now()));
            Responder responder = routes.get(path);
            if (responder == null) {
                status(404).respond(exchange);
            } else {
                responder.respond(exchange);
            }
        } catch (IOException e) {
            // the client hung up on purpose (size cap, timeout); nothing to answer
        }
    }

    // --- scripted answers ---

    public static Responder status(int code) {
        return exchange -> {
            exchange.sendResponseHeaders(code, -1);
        };
    }

    public static Responder statusWithHeader(int code, String header, String value) {
        return exchange -> {
            exchange.getResponseHeaders().add(header, value);
            exchange.sendResponseHeaders(code, -1);
        };
    }

    public static Responder redirect(int code, String location) {
        return statusWithHeader(code, "Location", location);
    }

    public static Responder file(Path file, String contentType) {
        return exchange -> {
            exchange.getResponseHeaders().add("Content-Type", contentType);
            exchange.sendResponseHeaders(200, Files.size(file));
            try (OutputStream out = exchange.getResponseBody()) {
                Files.copy(file, out);
            }
        };
    }

    public static Responder bytes(byte[] content, String contentType) {
        return exchange -> {
            exchange.getResponseHeaders().add("Content-Type", contentType);
            exchange.sendResponseHeaders(200, content.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(content);
            }
        };
    }

    /** {@code head}, then {@code total} bytes in all, streamed in chunks without announcing a length. */
    public static Responder endless(byte[] head, long total) {
        return exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(head);
                byte[] block = new byte[64 * 1024];
                for (long sent = head.length; sent < total; sent += block.length) {
                    out.write(block);
                }
            }
        };
    }

    /** {@code head}, then nothing until the test ends: a server that stalls mid-transfer. */
    public Responder stallAfter(byte[] head) {
        return exchange -> {
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            out.write(head);
            out.flush();
            awaitClose();
        };
    }

    /** Answers nothing at all until the test ends, then {@code code}. */
    public Responder stallThen(int code) {
        return exchange -> {
            awaitClose();
            exchange.sendResponseHeaders(code, -1);
        };
    }

    /** The n-th request gets the n-th answer; the last answer repeats. */
    public static Responder sequence(Responder... answers) {
        AtomicInteger calls = new AtomicInteger();
        return exchange -> answers[Math.min(calls.getAndIncrement(), answers.length - 1)].respond(exchange);
    }

    private void awaitClose() {
        try {
            closing.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
