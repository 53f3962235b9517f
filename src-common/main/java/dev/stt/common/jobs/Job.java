package dev.stt.common.jobs;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** One transcription request: its audio, where it stands, and how it ended. */
@Entity
@Table(name = "jobs")
public class Job extends PanacheEntityBase {

    @Id
    public UUID id;

    @Convert(converter = JobStatus.Converter.class)
    @Column(nullable = false)
    public JobStatus status;

    /** The client's file name, sanitised; never used as a path. */
    public String filename;

    public String contentType;

    public Long sizeBytes;

    /** Language hint for the engines (BCP 47, e.g. {@code en}). */
    public String language;

    /** The provider the client asked for; {@code null} means the configured failover list. */
    public String provider;

    /** SHA-256 of the API key that created the job; the key itself is never stored. */
    public String ownerKeyHash;

    public String requestId;

    public String webhookUrl;

    /** Where the audio is downloaded from, for jobs submitted by URL; {@code null} for uploads. */
    public String sourceUrl;

    public Double durationSeconds;

    /** Known once the worker has split the audio. */
    public Integer chunksTotal;

    @Column(nullable = false)
    public int chunksDone;

    /** An {@code ErrorCode} wire name when the job failed. */
    public String errorCode;

    /** A message for the user; raw exception text goes to the job's log lines instead. */
    public String errorMessage;

    /** How often the job was (re)started by a worker. */
    @Column(nullable = false)
    public int attempts;

    @Column(nullable = false)
    public Instant createdAt;

    @Column(nullable = false)
    public Instant updatedAt;

    public Instant completedAt;

    /** Set once a deletion has claimed the job: it is then hidden from clients and skipped by workers. */
    public UUID deletionId;

    public static Job newUpload(String filename, String contentType, String language, String provider,
            String ownerKeyHash, String requestId, String webhookUrl) {
        Job job = new Job();
        job.id = UUID.randomUUID();
        job.status = JobStatus.UPLOADED;
        job.filename = filename;
        job.contentType = contentType;
        job.language = language;
        job.provider = provider;
        job.ownerKeyHash = ownerKeyHash;
        job.requestId = requestId;
        job.webhookUrl = webhookUrl;
        // micro precision, as PostgreSQL stores it, so keyset cursors compare equal
        job.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        job.updatedAt = job.createdAt;
        return job;
    }
}
