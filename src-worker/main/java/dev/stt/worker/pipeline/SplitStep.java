package dev.stt.worker.pipeline;

import dev.stt.common.jobs.Chunk;
import dev.stt.common.jobs.Job;
import dev.stt.common.storage.ObjectKeys;
import dev.stt.common.stream.WorkItem;
import dev.stt.worker.audio.AudioChunker;
import dev.stt.worker.audio.PreparedAudio;
import dev.stt.worker.audio.AudioChunk;
import dev.stt.worker.config.WorkerConfig;
import dev.stt.worker.config.WorkerIdentity;
import dev.stt.worker.ingest.UrlIngest;
import dev.stt.worker.jobs.JobStore;
import dev.stt.worker.storage.ObjectStore;
import dev.stt.worker.stream.WorkQueue;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * First step of a job: decode the upload, cut it into chunks at silences, store the chunks and put one
 * stream entry per chunk, so every running worker can take a share of one recording.
 */
@ApplicationScoped
public class SplitStep {

    private static final Logger LOG = Logger.getLogger(SplitStep.class);

    private final JobStore jobs;
    private final ObjectStore store;
    private final WorkQueue queue;
    private final AudioChunker chunker;
    private final ScratchSpace scratch;
    private final TranscriptAssembler assembler;
    private final ErrorClassifier classifier;
    private final WorkerConfig config;
    private final UrlIngest ingest;
    private final String worker;

    public SplitStep(JobStore jobs, ObjectStore store, WorkQueue queue, AudioChunker chunker, ScratchSpace scratch,
            TranscriptAssembler assembler, ErrorClassifier classifier, WorkerConfig config, UrlIngest ingest,
            WorkerIdentity identity) {
        this.jobs = jobs;
        this.store = store;
        this.queue = queue;
        this.chunker = chunker;
        this.scratch = scratch;
        this.assembler = assembler;
        this.classifier = classifier;
        this.config = config;
        this.ingest = ingest;
        this.worker = identity.id();
    }

    public void run(WorkItem item) throws Exception {
        Optional<Job> started = jobs.startProcessing(item.jobId(), worker, item.requestId());
        if (started.isEmpty()) {
            LOG.infof("Job %s no longer exists or has ended; nothing to split", item.jobId());
            return;
        }
        Job job = started.get();
        if (job.chunksTotal != null) {
            resume(job, item.requestId());
            return;
        }
        Path dir = scratch.create("split-");
        try {
            Path source = dir.resolve("source");
            if (UrlIngest.needsDownload(job)) {
                if (!ingest.fetch(job, source, item.requestId())) {
                    return;
                }
            } else {
                store.download(ObjectKeys.source(job.id), source);
            }
            PreparedAudio audio;
            try {
                audio = chunker.prepare(source, dir, config.chunkSeconds());
            } catch (RuntimeException e) {
                ErrorClassifier.Classified failure = classifier.classify(e);
                if (failure.retryable()) {
                    throw e;
                }
                jobs.fail(job.id, failure.code(), failure.userMessage(), e.getMessage(), worker, item.requestId());
                return;
            }
            List<String> uploaded = new ArrayList<>();
            for (AudioChunk chunk : audio.chunks()) {
                uploaded.add(ObjectKeys.chunkAudio(job.id, chunk.span().index()));
                store.upload(uploaded.get(uploaded.size() - 1), chunk.file(), "audio/wav");
            }
            List<Chunk> recorded = jobs.recordChunks(job.id, audio.durationSeconds(), plan(job, audio),
                    worker, item.requestId());
            if (recorded.isEmpty()) {
                // cancelled or deleted while we cut it: leave no chunk audio behind for a job that is gone
                LOG.infof("Job %s ended while it was split; removing its chunk audio", job.id);
                store.deleteAll(uploaded);
                return;
            }
            publishPending(job, recorded, item.requestId());
        } finally {
            scratch.remove(dir);
        }
    }

    /** A redelivered split: the chunks exist already, so only what is unfinished is queued again. */
    private void resume(Job job, String requestId) throws Exception {
        if (job.chunksDone >= job.chunksTotal) {
            assembler.assemble(job, requestId);
            return;
        }
        List<Chunk> chunks = jobs.chunks(job.id);
        jobs.log(job.id, "info", worker, "Resuming: " + job.chunksDone + " of " + job.chunksTotal
                + " chunk(s) already done", requestId);
        publishPending(job, chunks, requestId);
    }

    private void publishPending(Job job, List<Chunk> chunks, String requestId) {
        chunks.stream()
                .filter(chunk -> !chunk.isDone())
                .forEach(chunk -> queue.publish(WorkItem.transcribe(job.id, chunk.chunkIndex, requestId)));
    }

    private static List<Chunk> plan(Job job, PreparedAudio audio) {
        List<Chunk> planned = new ArrayList<>();
        Instant now = Instant.now();
        for (AudioChunk prepared : audio.chunks()) {
            Chunk chunk = new Chunk();
            chunk.jobId = job.id;
            chunk.chunkIndex = prepared.span().index();
            chunk.startSeconds = prepared.span().startSeconds();
            chunk.endSeconds = prepared.span().endSeconds();
            chunk.status = Chunk.PENDING;
            chunk.createdAt = now;
            planned.add(chunk);
        }
        return planned;
    }
}
