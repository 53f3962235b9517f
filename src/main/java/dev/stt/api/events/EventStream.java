package dev.stt.api.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stt.common.events.JobUpdate;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;

/**
 * One client's Server-Sent Events stream of one job. Events that arrive before the client's first events (the job's
 * state or, on a resume, what it missed) have been sent wait in order; events the client has already had (same or
 * older stream id) are dropped. The stream ends by itself after a final status, or when the job is deleted.
 *
 * <p>Memory per client is bounded: at most {@link #BUFFERED} events wait for a slow client; beyond that the stream
 * fails and the client reconnects with {@code Last-Event-ID}, reading what it missed from Redis.
 */
final class EventStream implements JobWatcher {

    static final int BUFFERED = 64;
    static final String HEARTBEAT = "heartbeat";

    private final UUID jobId;
    private final ObjectMapper json;
    private Sse sse;
    private final Runnable onEnd;
    private final Runnable onHeartbeat;
    private final List<LiveEvent> early = new ArrayList<>();
    private List<LiveEvent> first = List.of();
    private String lastId;
    private JobUpdate lastUpdate;
    private MultiEmitter<? super OutboundSseEvent> emitter;
    private boolean ended;
    private boolean noContent;
    private boolean streaming;

    EventStream(UUID jobId, String lastEventId, ObjectMapper json, Runnable onEnd, Runnable onHeartbeat) {
        this.jobId = jobId;
        this.lastId = lastEventId;
        this.json = json;
        this.onEnd = onEnd;
        this.onHeartbeat = onHeartbeat;
    }

    /** What the client gets before any live event: the job's state, or on a resume the events it missed. */
    synchronized void begin(List<LiveEvent> events, JobUpdate known) {
        this.first = List.copyOf(events);
        if (lastUpdate == null) {
            lastUpdate = known;
        }
    }

    /** A resumed client that has had everything, the final status included: 204 tells EventSource not to reconnect. */
    synchronized void noContent() {
        noContent = true;
    }

    synchronized boolean isNoContent() {
        return noContent;
    }

    /** The events, made with {@code sse} and written on the request's own context ({@code writer}). */
    synchronized Multi<OutboundSseEvent> events(Sse sse, Executor writer) {
        this.sse = sse;
        streaming = true;
        return Multi.createFrom().<OutboundSseEvent>emitter(this::attach, BUFFERED)
                .emitOn(writer)
                .onTermination().invoke(this::end);
    }

    /** The request ended: if it never got as far as streaming (refused, cut off), the stream's place is freed. */
    synchronized void endUnlessStreaming() {
        if (!streaming) {
            end();
        }
    }

    private synchronized void attach(MultiEmitter<? super OutboundSseEvent> emitter) {
        this.emitter = emitter;
        first.forEach(this::send);
        early.forEach(this::send);
        early.clear();
    }

    @Override
    public UUID jobId() {
        return jobId;
    }

    @Override
    public synchronized String lastId() {
        return lastId;
    }

    @Override
    public synchronized void deliver(LiveEvent event) {
        if (emitter == null) {
            if (early.size() < BUFFERED) {
                early.add(event);
            }
            return;
        }
        send(event);
    }

    @Override
    public synchronized boolean isBehind(JobUpdate row) {
        return lastUpdate == null || !Objects.equals(row.status(), lastUpdate.status())
                || row.progress().chunksDone() != lastUpdate.progress().chunksDone();
    }

    @Override
    public synchronized void reconcile(Optional<JobUpdate> row) {
        if (emitter == null || ended) {
            return;
        }
        if (row.isEmpty()) {
            finish();
        } else if (isBehind(row.get())) {
            // caught up from the stream already: what is still missing was never published
            send(LiveEvent.fromDatabase(row.get()));
        }
    }

    @Override
    public synchronized void heartbeat() {
        if (emitter != null && !ended) {
            emitter.emit(sse.newEventBuilder().comment(HEARTBEAT).build());
            onHeartbeat.run();
        }
    }

    @Override
    public synchronized void shutdown() {
        if (emitter != null) {
            finish();
        } else {
            end();
        }
    }

    private void send(LiveEvent event) {
        if (ended || !event.after(lastId)) {
            return;
        }
        if (event.id() != null) {
            lastId = event.id();
        }
        lastUpdate = event.update();
        OutboundSseEvent.Builder builder = sse.newEventBuilder().name(event.name()).data(String.class, json(event.update()));
        if (event.id() != null) {
            builder.id(event.id());
        }
        emitter.emit(builder.build());
        if (event.update().isFinal()) {
            finish();
        }
    }

    private void finish() {
        if (!ended) {
            emitter.complete();
        }
        end();
    }

    /** Frees the stream's place (hub registration, per-key slot) once; safe to call again. */
    synchronized void end() {
        if (!ended) {
            ended = true;
            onEnd.run();
        }
    }

    private String json(JobUpdate update) {
        try {
            return json.writeValueAsString(update);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
