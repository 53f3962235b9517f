package dev.stt.worker.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stt.common.jobs.Chunk;
import dev.stt.common.jobs.Job;
import dev.stt.common.storage.ObjectKeys;
import dev.stt.common.stream.WorkItem;
import dev.stt.worker.config.WorkerIdentity;
import dev.stt.worker.jobs.ChunkCompletion;
import dev.stt.worker.jobs.JobStore;
import dev.stt.worker.providers.ChunkTranscription;
import dev.stt.worker.providers.FailoverTranscriber;
import dev.stt.worker.providers.ProviderException;
import dev.stt.worker.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Transcribes one chunk and records its result once. The worker whose result completes the job merges
 * it; a redelivery after a crash between the two merges again (merging is idempotent).
 */
@ApplicationScoped
public class TranscribeStep {

    private static final Logger LOG = Logger.getLogger(TranscribeStep.class);

    private final JobStore jobs;
    private final ObjectStore store;
    private final FailoverTranscriber providers;
    private final ChunkRequeue requeue;
    private final ScratchSpace scratch;
    private final TranscriptAssembler assembler;
    private final ErrorClassifier classifier;
    private final ObjectMapper json;
    private final String worker;

    public TranscribeStep(JobStore jobs, ObjectStore store, FailoverTranscriber providers, ChunkRequeue requeue,
            ScratchSpace scratch, TranscriptAssembler assembler, ErrorClassifier classifier, ObjectMapper json,
            WorkerIdentity identity) {
        this.jobs = jobs;
        this.store = store;
        this.providers = providers;
        this.requeue = requeue;
        this.scratch = scratch;
        this.assembler = assembler;
        this.classifier = classifier;
        this.json = json;
        this.worker = identity.id();
    }

    public void run(WorkItem item) throws Exception {
        Optional<Job> job = jobs.find(item.jobId()).filter(j -> !j.status.isFinal());
        Optional<Chunk> chunk = job.flatMap(j -> jobs.findChunk(j.id, item.chunkIndex()));
        if (chunk.isEmpty()) {
            LOG.infof("Chunk %d of job %s is gone or its job has ended; skipping", item.chunkIndex(), item.jobId());
            return;
        }
        if (!chunk.get().isDone() && !transcribe(job.get(), chunk.get(), item)) {
            return;
        }
        jobs.find(item.jobId())
                .filter(j -> !j.status.isFinal() && j.chunksTotal != null && j.chunksDone >= j.chunksTotal)
                .ifPresent(complete -> assembler.assemble(complete, item.requestId()));
    }

    /** @return whether the chunk is now done */
    private boolean transcribe(Job job, Chunk chunk, WorkItem item) throws Exception {
        String requestId = item.requestId();
        String label = String.format("Chunk %d/%d (%.1f–%.1f s)", chunk.chunkIndex + 1, job.chunksTotal,
                chunk.startSeconds, chunk.endSeconds);
        Path dir = scratch.create("chunk-");
        try {
            Path audio = dir.resolve("chunk.wav");
            store.download(ObjectKeys.chunkAudio(job.id, chunk.chunkIndex), audio);
            long started = System.nanoTime();
            ChunkTranscription result = providers.transcribe(job, audio);
            double seconds = (System.nanoTime() - started) / 1e9;
            String passedOver = result.passedOver().isEmpty() ? ""
                    : " (passed over: " + String.join(", ", result.passedOver()) + ")";
            String line = String.format("%s transcribed by %s with %s in %.1f s%s", label, worker, result.provider(),
                    seconds, passedOver);
            Optional<ChunkCompletion> completion = jobs.completeChunk(job.id, chunk.chunkIndex,
                    json.writeValueAsString(result.segments()), result.provider(), worker, line, requestId);
            return completion.isPresent();
        } catch (RuntimeException e) {
            ErrorClassifier.Classified failure = classifier.classify(e);
            jobs.countChunkAttempt(job.id, chunk.chunkIndex);
            // no provider can take it now: wait for one to recover rather than spend the entry's deliveries
            if (failure.retryable() && e instanceof ProviderException unavailable
                    && requeue.requeue(item, label, unavailable)) {
                return false;
            }
            if (failure.retryable() && !(e instanceof ProviderException)) {
                throw e;
            }
            jobs.fail(job.id, failure.code(), failure.userMessage(),
                    "chunk " + chunk.chunkIndex + ": " + e.getMessage(), worker, requestId);
            return false;
        } finally {
            scratch.remove(dir);
        }
    }
}
