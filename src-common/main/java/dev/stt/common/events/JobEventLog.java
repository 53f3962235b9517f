package dev.stt.common.events;

import java.util.Optional;
import java.util.UUID;

/**
 * Where job events live in Redis, shared by everyone who writes them (workers; the API when a client cancels) and
 * the API instances that stream them to clients.
 *
 * <ul>
 * <li>Each job has a stream {@code stt:events:{job id}}: its events in order, capped at {@link #MAX_LENGTH}
 * entries and expiring {@code STT_EVENTS_RETENTION} after the last one. Entry ids are the SSE event ids, so a client
 * that reconnects with {@code Last-Event-ID} is served what followed from here ({@code XRANGE}).</li>
 * <li>Every event is also published on the one channel {@link #CHANNEL}. Each API instance subscribes to it once and
 * hands events to the clients it serves: Redis holds one subscription per API instance, however many clients wait.</li>
 * </ul>
 *
 * {@link #APPEND} does both in one script, so the channel carries events in stream order.
 */
public final class JobEventLog {

    public static final String CHANNEL = "stt:events";
    /** Chunk events of a 16-hour recording cut into 60 s chunks, plus its status changes. */
    public static final int MAX_LENGTH = 1000;
    /** A status change: uploaded → processing → completed | failed | cancelled. */
    public static final String STATUS = "status";
    /** A chunk finished (or the chunk count became known). */
    public static final String PROGRESS = "progress";

    /**
     * KEYS[1] the job's stream; ARGV: 1 max length, 2 retention in ms, 3 event name, 4 data (JSON), 5 job id,
     * 6 channel. Returns the entry id.
     */
    public static final String APPEND = """
            local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', 'event', ARGV[3], 'data', ARGV[4])
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
            redis.call('PUBLISH', ARGV[6], ARGV[5] .. ' ' .. id .. ' ' .. ARGV[3] .. ' ' .. ARGV[4])
            return id
            """;

    private JobEventLog() {
    }

    public static String streamKey(UUID jobId) {
        return "stt:events:" + jobId;
    }

    /** One event as published on {@link #CHANNEL}: {@code <job id> <entry id> <event name> <data>}. */
    public record Published(UUID jobId, String id, String event, String data) {

        public static Optional<Published> parse(String message) {
            String[] parts = message.split(" ", 4);
            if (parts.length < 4) {
                return Optional.empty();
            }
            try {
                return Optional.of(new Published(UUID.fromString(parts[0]), parts[1], parts[2], parts[3]));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
    }

    /**
     * Compares two stream entry ids ({@code <ms>-<seq>}) in stream order; malformed ids sort first.
     */
    public static int compareIds(String a, String b) {
        long[] x = parseId(a);
        long[] y = parseId(b);
        int byTime = Long.compare(x[0], y[0]);
        return byTime != 0 ? byTime : Long.compare(x[1], y[1]);
    }

    /** Whether {@code id} is a stream entry id as Redis writes them. */
    public static boolean isId(String id) {
        return id != null && id.matches("\\d{1,19}-\\d{1,19}");
    }

    private static long[] parseId(String id) {
        if (!isId(id)) {
            return new long[] {-1, -1};
        }
        int dash = id.indexOf('-');
        try {
            return new long[] {Long.parseUnsignedLong(id.substring(0, dash)), Long.parseUnsignedLong(id.substring(dash + 1))};
        } catch (NumberFormatException e) {
            return new long[] {-1, -1};
        }
    }
}
