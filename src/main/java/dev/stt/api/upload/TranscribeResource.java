package dev.stt.api.upload;

import dev.stt.api.config.ApiConfig;
import dev.stt.api.errors.ValidationException;
import dev.stt.api.jobs.JobView;
import dev.stt.api.jobs.WebhookStatus;
import dev.stt.api.requestid.RequestIds;
import dev.stt.api.security.Callers;
import dev.stt.api.security.Owner;
import dev.stt.api.security.RateLimited;
import dev.stt.common.jobs.Job;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.jboss.resteasy.reactive.RestResponse;

/** Submitting audio: the job id comes back at once, the work happens in the workers. */
@Authenticated
@Path("/api/v1/transcribe")
@Produces(MediaType.APPLICATION_JSON)
public class TranscribeResource {

    static final String FILE_PART = "file";

    private final MultipartUploadReader reader;
    private final UploadService uploads;
    private final SubmittedUrls urls;
    private final ApiConfig config;
    private final Callers callers;

    public TranscribeResource(MultipartUploadReader reader, UploadService uploads, SubmittedUrls urls, ApiConfig config,
            Callers callers) {
        this.reader = reader;
        this.uploads = uploads;
        this.urls = urls;
        this.config = config;
        this.callers = callers;
    }

    /**
     * An upload. The body is read here, after authentication and the rate limit, by {@link MultipartUploadReader}:
     * the file streams to a spool file that is gone again when this request ends, whatever its outcome.
     */
    @POST
    @RateLimited
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA,
            schema = @Schema(implementation = UploadForm.class)))
    public Uni<RestResponse<JobView>> upload(RoutingContext context) {
        Owner owner = callers.owner();
        String requestId = RequestIds.of(context);
        return reader.read(context, FILE_PART)
                .chain(upload -> submit(upload, owner, requestId)
                        .eventually(() -> reader.discard(upload)))
                .map(TranscribeResource::accepted);
    }

    private Uni<Job> submit(ReceivedUpload upload, Owner owner, String requestId) {
        if (upload.size() == 0) {
            throw new ValidationException(FILE_PART, "is empty");
        }
        SubmissionOptions options = SubmissionOptions.validate(upload.field("language"), upload.field("provider"), config);
        return urls.optional("webhook_url", upload.field("webhook_url"))
                .chain(webhook -> uploads.accept(upload, options, webhook, owner, requestId));
    }

    /** Audio by URL: checked and queued at once; a worker downloads it, so the client never waits for the transfer. */
    @POST
    @RateLimited
    @Path("/url")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<JobView>> fromUrl(UrlSubmission submission, RoutingContext context) {
        if (submission == null) {
            throw new ValidationException("audio_url", "is required: send {\"audio_url\": \"https://...\"}");
        }
        Owner owner = callers.owner();
        SubmissionOptions options = SubmissionOptions.validate(submission.language(), submission.provider(), config);
        return urls.required("audio_url", submission.audioUrl())
                .chain(audio -> urls.optional("webhook_url", submission.webhookUrl())
                        .chain(webhook -> uploads.acceptUrl(audio, options, webhook, owner, RequestIds.of(context))))
                .map(TranscribeResource::accepted);
    }

    private static RestResponse<JobView> accepted(Job job) {
        return RestResponse.ResponseBuilder.accepted(JobView.of(job, WebhookStatus.initial(job)))
                .location(URI.create("/api/v1/jobs/" + job.id))
                .build();
    }
}
