package dev.stt.worker.pipeline;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stt.common.jobs.Chunk;
import dev.stt.common.jobs.Job;
import dev.stt.common.storage.ObjectKeys;
import dev.stt.common.transcript.Segment;
import dev.stt.common.transcript.Transcript;
import dev.stt.common.transcript.TranscriptFormat;
import dev.stt.worker.config.WorkerIdentity;
import dev.stt.worker.jobs.JobStore;
import dev.stt.worker.storage.ObjectStore;
import dev.stt.worker.transcript.ChunkTranscript;
import dev.stt.worker.transcript.TranscriptMerger;
import dev.stt.worker.transcript.TranscriptRenderer;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Last step of a job: merge every chunk's result into one transcript, store it in each format, mark
 * the job completed and drop the chunk audio. Safe to run twice: it only overwrites the same objects.
 */
@ApplicationScoped
public class TranscriptAssembler {

    private static final Logger LOG = Logger.getLogger(TranscriptAssembler.class);
    private static final TypeReference<List<Segment>> SEGMENTS = new TypeReference<>() {
    };

    private final JobStore jobs;
    private final ObjectStore store;
    private final TranscriptRenderer renderer;
    private final ObjectMapper json;
    private final String worker;

    public TranscriptAssembler(JobStore jobs, ObjectStore store, TranscriptRenderer renderer, ObjectMapper json,
            WorkerIdentity identity) {
        this.jobs = jobs;
        this.store = store;
        this.renderer = renderer;
        this.json = json;
        this.worker = identity.id();
    }

    public void assemble(Job job, String requestId) {
        List<Chunk> chunks = jobs.chunks(job.id);
        List<ChunkTranscript> results = new ArrayList<>(chunks.size());
        for (Chunk chunk : chunks) {
            results.add(new ChunkTranscript(chunk.startSeconds, chunk.provider, segmentsOf(chunk)));
        }
        double duration = job.durationSeconds == null ? 0 : job.durationSeconds;
        Transcript transcript = TranscriptMerger.merge(results, job.language, duration);
        List<String> keys = new ArrayList<>();
        for (TranscriptFormat format : TranscriptFormat.values()) {
            keys.add(ObjectKeys.transcript(job.id, format));
            store.putText(keys.get(keys.size() - 1), renderer.render(transcript, format), format.mediaType());
        }
        int words = transcript.segments().stream().mapToInt(s -> s.words().size()).sum();
        boolean wanted = jobs.complete(job.id, transcript.provider(), worker, String.format(
                "Transcript ready: %d segment(s), %d word(s)", transcript.segments().size(), words), requestId);
        if (!wanted) {
            // deleted or cancelled while we merged: files without a (live) job must not stay behind
            LOG.infof("Job %s was deleted or cancelled while its transcript was written; removing it", job.id);
            keys.addAll(chunkAudioKeys(job, chunks));
            store.deleteAll(keys);
            return;
        }
        removeChunkAudio(job, chunks);
    }

    private static List<String> chunkAudioKeys(Job job, List<Chunk> chunks) {
        return chunks.stream().map(c -> ObjectKeys.chunkAudio(job.id, c.chunkIndex)).toList();
    }

    private List<Segment> segmentsOf(Chunk chunk) {
        try {
            return json.readValue(chunk.result, SEGMENTS);
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable result of chunk " + chunk.chunkIndex + " of job " + chunk.jobId, e);
        }
    }

    /** The chunks' audio is only needed until the transcript exists. */
    private void removeChunkAudio(Job job, List<Chunk> chunks) {
        try {
            store.deleteAll(chunkAudioKeys(job, chunks));
        } catch (RuntimeException e) {
            LOG.warnf("Could not remove the chunk audio of job %s: %s", job.id, e.getMessage());
        }
    }
}
