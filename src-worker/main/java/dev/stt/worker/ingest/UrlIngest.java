package dev.stt.worker.ingest;

import dev.stt.common.jobs.Job;
import dev.stt.common.storage.ObjectKeys;
import dev.stt.worker.config.WorkerIdentity;
import dev.stt.worker.jobs.JobStore;
import dev.stt.worker.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/**
 * The first step of a job submitted by URL: download the audio, keep it in the bucket as the job's source
 * (exactly where an upload would be), and record what it is. A download that cannot succeed fails the job.
 */
@ApplicationScoped
public class UrlIngest {

    private static final Logger LOG = Logger.getLogger(UrlIngest.class);

    private final AudioDownloader downloader;
    private final ObjectStore store;
    private final JobStore jobs;
    private final String worker;

    public UrlIngest(AudioDownloader downloader, ObjectStore store, JobStore jobs, WorkerIdentity identity) {
        this.downloader = downloader;
        this.store = store;
        this.jobs = jobs;
        this.worker = identity.id();
    }

    /** True when the job's source has not been fetched yet. */
    public static boolean needsDownload(Job job) {
        return job.sourceUrl != null && job.sizeBytes == null;
    }

    /**
     * Downloads the job's audio into {@code target} and stores it as the job's source.
     *
     * @return false when the download failed and the job with it
     */
    public boolean fetch(Job job, Path target, String requestId) {
        String host = URI.create(job.sourceUrl).getHost();
        jobs.log(job.id, "info", worker, "Downloading the audio from " + host, requestId);
        long started = System.nanoTime();
        DownloadedAudio audio;
        try {
            audio = downloader.download(job.sourceUrl, target);
        } catch (DownloadException e) {
            String detail = e.getCause() == null ? null : e.getCause().getMessage();
            LOG.infof("Download for job %s failed (%s): %s", job.id, e.code(), detail == null ? e.getMessage() : detail);
            jobs.fail(job.id, e.code(), e.getMessage(), detail, worker, requestId);
            return false;
        }
        store.upload(ObjectKeys.source(job.id), target, audio.media().mediaType());
        double seconds = (System.nanoTime() - started) / 1e9;
        jobs.recordSource(job.id, audio.sizeBytes(), audio.media().mediaType(), worker,
                String.format("Downloaded %d bytes (%s) in %.1f s", audio.sizeBytes(), audio.media().mediaType(), seconds),
                requestId);
        return true;
    }
}
