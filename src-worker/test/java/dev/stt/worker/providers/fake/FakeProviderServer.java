package dev.stt.worker.providers.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.stt.common.testing.ConfigMappings;
import dev.stt.common.transcript.Segment;
import dev.stt.common.transcript.Word;
import dev.stt.worker.audio.FfmpegRunner;
import dev.stt.worker.providers.PocketsphinxConfig;
import dev.stt.worker.providers.PocketsphinxProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * A stand-in for the paid providers, on 127.0.0.1, speaking their wire formats: OpenAI's
 * {@code POST /v1/audio/transcriptions} (multipart in, {@code verbose_json} out) and Gemini's
 * {@code POST /v1beta/models/{model}:generateContent} (inline base64 audio and a response schema in, the model's JSON
 * as text out). It really transcribes what it receives (ffmpeg decodes the upload, pocketsphinx listens), so a wrong
 * upload shows as a wrong transcript. Faults on command: a fixed failure rate, a full outage, slowness, rejected
 * keys, and rate limits with a wait; every request to a provider endpoint counts as a hit.
 */
public final class FakeProviderServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GEMINI_PATH = "/v1beta/models/";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final String expectedKey;
    private final PocketsphinxProvider engine = new PocketsphinxProvider(ConfigMappings.withDefaults(PocketsphinxConfig.class));
    private final FfmpegRunner ffmpeg = new FfmpegRunner("ffmpeg", "ffprobe", Duration.ofMinutes(2));
    private final Path scratch;

    private final AtomicInteger hits = new AtomicInteger();
    private final List<Long> hitTimesNanos = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong failuresDue = new AtomicLong();
    private volatile double failureRate;
    private volatile boolean outage;
    private volatile boolean rejectKeys;
    private volatile Duration delay = Duration.ZERO;
    private final AtomicInteger rateLimitedLeft = new AtomicInteger();
    private volatile int retryAfterSeconds;
    private volatile String lastUploadType;
    private volatile String lastUploadName;
    private volatile List<String> lastFields = List.of();

    public FakeProviderServer(String expectedKey) {
        this.expectedKey = expectedKey;
        try {
            this.scratch = Files.createTempDirectory("fake-provider-");
            this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/v1/audio/transcriptions", exchange -> serve(exchange, this::openAi));
        server.createContext(GEMINI_PATH, exchange -> serve(exchange, this::gemini));
        server.setExecutor(executor);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    // --- faults on command

    /** Back to a healthy provider; the hit counter is kept. */
    public FakeProviderServer healthy() {
        failureRate = 0;
        outage = false;
        rejectKeys = false;
        delay = Duration.ZERO;
        rateLimitedLeft.set(0);
        return this;
    }

    /** This share of requests answers 503, spread evenly (0.5: every other one). */
    public FakeProviderServer failureRate(double rate) {
        failuresDue.set(0);
        failureRate = rate;
        return this;
    }

    /** Every request answers 503. */
    public FakeProviderServer outage(boolean down) {
        outage = down;
        return this;
    }

    /** Every request waits this long before it is answered. */
    public FakeProviderServer slow(Duration wait) {
        delay = wait;
        return this;
    }

    /** Every key is refused as the real providers refuse them: 401 (OpenAI) or 400 API_KEY_INVALID (Gemini). */
    public FakeProviderServer rejectKeys(boolean reject) {
        rejectKeys = reject;
        return this;
    }

    /** The next {@code times} requests answer 429, asking to wait {@code seconds}. */
    public FakeProviderServer rateLimit(int times, int seconds) {
        retryAfterSeconds = seconds;
        rateLimitedLeft.set(times);
        return this;
    }

    // --- what it saw

    public int hits() {
        return hits.get();
    }

    /** When each hit arrived ({@link System#nanoTime()}), in order. */
    public List<Long> hitTimesNanos() {
        synchronized (hitTimesNanos) {
            return List.copyOf(hitTimesNanos);
        }
    }

    public String lastUploadType() {
        return lastUploadType;
    }

    public String lastUploadName() {
        return lastUploadName;
    }

    /** The last request's form fields (OpenAI) or request settings (Gemini), as {@code name=value}. */
    public List<String> lastFields() {
        return lastFields;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // --- serving

    private interface Endpoint {
        Answer handle(HttpExchange exchange, byte[] body) throws Exception;
    }

    private record Answer(int status, String json, String retryAfter) {
        static Answer ok(String json) {
            return new Answer(200, json, null);
        }
    }

    private void serve(HttpExchange exchange, Endpoint endpoint) throws IOException {
        try (exchange) {
            hits.incrementAndGet();
            hitTimesNanos.add(System.nanoTime());
            byte[] body = exchange.getRequestBody().readAllBytes();
            Answer answer;
            try {
                if (!delay.isZero()) {
                    TimeUnit.MILLISECONDS.sleep(delay.toMillis());
                }
                answer = injectedFault(exchange);
                if (answer == null) {
                    answer = endpoint.handle(exchange, body);
                }
            } catch (IllegalArgumentException e) {
                answer = new Answer(400, error(400, e.getMessage(), "INVALID_ARGUMENT"), null);
            } catch (Exception e) {
                answer = new Answer(500, error(500, "fake failed: " + e, "INTERNAL"), null);
            }
            byte[] bytes = answer.json().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            if (answer.retryAfter() != null) {
                exchange.getResponseHeaders().set("Retry-After", answer.retryAfter());
            }
            exchange.sendResponseHeaders(answer.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            // the client gave up (its timeout): nothing to answer
        }
    }

    private Answer injectedFault(HttpExchange exchange) {
        boolean gemini = exchange.getRequestURI().getPath().startsWith(GEMINI_PATH);
        String given = gemini ? exchange.getRequestHeaders().getFirst("x-goog-api-key")
                : bearer(exchange.getRequestHeaders().getFirst("Authorization"));
        if (rejectKeys || (expectedKey != null && !expectedKey.equals(given))) {
            // both providers quote (part of) the key back; the worker must not repeat it anywhere
            return gemini
                    ? new Answer(400, "{\"error\":{\"code\":400,\"message\":\"API key not valid: " + given
                            + "\",\"status\":\"INVALID_ARGUMENT\",\"details\":[{\"reason\":\"API_KEY_INVALID\"}]}}", null)
                    : new Answer(401, "{\"error\":{\"message\":\"Incorrect API key provided: " + given
                            + ".\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}", null);
        }
        if (rateLimitedLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return gemini
                    ? new Answer(429, "{\"error\":{\"code\":429,\"message\":\"Resource exhausted\",\"status\":"
                            + "\"RESOURCE_EXHAUSTED\",\"details\":[{\"retryDelay\":\"" + retryAfterSeconds + "s\"}]}}", null)
                    : new Answer(429, error(429, "Rate limit reached for requests", "rate_limit_exceeded"),
                            Integer.toString(retryAfterSeconds));
        }
        if (outage || dueToFail()) {
            return new Answer(503, error(503, "The server is overloaded. Please try again later.", "UNAVAILABLE"), null);
        }
        return null;
    }

    /** Error diffusion: fails exactly {@code rate} of the requests, evenly spread, the same way on every run. */
    private boolean dueToFail() {
        double rate = failureRate;
        if (rate <= 0) {
            return false;
        }
        long scaled = failuresDue.addAndGet(Math.round(rate * 1000));
        if (scaled >= 1000) {
            failuresDue.addAndGet(-1000);
            return true;
        }
        return false;
    }

    private Answer openAi(HttpExchange exchange, byte[] body) throws Exception {
        Multipart form = Multipart.parse(exchange.getRequestHeaders().getFirst("Content-Type"), body);
        Multipart.Part file = form.file("file");
        require(file != null && file.body().length > 0, "file is required");
        require(!form.values("model").isEmpty(), "model is required");
        require(form.values("response_format").equals(List.of("verbose_json")), "this fake only does verbose_json");
        require(form.values("timestamp_granularities[]").containsAll(List.of("word", "segment")),
                "word and segment timestamps are required");
        lastUploadType = file.contentType();
        lastUploadName = file.fileName();
        lastFields = form.parts().stream().filter(p -> p.fileName() == null).map(p -> p.name() + "=" + p.text()).toList();
        List<Segment> segments = transcribe(file.body(), file.fileName());
        ObjectNode answer = JSON.createObjectNode()
                .put("task", "transcribe")
                .put("language", "english")
                .put("duration", segments.isEmpty() ? 0 : segments.get(segments.size() - 1).end())
                .put("text", segments.stream().map(Segment::text).collect(Collectors.joining(" ")));
        ArrayNode segmentNodes = answer.putArray("segments");
        ArrayNode wordNodes = answer.putArray("words");
        for (int i = 0; i < segments.size(); i++) {
            Segment segment = segments.get(i);
            segmentNodes.addObject().put("id", i).put("seek", 0).put("start", segment.start()).put("end", segment.end())
                    .put("text", " " + segment.text()).put("temperature", 0.0).put("avg_logprob", -0.2)
                    .put("compression_ratio", 1.3).put("no_speech_prob", 0.01).putArray("tokens");
            for (Word word : segment.words()) {
                // OpenAI's shape: words at the top level, without probabilities
                wordNodes.addObject().put("word", word.word()).put("start", word.start()).put("end", word.end());
            }
        }
        return Answer.ok(JSON.writeValueAsString(answer));
    }

    private Answer gemini(HttpExchange exchange, byte[] body) throws Exception {
        require(exchange.getRequestURI().getPath().endsWith(":generateContent"), "unknown method");
        JsonNode request = JSON.readTree(body);
        JsonNode parts = request.path("contents").path(0).path("parts");
        String prompt = "";
        JsonNode audio = null;
        for (JsonNode part : parts) {
            prompt = part.has("text") ? part.get("text").asText() : prompt;
            audio = part.has("inlineData") ? part.get("inlineData") : audio;
        }
        require(!prompt.isBlank(), "a text part with the instruction is required");
        require(audio != null && audio.hasNonNull("data") && audio.hasNonNull("mimeType"), "inline audio is required");
        JsonNode generation = request.path("generationConfig");
        require("application/json".equals(generation.path("responseMimeType").asText()), "JSON answers were asked for");
        require(generation.path("responseSchema").path("properties").has("segments"), "a segments schema was asked for");
        lastUploadType = audio.get("mimeType").asText();
        lastUploadName = null;
        lastFields = List.of("responseMimeType=" + generation.path("responseMimeType").asText(), "prompt=" + prompt);
        String extension = lastUploadType.substring(lastUploadType.indexOf('/') + 1);
        List<Segment> segments = transcribe(Base64.getDecoder().decode(audio.get("data").asText()), "upload." + extension);
        ObjectNode transcript = JSON.createObjectNode();
        ArrayNode segmentNodes = transcript.putArray("segments");
        segments.forEach(s -> segmentNodes.addObject().put("start", s.start()).put("end", s.end()).put("text", s.text()));
        ObjectNode answer = JSON.createObjectNode();
        ObjectNode candidate = answer.putArray("candidates").addObject();
        candidate.putObject("content").put("role", "model").putArray("parts").addObject()
                .put("text", JSON.writeValueAsString(transcript));
        candidate.put("finishReason", "STOP").put("index", 0);
        answer.put("modelVersion", exchange.getRequestURI().getPath().substring(GEMINI_PATH.length()).split(":")[0]);
        return Answer.ok(JSON.writeValueAsString(answer));
    }

    /** Decodes whatever arrived with ffmpeg, as a provider would, and lets pocketsphinx listen to it. */
    private List<Segment> transcribe(byte[] upload, String fileName) throws IOException {
        Path dir = Files.createTempDirectory(scratch, "request-");
        try {
            Path received = dir.resolve(fileName == null ? "upload.bin" : fileName.replaceAll("[^A-Za-z0-9.]", "_"));
            Files.write(received, upload);
            Path wav = dir.resolve("decoded.wav");
            List<String> arguments = new ArrayList<>(FfmpegRunner.input(received, "flac,ogg,wav,mp3"));
            arguments.addAll(List.of("-ac", "1", "-ar", "16000", "-c:a", "pcm_s16le", FfmpegRunner.fileUrl(wav)));
            try {
                ffmpeg.ffmpeg(arguments, line -> { });
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("Invalid file format: the audio could not be decoded");
            }
            return engine.transcribe(wav, "en");
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    private static String bearer(String authorization) {
        return authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : null;
    }

    private static String error(int code, String message, String status) {
        ObjectNode error = JSON.createObjectNode();
        error.putObject("error").put("code", code).put("message", message).put("status", status);
        return error.toString();
    }
}
