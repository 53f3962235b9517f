package dev.stt.worker.stream;

import dev.stt.common.jobs.Schema;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jboss.logging.Logger;

/** The API owns migrations; a worker starting first waits here until the schema it was built for exists. */
@ApplicationScoped
public class SchemaGate {

    private static final Logger LOG = Logger.getLogger(SchemaGate.class);
    private static final Duration POLL = Duration.ofSeconds(1);

    private final Pool pool;

    public SchemaGate(Pool pool) {
        this.pool = pool;
    }

    public void awaitSchema(Duration deadline) {
        Instant giveUpAt = Instant.now().plus(deadline);
        int seen = -1;
        while ((seen = migratedVersion()) < Schema.VERSION) {
            if (Instant.now().isAfter(giveUpAt)) {
                throw new IllegalStateException("Schema version " + Schema.VERSION + " not found after " + deadline
                        + " (database has " + seen + "); is the API running its migrations?");
            }
            LOG.infof("Waiting for schema version %d (database has %d)", Schema.VERSION, seen);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(POLL.toMillis()));
        }
    }

    private int migratedVersion() {
        try {
            Row row = pool.query("SELECT coalesce(max(version::int), 0) AS v FROM flyway_schema_history WHERE success")
                    .execute().await().atMost(Duration.ofSeconds(10)).iterator().next();
            return row.getInteger("v");
        } catch (RuntimeException e) {
            return 0; // no history table yet, or the database is not reachable yet
        }
    }
}
