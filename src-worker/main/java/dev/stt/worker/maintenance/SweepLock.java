package dev.stt.worker.maintenance;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * One sweep of a kind at a time across every worker: a PostgreSQL advisory lock held on a connection of its own
 * for the sweep's length. A worker that dies mid-sweep loses its connection, and with it the lock.
 */
@ApplicationScoped
public class SweepLock {

    /** The lock keys, one per kind of sweep, so a long deletion never delays recovery. */
    public enum Sweep {
        RECOVERY(0x5717_0001L),
        DELETIONS(0x5717_0002L),
        RETENTION(0x5717_0003L);

        final long key;

        Sweep(long key) {
            this.key = key;
        }
    }

    private static final Duration SQL_WAIT = Duration.ofSeconds(30);

    private final Pool pool;

    public SweepLock(Pool pool) {
        this.pool = pool;
    }

    /** Runs {@code work} if no other instance runs this sweep now; returns whether it ran. */
    public boolean runExclusively(Sweep sweep, Runnable work) {
        SqlConnection connection = pool.getConnection().await().atMost(SQL_WAIT);
        try {
            boolean locked = connection.preparedQuery("SELECT pg_try_advisory_lock($1) AS locked")
                    .execute(Tuple.of(sweep.key)).await().atMost(SQL_WAIT)
                    .iterator().next().getBoolean("locked");
            if (!locked) {
                return false;
            }
            try {
                work.run();
                return true;
            } finally {
                connection.preparedQuery("SELECT pg_advisory_unlock($1)").execute(Tuple.of(sweep.key)).await().atMost(SQL_WAIT);
            }
        } finally {
            connection.close().await().atMost(SQL_WAIT);
        }
    }
}
