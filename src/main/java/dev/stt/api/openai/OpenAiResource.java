package dev.stt.api.openai;

import dev.stt.api.config.ApiConfig;
import dev.stt.api.errors.JobCancelledException;
import dev.stt.api.errors.JobFailedException;
import dev.stt.api.errors.ModelNotFoundException;
import dev.stt.api.errors.ValidationException;
import dev.stt.api.events.FinalStatus;
import dev.stt.api.http.IdleTimeouts;
import dev.stt.api.idempotency.IdempotentSubmissions;
import dev.stt.api.idempotency.StoredAnswer;
import dev.stt.api.requestid.RequestIds;
import dev.stt.api.security.Callers;
import dev.stt.api.security.Owner;
import dev.stt.api.security.RateLimited;
import dev.stt.api.upload.MultipartUploadReader;
import dev.stt.api.upload.ReceivedUpload;
import dev.stt.api.upload.UploadFingerprints;
import dev.stt.api.upload.UploadService;
import dev.stt.common.events.JobUpdate;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The OpenAI-compatible API: what OpenAI's SDKs, LangChain and tools that take an OpenAI base URL call to transcribe.
 * A transcription is an ordinary job (same checks, limits, owner, logs, retention; listed in {@code /api/v1/jobs}) that
 * the request waits for, answered in OpenAI's shapes; errors come as OpenAI's error object (see {@code ErrorBodies}).
 */
@Authenticated
@Path("/v1")
public class OpenAiResource {

    static final String FILE_PART = "file";
    /** The default failover list under the name OpenAI clients send most. */
    static final String DEFAULT_MODEL = "whisper-1";
    /** Names the job behind an answer, for the jobs API. */
    public static final String JOB_HEADER = "X-Job-ID";
    /** Silence allowed on a waiting request's connection beyond the wait itself: rendering and sending the answer. */
    private static final Duration ANSWER_MARGIN = Duration.ofSeconds(30);

    private final MultipartUploadReader reader;
    private final UploadService uploads;
    private final UploadFingerprints fingerprints;
    private final IdempotentSubmissions idempotency;
    private final FinalStatus finalStatus;
    private final OpenAiTranscripts transcripts;
    private final ApiConfig config;
    private final Callers callers;
    private final long started = Instant.now().getEpochSecond();

    public OpenAiResource(MultipartUploadReader reader, UploadService uploads, UploadFingerprints fingerprints,
            IdempotentSubmissions idempotency, FinalStatus finalStatus, OpenAiTranscripts transcripts, ApiConfig config,
            Callers callers) {
        this.reader = reader;
        this.uploads = uploads;
        this.fingerprints = fingerprints;
        this.idempotency = idempotency;
        this.finalStatus = finalStatus;
        this.transcripts = transcripts;
        this.config = config;
        this.callers = callers;
    }

