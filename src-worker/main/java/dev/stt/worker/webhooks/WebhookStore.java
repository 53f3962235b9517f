package dev.stt.worker.webhooks;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Webhook deliveries in PostgreSQL as the senders use them. Blocking calls, for the sender's threads. Every
 * outcome is written together with a line in the job's log, in one statement.
 */
@ApplicationScoped
public class WebhookStore {

    private static final Duration SQL_WAIT = Duration.ofSeconds(30);

    /**
     * Takes due deliveries for one attempt each. {@code SKIP LOCKED} lets several workers claim at once without
     * waiting on or taking each other's rows; the lease keeps a claimed row from others until it expires, which
     * happens only if its worker died mid-attempt. The attempt is counted here, when it starts.
     */
    private static final String CLAIM = """
            UPDATE webhook_deliveries
               SET attempts = attempts + 1, next_attempt_at = now() + make_interval(secs => $2), updated_at = now()
             WHERE id IN (SELECT id FROM webhook_deliveries
                           WHERE state = 'pending' AND next_attempt_at <= now()
                           ORDER BY next_attempt_at
                           LIMIT $1
                           FOR UPDATE SKIP LOCKED)
            RETURNING id, job_id, url, payload, attempts""";

    private static final String RECORD = """
            WITH delivery AS (
                UPDATE webhook_deliveries
                   SET state = $2, last_status = $3, last_error = $4,
                       next_attempt_at = CASE WHEN $2 = 'pending' THEN now() + make_interval(secs => $5) ELSE next_attempt_at END,
                       delivered_at = CASE WHEN $2 = 'delivered' THEN now() ELSE delivered_at END,
                       updated_at = now()
                 WHERE id = $1
                RETURNING job_id)
            INSERT INTO job_events (job_id, created_at, level, source, message, request_id)
            SELECT delivery.job_id, now(), $6, $7, $8, jobs.request_id
              FROM delivery JOIN jobs ON jobs.id = delivery.job_id""";

    private final Pool db;

    public WebhookStore(Pool db) {
        this.db = db;
    }

    public List<DueDelivery> claimDue(int limit, Duration lease) {
        List<DueDelivery> claimed = new ArrayList<>();
        for (Row row : db.preparedQuery(CLAIM).execute(Tuple.of(limit, seconds(lease))).await().atMost(SQL_WAIT)) {
            claimed.add(new DueDelivery(row.getString("id"), row.getUUID("job_id"), row.getString("url"),
                    row.getString("payload"), row.getInteger("attempts")));
        }
        return claimed;
    }

    /** Stores what an attempt came to; {@code retryIn} matters only while the delivery stays pending. */
    public void record(DueDelivery delivery, Outcome outcome, String workerId) {
        Tuple values = Tuple.of(delivery.id(), outcome.state())
                .addValue(outcome.httpStatus())
                .addValue(outcome.error())
                .addValue(seconds(outcome.retryIn()))
                .addValue(outcome.logLevel())
                .addValue(workerId)
                .addValue(outcome.logLine());
        db.preparedQuery(RECORD).execute(values).await().atMost(SQL_WAIT);
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    /** The state a delivery moves to after one attempt, and the line the job's log gets. */
    public record Outcome(String state, Integer httpStatus, String error, Duration retryIn, String logLevel,
            String logLine) {
    }
}
