package dev.stt.common.jobs;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One line of a job's log, written by the API or a worker, served by {@code GET /jobs/{id}/logs}. */
@Entity
@Table(name = "job_events")
public class JobEvent extends PanacheEntityBase {

    public static final String INFO = "info";
    public static final String WARN = "warn";
    public static final String ERROR = "error";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public UUID jobId;

    @Column(nullable = false)
    public Instant createdAt;

    @Column(nullable = false)
    public String level;

    /** {@code api} or the worker's id. */
    @Column(nullable = false)
    public String source;

    @Column(nullable = false)
    public String message;

    public String requestId;

    public static JobEvent of(UUID jobId, String level, String source, String message, String requestId) {
        JobEvent event = new JobEvent();
        event.jobId = jobId;
        event.createdAt = Instant.now();
        event.level = level;
        event.source = source;
        event.message = message;
        event.requestId = requestId;
        return event;
    }
}