    /**
     * Transcribes an upload and answers with the transcript once the job has completed, within
     * {@code STT_OPENAI_COMPAT_WAIT} (504 naming the job otherwise). The connection's idle timeout is extended for the
     * wait, since nothing is sent until the answer.
     */
    @Operation(summary = "Transcribe audio (OpenAI-compatible)")
    @APIResponse(responseCode = "200", description = "The transcript in response_format; X-Job-ID names the job",
            headers = @Header(name = JOB_HEADER, description = "The job behind the answer", schema = @Schema(type = SchemaType.STRING)),
            content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(oneOf = {TextTranscription.class, VerboseTranscription.class})),
                    @Content(mediaType = MediaType.TEXT_PLAIN, schema = @Schema(type = SchemaType.STRING, description = "text, srt or vtt"))})
    @APIResponse(responseCode = "400", ref = "OpenAi400")
    @APIResponse(responseCode = "401", ref = "OpenAi401")
    @APIResponse(responseCode = "404", ref = "OpenAi404")
    @APIResponse(responseCode = "409", ref = "OpenAi409")
    @APIResponse(responseCode = "413", ref = "OpenAi413")
    @APIResponse(responseCode = "415", ref = "OpenAi415")
    @APIResponse(responseCode = "422", ref = "OpenAi422")
    @APIResponse(responseCode = "429", ref = "OpenAi429")
    @APIResponse(responseCode = "500", ref = "OpenAi500")
    @APIResponse(responseCode = "502", ref = "OpenAi502")
    @APIResponse(responseCode = "503", ref = "OpenAi503")
    @APIResponse(responseCode = "504", ref = "OpenAi504")
    @POST
    @RateLimited
    @Path("/audio/transcriptions")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    public Uni<RestResponse<String>> transcribe(@RestHeader(IdempotentSubmissions.HEADER) String idempotencyKey,
            RoutingContext context) {
        IdempotentSubmissions.validate(idempotencyKey);
        Owner owner = callers.owner();
        String requestId = RequestIds.of(context);
        String subject = callers.limitSubject(context);
        Duration wait = config.openaiCompat().patience();
        return reader.read(context, FILE_PART)
                .chain(upload -> Uni.createFrom().item(() -> TranscriptionRequest.of(upload.fields(), config))
                        .chain(request -> idempotency.submit(idempotencyKey, subject,
                                        () -> fingerprints.of("openai-transcriptions", upload),
                                        () -> submit(upload, request, owner, requestId))
                                .map(outcome -> new Submitted(outcome.answer().jobId(), request)))
                        .eventually(() -> reader.discard(upload)))
                .chain(submitted -> {
                    IdleTimeouts.extend(context, wait.plus(ANSWER_MARGIN));
                    return finalStatus.await(UUID.fromString(submitted.jobId()), wait)
                            .chain(end -> answer(end, submitted, owner));
                });
    }

    @Operation(summary = "The models: the providers, and whisper-1 for the default failover list")
    @APIResponse(responseCode = "200", description = "The model list",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ModelList.class)))
    @APIResponse(responseCode = "401", ref = "OpenAi401")
    @GET
    @Path("/models")
    @Produces(MediaType.APPLICATION_JSON)
    public ModelList models() {
        return ModelList.of(models(config.providers()));
    }

    @Operation(summary = "One model")
    @APIResponse(responseCode = "200", description = "The model",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ModelList.Model.class)))
    @APIResponse(responseCode = "401", ref = "OpenAi401")
    @APIResponse(responseCode = "404", ref = "OpenAi404")
    @GET
    @Path("/models/{model}")
    @Produces(MediaType.APPLICATION_JSON)
    public ModelList.Model model(@RestPath String model) {
        return models(config.providers()).stream().filter(m -> m.id().equals(model)).findFirst()
                .orElseThrow(() -> new ModelNotFoundException(model));
    }

    private record Submitted(String jobId, TranscriptionRequest request) {
    }

    private Uni<StoredAnswer> submit(ReceivedUpload upload, TranscriptionRequest request, Owner owner, String requestId) {
        if (upload.size() == 0) {
            throw new ValidationException(FILE_PART, "is empty");
        }
        return uploads.accept(upload, request.options(), null, owner, requestId)
                .map(job -> new StoredAnswer(200, "", "/api/v1/jobs/" + job.id, job.id.toString()));
    }

    private Uni<RestResponse<String>> answer(JobUpdate end, Submitted submitted, Owner owner) {
        return switch (end.status()) {
            case "completed" -> transcripts.render(submitted.jobId(), owner, submitted.request())
                    .map(body -> RestResponse.ResponseBuilder.ok(body)
                            .header(HttpHeaders.CONTENT_TYPE, submitted.request().format().mediaType())
                            .header(JOB_HEADER, submitted.jobId())
                            .build());
            case "cancelled" -> Uni.createFrom().failure(new JobCancelledException(submitted.jobId()));
            default -> Uni.createFrom().failure(new JobFailedException(submitted.jobId(), end.errorCode(), end.errorMessage()));
        };
    }

    /** The providers, and {@value #DEFAULT_MODEL} for the default failover list; "created" is this instance's start. */
    private List<ModelList.Model> models(List<String> providers) {
        List<ModelList.Model> models = new ArrayList<>();
        providers.forEach(provider -> models.add(new ModelList.Model(provider, "model", started, "stt")));
        if (!providers.contains(DEFAULT_MODEL)) {
            models.add(new ModelList.Model(DEFAULT_MODEL, "model", started, "stt"));
        }
        return models;
    }
}
