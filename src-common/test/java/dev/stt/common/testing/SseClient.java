package dev.stt.common.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A Server-Sent Events client that records exactly what came over the wire: events (id, name, data), comments, and
 * the end of the stream. Reads on a thread of its own; tests take what arrived with a deadline.
 */
public final class SseClient implements AutoCloseable {

    /** One thing read off the stream: an event, a comment ({@code name} "comment"), or the end ({@code name} "end"). */
    public record Frame(String id, String name, String data) {

        public boolean isEnd() {
            return "end".equals(name);
        }

        public boolean isComment() {
            return "comment".equals(name);
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final HttpResponse<InputStream> response;
    private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    private final Thread reader;

    private SseClient(HttpResponse<InputStream> response) {
        this.response = response;
        this.reader = new Thread(this::read, "sse-client");
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens {@code url} with these headers; returns once the response headers arrived. */
    public static SseClient open(String url, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream").GET();
        headers.forEach(request::header);
        try {
            return new SseClient(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public int status() {
        return response.statusCode();
    }

    public String header(String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    /** The next frame, comments included; fails the test when nothing arrives in time. */
    public Frame next(Duration deadline) {
        try {
            Frame frame = frames.poll(deadline.toMillis(), TimeUnit.MILLISECONDS);
            if (frame == null) {
                throw new AssertionError("nothing arrived on the event stream within " + deadline);
            }
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The next event, skipping comments. */
    public Frame nextEvent(Duration deadline) {
        long giveUp = System.nanoTime() + deadline.toNanos();
        while (true) {
            Frame frame = next(Duration.ofNanos(Math.max(1, giveUp - System.nanoTime())));
            if (!frame.isComment()) {
                return frame;
            }
        }
    }

    /** Every event up to the end of the stream, which must come within the deadline. */
    public List<Frame> eventsUntilEnd(Duration deadline) {
        List<Frame> events = new ArrayList<>();
        long giveUp = System.nanoTime() + deadline.toNanos();
        while (true) {
            Frame frame = nextEvent(Duration.ofNanos(Math.max(1, giveUp - System.nanoTime())));
            if (frame.isEnd()) {
                return events;
            }
            events.add(frame);
        }
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String id = null;
            String name = null;
            StringBuilder data = null;
            for (String line; (line = lines.readLine()) != null; ) {
                if (line.isEmpty()) {
                    if (name != null || data != null) {
                        frames.add(new Frame(id, name == null ? "message" : name, data == null ? null : data.toString()));
                    }
                    id = null;
                    name = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    frames.add(new Frame(null, "comment", line.substring(1).strip()));
                } else {
                    int colon = line.indexOf(':');
                    String field = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : line.substring(colon + 1);
                    if (value.startsWith(" ")) {
                        value = value.substring(1);
                    }
                    switch (field) {
                        case "id" -> id = value;
                        case "event" -> name = value;
                        case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                        default -> { }
                    }
                }
            }
        } catch (IOException e) {
            // the connection went away: that is the end as far as the test is concerned
        } finally {
            frames.add(new Frame(null, "end", null));
        }
    }

    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException e) {
            // closing anyway
        }
        reader.interrupt();
    }
}
