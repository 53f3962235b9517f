package dev.stt.api.upload;

import dev.stt.api.errors.ApiException;
import dev.stt.api.errors.ServiceUnavailableException;
import dev.stt.api.jobs.JobService;
import dev.stt.api.queue.WorkPublisher;
import dev.stt.api.security.Owner;
import dev.stt.api.storage.ObjectStore;
import dev.stt.common.media.DetectedMedia;
import dev.stt.common.jobs.Job;
import dev.stt.common.storage.ObjectKeys;
import dev.stt.common.stream.WorkItem;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import org.jboss.logging.Logger;

/**
 * Accepting an upload: its first bytes checked, audio to S3, job row to PostgreSQL, work item to the stream — in that order,
 * so a worker never sees a job whose audio is missing. A step that fails undoes the earlier ones:
 * a refused request leaves nothing behind.
 */
@ApplicationScoped
public class UploadService {

    private static final Logger LOG = Logger.getLogger(UploadService.class);

    private final UploadInspector inspector;
    private final ObjectStore store;
    private final JobService jobs;
    private final WorkPublisher publisher;

    public UploadService(UploadInspector inspector, ObjectStore store, JobService jobs, WorkPublisher publisher) {
        this.inspector = inspector;
        this.store = store;
        this.jobs = jobs;
        this.publisher = publisher;
    }

    public Uni<Job> accept(ReceivedUpload file, SubmissionOptions options, String webhookUrl, Owner owner,
            String requestId) {
        return inspector.inspect(file.file())
                .chain(media -> store(file, media, options, webhookUrl, owner, requestId));
    }

    /**
     * Accepts audio by URL: the job is recorded and queued at once, the worker downloads it. The URL has been
     * checked; the worker checks it again when it connects.
     */
    public Uni<Job> acceptUrl(String audioUrl, SubmissionOptions options, String webhookUrl, Owner owner,
            String requestId) {
        Job job = Job.newUpload(Filenames.fromUrl(audioUrl), null, options.language(), options.provider(),
                owner.keyHashForNewRecords(), requestId, webhookUrl);
        job.sourceUrl = audioUrl;
        String line = "Accepted audio URL on " + URI.create(audioUrl).getHost() + "; a worker will download it";
        return recordAndQueue(job, line, Uni.createFrom().voidItem());
    }

    private Uni<Job> store(ReceivedUpload file, DetectedMedia media, SubmissionOptions options, String webhookUrl,
            Owner owner, String requestId) {
        Job job = Job.newUpload(Filenames.sanitise(file.fileName()), media.mediaType(),
                options.language(), options.provider(), owner.keyHashForNewRecords(), requestId, webhookUrl);
        job.sizeBytes = file.size();
        String key = ObjectKeys.source(job.id);
        return store.putFile(key, file.file(), job.contentType)
                .onFailure().transform(e -> unavailable("store the upload", e))
                .chain(() -> recordAndQueue(job, "Accepted upload '" + job.filename + "' (" + job.sizeBytes + " bytes)",
                        deleteQuietly(key)));
    }

    /** Job row, then stream entry; {@code undo} removes what the caller stored before, should either fail. */
    private Uni<Job> recordAndQueue(Job job, String logLine, Uni<Void> undo) {
        return jobs.create(job, logLine)
                .onFailure().call(() -> undo)
                .onFailure(e -> !(e instanceof ApiException)).transform(e -> unavailable("record the job", e))
                .chain(created -> publisher.publish(WorkItem.split(created.id, created.requestId))
                        .onFailure().call(() -> jobs.forget(created.id).onFailure().recoverWithNull()
                                .chain(() -> undo))
                        .onFailure().transform(e -> unavailable("queue the job", e))
                        .invoke(entryId -> LOG.infof("Job %s queued as stream entry %s", created.id, entryId))
                        .replaceWith(created));
    }

    private Uni<Void> deleteQuietly(String key) {
        return store.delete(key)
                .onFailure().invoke(e -> LOG.warnf(e, "Could not remove %s after a failed submission", key))
                .onFailure().recoverWithNull();
    }

    private static ServiceUnavailableException unavailable(String step, Throwable cause) {
        return new ServiceUnavailableException("Could not " + step + " right now; nothing was kept, please retry.", cause);
    }

}
