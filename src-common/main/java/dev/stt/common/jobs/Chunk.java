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

/**
 * One piece of a job's audio, transcribed on its own. Unique on (job, index): a chunk's result is
 * stored once however often its stream entry is delivered.
 */
@Entity
@Table(name = "chunks")
public class Chunk extends PanacheEntityBase {

    public static final String PENDING = "pending";
    public static final String DONE = "done";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public UUID jobId;

    @Column(nullable = false)
    public int chunkIndex;

    /** Where the chunk starts and ends in the whole recording, seconds. */
    @Column(nullable = false)
    public double startSeconds;

    @Column(nullable = false)
    public double endSeconds;

    @Column(nullable = false)
    public String status;

    /** The provider that transcribed it. */
    public String provider;

    /** The worker (consumer name) that transcribed it. */
    public String workerId;

    /** The chunk's segments as JSON, times relative to the chunk's start. */
    public String result;

    @Column(nullable = false)
    public int attempts;

    @Column(nullable = false)
    public Instant createdAt;

    public Instant completedAt;

    public boolean isDone() {
        return DONE.equals(status);
    }
}
