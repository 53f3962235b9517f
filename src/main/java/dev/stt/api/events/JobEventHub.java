package dev.stt.api.events;

import dev.stt.common.events.EventsConfig;
import dev.stt.common.events.JobEventLog;
import dev.stt.common.events.JobUpdate;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * This API instance's one ear on the job events: a single subscription to the events channel, whatever the number of
 * clients, handing each event to the watchers of its job here. Every heartbeat it also compares the watched jobs with
 * PostgreSQL in one query; a watcher behind the row (a publication missed while the subscription was down, or never
 * made) is caught up from the job's event stream, and a final status that was never published is taken from the row.
 */
@ApplicationScoped
public class JobEventHub {

    private static final Logger LOG = Logger.getLogger(JobEventHub.class);
    private static final long RESUBSCRIBE_MILLIS = 1000;

    private final ReactivePubSubCommands<String> pubsub;
    private final JobEventStreams streams;
    private final JobStates states;
    private final EventsConfig config;
    private final Vertx vertx;
    private final Map<UUID, Set<JobWatcher>> watchers = new ConcurrentHashMap<>();
    private final AtomicInteger watching = new AtomicInteger();
    private volatile boolean running;
    private volatile ReactivePubSubCommands.ReactiveRedisSubscriber subscriber;
    private long timer = -1;

    public JobEventHub(ReactiveRedisDataSource redis, JobEventStreams streams, JobStates states, EventsConfig config,
            Vertx vertx) {
        this.pubsub = redis.pubsub(String.class);
        this.streams = streams;
        this.states = states;
        this.config = config;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent start) {
        running = true;
        subscribe();
        timer = vertx.setPeriodic(config.heartbeat().toMillis(), ignored -> tick());
    }

    void stop(@Observes ShutdownEvent stop) {
        running = false;
        vertx.cancelTimer(timer);
        watchers.values().forEach(set -> List.copyOf(set).forEach(JobWatcher::shutdown));
        ReactivePubSubCommands.ReactiveRedisSubscriber current = subscriber;
        if (current != null) {
            current.unsubscribe().subscribe().with(ignored -> {
            }, e -> LOG.debugf("Unsubscribing from job events: %s", e));
        }
    }

    /**
     * Starts handing the job's events to {@code watcher}; false when this instance already serves as many watchers as
     * {@code STT_EVENTS_MAX_STREAMS_PER_INSTANCE} allows.
     */
    public boolean add(JobWatcher watcher) {
        if (watching.incrementAndGet() > config.maxStreamsPerInstance()) {
            watching.decrementAndGet();
            return false;
        }
        watchers.computeIfAbsent(watcher.jobId(), id -> ConcurrentHashMap.newKeySet()).add(watcher);
        return true;
    }

    public void remove(JobWatcher watcher) {
        watchers.computeIfPresent(watcher.jobId(), (id, set) -> {
            if (set.remove(watcher)) {
                watching.decrementAndGet();
            }
            return set.isEmpty() ? null : set;
        });
    }

    /** Watchers on this instance now (event streams and waiting requests). */
    public int watching() {
        return watching.get();
    }

    private void subscribe() {
        if (!running) {
            return;
        }
        pubsub.subscribe(JobEventLog.CHANNEL, this::onMessage, this::resubscribeLater, e -> {
            LOG.warnf("Job events subscription failed (%s); subscribing again", e.toString());
            resubscribeLater();
        }).subscribe().with(subscribed -> {
            subscriber = subscribed;
            // anything published while no subscription was listening is in the job streams
            catchUpAll();
        }, e -> {
            LOG.warnf("Could not subscribe to job events (%s); trying again", e.toString());
            resubscribeLater();
        });
    }

    private void resubscribeLater() {
        subscriber = null;
        if (running) {
            vertx.setTimer(RESUBSCRIBE_MILLIS, ignored -> subscribe());
        }
    }

    private void onMessage(String message) {
        JobEventLog.Published.parse(message).ifPresent(published -> {
            Set<JobWatcher> interested = watchers.get(published.jobId());
            if (interested == null || interested.isEmpty()) {
                return;
            }
            try {
                LiveEvent event = streams.parse(published.id(), published.event(), published.data());
                List.copyOf(interested).forEach(watcher -> watcher.deliver(event));
            } catch (RuntimeException e) {
                // one unreadable message must not end the subscription every client depends on
                LOG.warnf("Dropped an unreadable job event of job %s: %s", published.jobId(), e.toString());
            }
        });
    }

    /** Heartbeats, then one comparison of every watched job with PostgreSQL. */
    private void tick() {
        List<JobWatcher> all = new ArrayList<>();
        watchers.values().forEach(all::addAll);
        all.forEach(JobWatcher::heartbeat);
        if (watchers.isEmpty()) {
            return;
        }
        states.current(Set.copyOf(watchers.keySet()))
                .subscribe().with(this::reconcile, e -> LOG.warnf("Could not compare watched jobs with the database: %s", e.toString()));
    }

    private void reconcile(Map<UUID, JobUpdate> current) {
        watchers.forEach((jobId, set) -> {
            Optional<JobUpdate> row = Optional.ofNullable(current.get(jobId));
            List<JobWatcher> behind = List.copyOf(set).stream()
                    .filter(watcher -> row.isEmpty() || watcher.isBehind(row.get()))
                    .toList();
            if (behind.isEmpty()) {
                return;
            }
            if (row.isEmpty()) {
                behind.forEach(watcher -> watcher.reconcile(row));
                return;
            }
            catchUp(jobId, behind).subscribe().with(ignored -> behind.forEach(watcher -> watcher.reconcile(row)),
                    e -> behind.forEach(watcher -> watcher.reconcile(row)));
        });
    }

    private void catchUpAll() {
        watchers.forEach((jobId, set) -> catchUp(jobId, List.copyOf(set)).subscribe().with(ignored -> {
        }, e -> LOG.debugf("Catching up job %s: %s", jobId, e)));
    }

    /** Hands the watchers every event of the job after the oldest position among them (each keeps what is new to it). */
    Uni<Void> catchUp(UUID jobId, List<JobWatcher> behind) {
        String from = null;
        for (JobWatcher watcher : behind) {
            String last = watcher.lastId() == null ? JobEventStreams.BEGINNING : watcher.lastId();
            if (from == null || JobEventLog.compareIds(last, from) < 0) {
                from = last;
            }
        }
        if (from == null) {
            return Uni.createFrom().voidItem();
        }
        return streams.after(jobId, from)
                .invoke(events -> events.forEach(event -> behind.forEach(watcher -> watcher.deliver(event))))
                .replaceWithVoid();
    }
}
