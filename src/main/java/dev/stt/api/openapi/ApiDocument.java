package dev.stt.api.openapi;

import dev.stt.api.errors.OpenAiError;
import dev.stt.api.errors.Problem;
import dev.stt.api.jobs.JobView;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * The OpenAPI document's frame ({@code /q/openapi}, Swagger UI at {@code /q/swagger-ui}): the two ways to send a key,
 * and the error answers the routes refer to ({@code ProblemNNN}: problem documents; {@code OpenAiNNN}: OpenAI's error
 * object on the {@code /v1} routes), so each operation lists exactly the statuses it can answer. The contract in prose
 * is {@code docs/api.md}; {@code ApiContractTest} keeps the three in step.
 */
@OpenAPIDefinition(
        info = @Info(title = "STT Service API", version = "v1",
                description = "Asynchronous speech-to-text jobs, live job events, and an OpenAI-compatible transcription API. "
                        + "The contract in prose: docs/api.md in the repository."),
        security = {@SecurityRequirement(name = ApiDocument.API_KEY), @SecurityRequirement(name = ApiDocument.BEARER)},
        components = @Components(
                securitySchemes = {
                    @SecurityScheme(securitySchemeName = ApiDocument.API_KEY, type = SecuritySchemeType.APIKEY,
                            in = SecuritySchemeIn.HEADER, apiKeyName = "X-API-Key", description = "One of STT_API_KEYS"),
                    @SecurityScheme(securitySchemeName = ApiDocument.BEARER, type = SecuritySchemeType.HTTP,
                            scheme = "bearer", description = "One of STT_API_KEYS, as OpenAI's SDKs send it")
                },
                responses = {
                @APIResponse(name = "JobAccepted", responseCode = "202",
                        description = "Accepted: the new job (or, for a repeated Idempotency-Key, the first request's answer)",
                        headers = @Header(name = "Location", description = "/api/v1/jobs/{id}", schema = @Schema(type = SchemaType.STRING)),
                        content = @Content(mediaType = "application/json", schema = @Schema(implementation = JobView.class))),
                @APIResponse(name = "Problem400", responseCode = "400", description = "Bad request: a missing or malformed field or parameter (the detail names it), malformed multipart or path; url_blocked for a refused URL.",
                        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class))),
                @APIResponse(name = "Problem401", responseCode = "401", description = "No API key, or one that is not configured (auth_error).",
                        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class))),
                @APIResponse(name = "Problem404", responseCode = "404", description = "No such job or deletion, or another key's (not_found).",
                        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class))),
                @APIResponse(name = "Problem408", responseCode = "408", description = "The request body arrived too slowly (timeout); the connection is closed.",
                        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class))),
                @APIResponse(name = "Problem409", responseCode = "409", description = "The job is not in a state that allows this (job_not_completed, job_finished).",
                        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class))),
                @APIResponse(name = "Problem413", responseCode = "413", description = "The upload, a form field or the JSON body is over its limit (payload_too_large).",
                        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class))),
                @APIResponse(name = "Problem415", responseCode = "415", description = "Not an audio or video container, or a content type this route does not take (unsupported_media).",
                        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class))),
                @APIResponse(name = "Problem422", responseCode = "422", description = "The Idempotency-Key was used before with a different request (idempotency_mismatch).",
                        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class))),
                @APIResponse(name = "Problem429", responseCode = "429", description = "Over the rate limit (rate_limited); Retry-After says when to try again.",
                        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)),
                        headers = @Header(name = "Retry-After", description = "Seconds to wait before retrying", schema = @Schema(type = SchemaType.INTEGER))),
                @APIResponse(name = "Problem500", responseCode = "500", description = "An unexpected failure (unknown); the detail quotes the request id.",
                        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class))),
                @APIResponse(name = "Problem503", responseCode = "503", description = "PostgreSQL, Redis or S3 failed (service_unavailable), or the API sheds load (overloaded, with Retry-After); nothing was kept.",
                        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)),
                        headers = @Header(name = "Retry-After", description = "Seconds to wait before retrying", schema = @Schema(type = SchemaType.INTEGER))),
                @APIResponse(name = "OpenAi400", responseCode = "400", description = "A bad field (param names it), malformed multipart, or the job failed with invalid_audio.",
                        content = @Content(mediaType = "application/json", schema = @Schema(implementation = OpenAiError.class))),
                @APIResponse(name = "OpenAi401", responseCode = "401", description = "No API key, or one that is not configured (invalid_api_key).",
                        content = @Content(mediaType = "application/json", schema = @Schema(implementation = OpenAiError.class))),
                @APIResponse(name = "OpenAi404", responseCode = "404", description = "No such model or route, or the job was deleted while the request waited.",
                        content = @Content(mediaType = "application/json", schema = @Schema(implementation = OpenAiError.class))),
                @APIResponse(name = "OpenAi409", responseCode = "409", description = "The job was cancelled through the jobs API while the request waited (job_cancelled).",
                        content = @Content(mediaType = "application/json", schema = @Schema(implementation = OpenAiError.class))),
                @APIResponse(name = "OpenAi413", responseCode = "413", description = "The file is over STT_MAX_UPLOAD_MB (payload_too_large).",
                        content = @Content(mediaType = "application/json", schema = @Schema(implementation = OpenAiError.class))),
                @APIResponse(name = "OpenAi415", responseCode = "415", description = "The file is no audio or video container (unsupported_media).",
                        content = @Content(mediaType = "application/json", schema = @Schema(implementation = OpenAiError.class))),
                @APIResponse(name = "OpenAi422", responseCode = "422", description = "The Idempotency-Key was used before with a different request (idempotency_mismatch).",
                        content = @Content(mediaType = "application/json", schema = @Schema(implementation = OpenAiError.class))),
                @APIResponse(name = "OpenAi429", responseCode = "429", description = "Over the rate limit (rate_limit_exceeded); Retry-After says when to try again.",
                        content = @Content(mediaType = "application/json", schema = @Schema(implementation = OpenAiError.class)),
                        headers = @Header(name = "Retry-After", description = "Seconds to wait before retrying", schema = @Schema(type = SchemaType.INTEGER))),
                @APIResponse(name = "OpenAi500", responseCode = "500", description = "The job failed for an unexpected reason, or the request did.",
                        content = @Content(mediaType = "application/json", schema = @Schema(implementation = OpenAiError.class))),
                @APIResponse(name = "OpenAi502", responseCode = "502", description = "The job failed: a provider refused the service's credentials (auth_error).",
                        content = @Content(mediaType = "application/json", schema = @Schema(implementation = OpenAiError.class))),
                @APIResponse(name = "OpenAi503", responseCode = "503", description = "The job failed because the providers are down, rate-limited or out of quota, or a dependency failed; retry later.",
                        content = @Content(mediaType = "application/json", schema = @Schema(implementation = OpenAiError.class)),
                        headers = @Header(name = "Retry-After", description = "Seconds to wait before retrying", schema = @Schema(type = SchemaType.INTEGER))),
                @APIResponse(name = "OpenAi504", responseCode = "504", description = "The job is still running after STT_OPENAI_COMPAT_WAIT; the message names it. It goes on.",
                        content = @Content(mediaType = "application/json", schema = @Schema(implementation = OpenAiError.class)))
                }))
public class ApiDocument extends Application {

    static final String API_KEY = "apiKey";
    static final String BEARER = "bearer";
}
