package dev.stt.api.bundle;

import dev.stt.api.security.Owner;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stt.api.errors.ApiException;
import dev.stt.api.errors.ServiceUnavailableException;
import dev.stt.api.jobs.JobLogView;
import dev.stt.api.jobs.JobService;
import dev.stt.api.jobs.JobView;
import dev.stt.api.storage.ObjectStore;
import dev.stt.api.storage.ObjectStream;
import dev.stt.common.jobs.Job;
import dev.stt.common.jobs.JobEvent;
import dev.stt.common.jobs.JobStatus;
import dev.stt.common.storage.ObjectKeys;
import dev.stt.common.transcript.TranscriptFormat;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * A job's download bundle: {@code job.json}, the original audio under {@code audio/}, the transcript in every format
 * once the job has completed, and every log line as {@code logs.jsonl}, streamed as one ZIP. The job is looked up and
 * its audio opened before the first byte is sent, so an unknown job is a 404 and unreadable storage a 503; a failure
 * after that cuts the connection rather than end an archive that looks complete.
 */
@ApplicationScoped
public class BundleService {

    private static final Logger LOG = Logger.getLogger(BundleService.class);

    /** Log lines read from PostgreSQL at a time. */
    static final int LOG_PAGE_SIZE = 500;

    private final JobService jobs;
    private final ObjectStore store;
    private final ObjectMapper json;
    /** Where the archive is compressed: Quarkus' worker pool, off the event loops. */
    private final Executor zipWork = Infrastructure.getDefaultWorkerPool();

    public BundleService(JobService jobs, ObjectStore store, ObjectMapper json) {
        this.jobs = jobs;
        this.store = store;
        this.json = json;
    }

    public Uni<Bundle> open(String jobId, Owner owner) {
        // log pages are read later, from the compressor's threads: Hibernate Reactive needs them on this context
        Context requestContext = Vertx.currentContext();
        return jobs.find(jobId, owner)
                .chain(job -> jobs.view(job)
                        .chain(view -> store.open(ObjectKeys.source(job.id))
                                .onFailure().transform(e -> new ServiceUnavailableException(
                                        "Could not read the job's audio from storage right now; please retry.", e))
                                .map(audio -> new Bundle(job.id, zip(job, view, audio, requestContext)))));
    }

    private Multi<Buffer> zip(Job job, JobView view, ObjectStream audio, Context requestContext) {
        Instant now = Instant.now();
        List<ZipEntrySource> entries = new ArrayList<>();
        entries.add(new ZipEntrySource("job.json", now, true, Multi.createFrom().item(() -> jobJson(view))));
        entries.add(new ZipEntrySource("audio/" + ZipNames.safe(job.filename), job.createdAt, false, audio.body()));
        if (job.status == JobStatus.COMPLETED) {
            Instant completed = job.completedAt != null ? job.completedAt : job.updatedAt;
            for (TranscriptFormat format : TranscriptFormat.values()) {
                entries.add(new ZipEntrySource("transcript." + format.extension(), completed, true,
                        store.stream(ObjectKeys.transcript(job.id, format))));
            }
        }
        entries.add(new ZipEntrySource("logs.jsonl", now, true, logLines(job.id, requestContext)));
        AtomicLong sent = new AtomicLong();
        return StreamingZip.of(entries, zipWork)
                .invoke(buffer -> sent.addAndGet(buffer.length()))
                // answered as a problem document while nothing is sent yet; after that the connection is reset
                .onFailure(e -> !(e instanceof ApiException)).transform(e -> new ServiceUnavailableException(
                        "Could not read the job's files or log lines right now; please retry.", e))
                .onTermination().invoke((failure, cancelled) ->
                        logOutcome(job.id, sent.get(), audio.length(), failure, cancelled));
    }

    private static void logOutcome(UUID jobId, long sent, long audioBytes, Throwable failure, boolean cancelled) {
        if (failure != null) {
            LOG.errorf(failure, "The bundle of job %s failed after %d bytes; the download is cut off so that it cannot "
                    + "pass for a complete archive", jobId, sent);
        } else if (cancelled) {
            LOG.infof("The client left before the bundle of job %s was complete (%d bytes sent)", jobId, sent);
        } else {
            LOG.infof("Sent the bundle of job %s (%d bytes, audio %d bytes)", jobId, sent, audioBytes);
        }
    }

    /** Every line, a page at a time, oldest first; each page becomes one buffer of JSON lines. */
    private Multi<ByteBuffer> logLines(UUID jobId, Context requestContext) {
        return Multi.createBy().repeating()
                .uni(AtomicLong::new, lastId -> onContext(requestContext,
                                () -> jobs.logPage(jobId, lastId.get(), LOG_PAGE_SIZE))
                        .invoke(page -> {
                            if (!page.isEmpty()) {
                                lastId.set(page.get(page.size() - 1).id);
                            }
                        }))
                .whilst(page -> page.size() == LOG_PAGE_SIZE)
                .filter(page -> !page.isEmpty())
                .map(this::jsonLines);
    }

    private ByteBuffer jsonLines(List<JobEvent> page) {
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        try {
            for (JobEvent event : page) {
                lines.write(json.writeValueAsBytes(JobLogView.Line.of(event)));
                lines.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ByteBuffer.wrap(lines.toByteArray());
    }

    private ByteBuffer jobJson(JobView view) {
        try {
            return ByteBuffer.wrap(json.writerWithDefaultPrettyPrinter().writeValueAsBytes(view));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> Uni<T> onContext(Context context, Supplier<Uni<? extends T>> work) {
        Uni<T> deferred = Uni.createFrom().deferred(work);
        return context == null ? deferred : deferred.runSubscriptionOn(task -> context.runOnContext(ignored -> task.run()));
    }
}
