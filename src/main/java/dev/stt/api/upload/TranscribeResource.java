package dev.stt.api.upload;

import dev.stt.api.config.ApiConfig;
import dev.stt.api.errors.PayloadTooLargeException;
import dev.stt.api.errors.ValidationException;
import dev.stt.api.jobs.JobView;
import dev.stt.api.jobs.WebhookStatus;
import dev.stt.api.requestid.RequestIds;
import dev.stt.api.security.Caller;
import dev.stt.common.jobs.Job;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** Submitting audio: the job id comes back at once, the work happens in the workers. */
@Path("/api/v1/transcribe")
@Produces(MediaType.APPLICATION_JSON)
public class TranscribeResource {

    private final UploadService uploads;
    private final SubmittedUrls urls;
    private final ApiConfig config;

    public TranscribeResource(UploadService uploads, SubmittedUrls urls, ApiConfig config) {
        this.uploads = uploads;
        this.urls = urls;
        this.config = config;
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Uni<RestResponse<JobView>> upload(@RestForm("file") FileUpload file, @RestForm String language,
            @RestForm String provider, @RestForm("webhook_url") String webhookUrl, RoutingContext context) {
        if (file == null || file.uploadedFile() == null) {
            throw new ValidationException("file", "is required: send the audio as the multipart part 'file'");
        }
        if (file.size() > config.maxUploadBytes()) {
            throw new PayloadTooLargeException(config.maxUploadMb());
        }
        if (file.size() == 0) {
            throw new ValidationException("file", "is empty");
        }
        SubmissionOptions options = SubmissionOptions.validate(language, provider, config);
        return urls.optional("webhook_url", webhookUrl)
                .chain(webhook -> uploads.accept(file, options, webhook, Caller.ownerOf(context), RequestIds.of(context)))
                .map(TranscribeResource::accepted);
    }

    /** Audio by URL: checked and queued at once; a worker downloads it, so the client never waits for the transfer. */
    @POST
    @Path("/url")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<JobView>> fromUrl(UrlSubmission submission, RoutingContext context) {
        if (submission == null) {
            throw new ValidationException("audio_url", "is required: send {\"audio_url\": \"https://...\"}");
        }
        SubmissionOptions options = SubmissionOptions.validate(submission.language(), submission.provider(), config);
        return urls.required("audio_url", submission.audioUrl())
                .chain(audio -> urls.optional("webhook_url", submission.webhookUrl())
                        .chain(webhook -> uploads.acceptUrl(audio, options, webhook, Caller.ownerOf(context),
                                RequestIds.of(context))))
                .map(TranscribeResource::accepted);
    }

    private static RestResponse<JobView> accepted(Job job) {
        return RestResponse.ResponseBuilder.accepted(JobView.of(job, WebhookStatus.initial(job)))
                .location(URI.create("/api/v1/jobs/" + job.id))
                .build();
    }
}
