package dev.stt.api.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stt.api.errors.IdempotencyMismatchException;
import dev.stt.api.errors.ServiceUnavailableException;
import dev.stt.api.errors.ValidationException;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * {@code Idempotency-Key} on submissions: the first request with a key (per caller) runs and its answer is kept for
 * {@code STT_IDEMPOTENCY_TTL}; later requests with the same key and the same request get that answer instead of a new
 * job, and with a different request a 422. Requests that race are decided by one {@code SET NX} in Redis: one runs,
 * the others wait for its answer. A first request that fails (a refused upload, storage down) frees the key again, so a
 * corrected retry is not held to the failure.
 */
@ApplicationScoped
public class IdempotentSubmissions {

    public static final String HEADER = "Idempotency-Key";
    /** Set on an answer that repeats an earlier one. */
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    private static final Pattern ACCEPTABLE = Pattern.compile("[\\x21-\\x7e]{1,255}");
    private static final Duration POLL = Duration.ofMillis(100);
    private static final String KEY_PREFIX = "stt:idempotency:";
    /** KEYS[1]; ARGV: 1 the pending record, 2 lease ms. {1, record} when claimed, {0, the record found} otherwise. */
    private static final String CLAIM = """
            if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return {1, ARGV[1]} end
            return {0, redis.call('GET', KEYS[1]) or ''}
            """;
    /** KEYS[1]; ARGV: 1 our pending record, 2 the final record, 3 ttl ms. Replaces the claim only if it is still ours. */
    private static final String COMPLETE = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
              return 1
            end
            return 0
            """;
    /** KEYS[1]; ARGV: 1 our pending record. Frees the key if the claim is still ours. */
    private static final String RELEASE = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0
            """;

    /** The outcome of a submission: its answer, and whether it repeats an earlier request's. */
    public record Outcome(StoredAnswer answer, boolean replayed) {
    }

    @RegisterForReflection
    record Record(String state, String fingerprint, String token, StoredAnswer answer) {
        static final String PENDING = "pending";
        static final String DONE = "done";
    }

    private final ReactiveRedisDataSource redis;
    private final ObjectMapper json;
    private final IdempotencyConfig config;

    public IdempotentSubmissions(ReactiveRedisDataSource redis, ObjectMapper json, IdempotencyConfig config) {
        this.redis = redis;
        this.json = json;
        this.config = config;
    }

    /** Refuses a key that is not 1–255 visible ASCII characters (400). */
    public static void validate(String key) {
        if (key != null && !ACCEPTABLE.matcher(key).matches()) {
            throw new ValidationException(HEADER, "must be 1 to 255 visible ASCII characters, such as a UUID");
        }
    }

    /**
     * Runs {@code first} once per key: without a key it just runs. {@code subject} is the caller (key or address),
     * {@code fingerprint} identifies the request (route and body), computed only when a key is given.
     */
    public Uni<Outcome> submit(String key, String subject, Supplier<Uni<String>> fingerprint,
            Supplier<Uni<StoredAnswer>> first) {
        if (key == null) {
            return first.get().map(answer -> new Outcome(answer, false));
        }
        validate(key);
        String redisKey = KEY_PREFIX + subject + ":" + sha256(key);
        long giveUp = System.nanoTime() + config.lease().toNanos();
        return fingerprint.get().chain(print -> attempt(redisKey, print, first, giveUp));
    }

    private Uni<Outcome> attempt(String redisKey, String print, Supplier<Uni<StoredAnswer>> first, long giveUp) {
        String pending = write(new Record(Record.PENDING, print, UUID.randomUUID().toString(), null));
        return redis.execute("EVAL", CLAIM, "1", redisKey, pending, Long.toString(config.lease().toMillis()))
                .onFailure().transform(IdempotentSubmissions::unavailable)
                .chain(reply -> {
                    if (reply.get(0).toLong() == 1) {
                        return runFirst(redisKey, pending, print, first);
                    }
                    String found = reply.get(1).toString();
                    if (found.isEmpty()) {
                        // expired between SET and GET: try again at once
                        return attempt(redisKey, print, first, giveUp);
                    }
                    Record record = read(found);
                    if (!record.fingerprint().equals(print)) {
                        throw new IdempotencyMismatchException();
                    }
                    if (Record.DONE.equals(record.state())) {
                        return Uni.createFrom().item(new Outcome(record.answer(), true));
                    }
                    if (System.nanoTime() > giveUp) {
                        throw new ServiceUnavailableException("An earlier request with this Idempotency-Key is still being "
                                + "processed; retry shortly.", null);
                    }
                    // another request with this key is running: its answer is ours
                    return Uni.createFrom().voidItem().onItem().delayIt().by(POLL)
                            .chain(() -> attempt(redisKey, print, first, giveUp));
                });
    }

    private Uni<Outcome> runFirst(String redisKey, String pending, String print, Supplier<Uni<StoredAnswer>> first) {
        return Uni.createFrom().<StoredAnswer>deferred(first::get)
                .onFailure().call(() -> redis.execute("EVAL", RELEASE, "1", redisKey, pending).onFailure().recoverWithNull())
                .call(answer -> redis.execute("EVAL", COMPLETE, "1", redisKey, pending,
                                write(new Record(Record.DONE, print, null, answer)), Long.toString(config.ttl().toMillis()))
                        // the job exists: an answer we could not keep only means a repeat may make another
                        .onFailure().recoverWithNull())
                .map(answer -> new Outcome(answer, false));
    }

    /** SHA-256 (hex) of the parts, each length-prefixed so no two different lists hash alike. */
    public static String fingerprint(Iterable<String> parts) {
        MessageDigest digest = digest();
        for (String part : parts) {
            byte[] bytes = (part == null ? "\u0000" : part).getBytes(StandardCharsets.UTF_8);
            digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
            digest.update((byte) ':');
            digest.update(bytes);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String sha256(String text) {
        return HexFormat.of().formatHex(digest().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private String write(Record record) {
        try {
            return json.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Record read(String text) {
        try {
            return json.readValue(text, Record.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an idempotency record that is not ours: " + text, e);
        }
    }

    private static ServiceUnavailableException unavailable(Throwable e) {
        return new ServiceUnavailableException("Could not check the Idempotency-Key right now; nothing was kept, please retry.", e);
    }

}
