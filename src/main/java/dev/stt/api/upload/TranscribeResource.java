package dev.stt.api.upload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stt.api.config.ApiConfig;
import dev.stt.api.errors.ValidationException;
import dev.stt.api.idempotency.IdempotentSubmissions;
import dev.stt.api.idempotency.StoredAnswer;
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
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestHeader;
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
    private final IdempotentSubmissions idempotency;
    private final UploadFingerprints fingerprints;
    private final ObjectMapper json;

    public TranscribeResource(MultipartUploadReader reader, UploadService uploads, SubmittedUrls urls, ApiConfig config,
            Callers callers, IdempotentSubmissions idempotency, UploadFingerprints fingerprints, ObjectMapper json) {
        this.reader = reader;
        this.uploads = uploads;
        this.urls = urls;
        this.config = config;
        this.callers = callers;
        this.idempotency = idempotency;
        this.fingerprints = fingerprints;
        this.json = json;
    }

    /**
     * An upload. The body is read here, after authentication and the rate limit, by {@link MultipartUploadReader}:
     * the file streams to a spool file that is gone again when this request ends, whatever its outcome. With an
     * {@code Idempotency-Key}, a repeat of an earlier upload gets the earlier answer.
     */
    @Operation(summary = "Submit an upload", description = "Answers at once with the job; the workers transcribe it.")
    @APIResponse(responseCode = "202", ref = "JobAccepted")
    @APIResponse(responseCode = "400", ref = "Problem400")
    @APIResponse(responseCode = "401", ref = "Problem401")
    @APIResponse(responseCode = "408", ref = "Problem408")
    @APIResponse(responseCode = "413", ref = "Problem413")
    @APIResponse(responseCode = "415", ref = "Problem415")
    @APIResponse(responseCode = "422", ref = "Problem422")
    @APIResponse(responseCode = "429", ref = "Problem429")
    @APIResponse(responseCode = "503", ref = "Problem503")
    @POST
    @RateLimited
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA,
            schema = @Schema(implementation = UploadForm.class)))
    public Uni<RestResponse<JobView>> upload(@RestHeader(IdempotentSubmissions.HEADER) String idempotencyKey,
            RoutingContext context) {
        IdempotentSubmissions.validate(idempotencyKey);
        Owner owner = callers.owner();
        String requestId = RequestIds.of(context);
        return reader.read(context, FILE_PART)
                .chain(upload -> idempotency.submit(idempotencyKey, callers.limitSubject(context),
                                () -> fingerprints.of("transcribe", upload),
                                () -> submit(upload, owner, requestId).map(this::accepted))
                        .eventually(() -> reader.discard(upload)))
                .map(this::answer);
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
    @Operation(summary = "Submit audio by URL", description = "The URL is checked and queued at once; a worker downloads it.")
    @APIResponse(responseCode = "202", ref = "JobAccepted")
    @APIResponse(responseCode = "400", ref = "Problem400")
    @APIResponse(responseCode = "401", ref = "Problem401")
    @APIResponse(responseCode = "408", ref = "Problem408")
    @APIResponse(responseCode = "413", ref = "Problem413")
    @APIResponse(responseCode = "415", ref = "Problem415")
    @APIResponse(responseCode = "422", ref = "Problem422")
    @APIResponse(responseCode = "429", ref = "Problem429")
    @APIResponse(responseCode = "503", ref = "Problem503")
    @POST
    @RateLimited
    @Path("/url")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<JobView>> fromUrl(UrlSubmission submission,
            @RestHeader(IdempotentSubmissions.HEADER) String idempotencyKey, RoutingContext context) {
        if (submission == null) {
            throw new ValidationException("audio_url", "is required: send {\"audio_url\": \"https://...\"}");
        }
        IdempotentSubmissions.validate(idempotencyKey);
        Owner owner = callers.owner();
        SubmissionOptions options = SubmissionOptions.validate(submission.language(), submission.provider(), config);
        return idempotency.submit(idempotencyKey, callers.limitSubject(context),
                        () -> Uni.createFrom().item(IdempotentSubmissions.fingerprint(List.of("transcribe-url",
                                String.valueOf(submission.audioUrl()), String.valueOf(submission.webhookUrl()),
                                String.valueOf(submission.language()), String.valueOf(submission.provider())))),
                        () -> urls.required("audio_url", submission.audioUrl())
                                .chain(audio -> urls.optional("webhook_url", submission.webhookUrl())
                                        .chain(webhook -> uploads.acceptUrl(audio, options, webhook, owner, RequestIds.of(context))))
                                .map(this::accepted))
                .map(this::answer);
    }

    /** The 202 of a new job, as kept for repeats of the request. */
    private StoredAnswer accepted(Job job) {
        try {
            return new StoredAnswer(202, json.writeValueAsString(JobView.of(job, WebhookStatus.initial(job))),
                    "/api/v1/jobs/" + job.id, job.id.toString());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The answer, the same for the first request and its repeats (which are marked as such). */
    private RestResponse<JobView> answer(IdempotentSubmissions.Outcome outcome) {
        StoredAnswer answer = outcome.answer();
        JobView view;
        try {
            view = json.readValue(answer.body(), JobView.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        RestResponse.ResponseBuilder<JobView> response = RestResponse.ResponseBuilder.<JobView>create(answer.status())
                .entity(view)
                .location(URI.create(answer.location()));
        if (outcome.replayed()) {
            response.header(IdempotentSubmissions.REPLAYED_HEADER, "true");
        }
        return response.build();
    }
}
