package dev.stt.api.queue;

import dev.stt.common.stream.WorkItem;
import dev.stt.common.stream.WorkStream;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.stream.ReactiveStreamCommands;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Hands work to the workers by appending it to the work stream. */
@ApplicationScoped
public class WorkPublisher {

    private final ReactiveStreamCommands<String, String, String> streams;

    public WorkPublisher(ReactiveRedisDataSource redis) {
        this.streams = redis.stream(String.class);
    }

    /** @return the stream entry id */
    public Uni<String> publish(WorkItem item) {
        return streams.xadd(WorkStream.KEY, item.toFields());
    }
}
