package dev.stt.api.jobs;

import dev.stt.api.bundle.Bundle;
import dev.stt.api.bundle.BundleService;
import dev.stt.api.deletions.DeletionService;
import dev.stt.api.deletions.DeletionView;
import dev.stt.api.errors.ValidationException;
import dev.stt.api.events.JobEventStreams;
import dev.stt.api.requestid.RequestIds;
import dev.stt.api.security.Callers;
import dev.stt.common.jobs.JobStatus;
import dev.stt.common.transcript.Transcript;
import dev.stt.common.transcript.TranscriptFormat;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestMulti;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

/** Jobs: status, lists, transcripts, log lines, download bundles; cancelling and deleting them. */
@Authenticated
@Path("/api/v1/jobs")
@Produces(MediaType.APPLICATION_JSON)
public class JobResource {

    static final int DEFAULT_PAGE = 20;
    static final int MAX_PAGE = 100;
    static final int DEFAULT_LOG_LINES = 200;
    static final int MAX_LOG_LINES = 1000;

    private final JobService jobs;
    private final TranscriptService transcripts;
    private final BundleService bundles;
    private final JobDeletion deletion;
    private final DeletionService bulkDeletions;
    private final Callers callers;
    private final JobEventStreams events;

    public JobResource(JobService jobs, TranscriptService transcripts, BundleService bundles, JobDeletion deletion,
            DeletionService bulkDeletions, Callers callers, JobEventStreams events) {
        this.jobs = jobs;
        this.transcripts = transcripts;
        this.bundles = bundles;
        this.deletion = deletion;
        this.bulkDeletions = bulkDeletions;
        this.callers = callers;
        this.events = events;
    }

    @Operation(summary = "List the caller's jobs, newest first")
    @APIResponse(responseCode = "200", description = "A page of jobs and the cursor of the next",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobPage.class)))
    @APIResponse(responseCode = "400", ref = "Problem400")
    @APIResponse(responseCode = "401", ref = "Problem401")
    @GET
    public Uni<JobPage> list(@RestQuery String status, @RestQuery String limit, @RestQuery String cursor,
            RoutingContext context) {
        Optional<JobCursor> after = Optional.ofNullable(notEmpty("cursor", cursor, context)).map(JobCursor::decode);
        return jobs.list(callers.owner(), statusFilter(status, context), after,
                boundedInt("limit", notEmpty("limit", limit, context), DEFAULT_PAGE, MAX_PAGE));
    }

    /**
     * Bulk delete: the caller's jobs in {@code status} (all of them without it), submitted up to now. Answers at
     * once; the deletion runs in the background in bounded batches, its progress at {@code /api/v1/deletions/{id}}.
     */
    @Operation(summary = "Delete the caller's jobs (in the background)")
    @APIResponse(responseCode = "202", description = "The deletion; its progress at Location",
            headers = @Header(name = "Location", description = "/api/v1/deletions/{id}", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeletionView.class)))
    @APIResponse(responseCode = "400", ref = "Problem400")
    @APIResponse(responseCode = "401", ref = "Problem401")
    @APIResponse(responseCode = "503", ref = "Problem503")
    @DELETE
    public Uni<RestResponse<DeletionView>> deleteAll(@RestQuery String status, RoutingContext context) {
        return bulkDeletions.start(callers.owner(), statusFilter(status, context))
                .map(started -> RestResponse.ResponseBuilder.<DeletionView>accepted(started)
                        .location(URI.create("/api/v1/deletions/" + started.deletionId()))
                        .build());
    }

    /** Deletes the job with its chunks, log lines and files; a running job is cancelled first. */
    @Operation(summary = "Delete a job with its files")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "401", ref = "Problem401")
    @APIResponse(responseCode = "404", ref = "Problem404")
    @APIResponse(responseCode = "503", ref = "Problem503")
    @DELETE
    @Path("/{id}")
    public Uni<RestResponse<Void>> delete(@RestPath String id, RoutingContext context) {
        return deletion.delete(id, callers.owner()).map(ignored -> RestResponse.noContent());
    }

    /**
     * Stops the job: no further chunks are transcribed. The job's files stay until it is deleted. Once committed, the
     * change is announced to the job's event streams.
     */
    @Operation(summary = "Stop a job")
    @APIResponse(responseCode = "200", description = "The job, now cancelled",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "401", ref = "Problem401")
    @APIResponse(responseCode = "404", ref = "Problem404")
    @APIResponse(responseCode = "409", ref = "Problem409")
    @POST
    @Path("/{id}/cancel")
    public Uni<JobView> cancel(@RestPath String id, RoutingContext context) {
        return jobs.cancel(id, callers.owner(), RequestIds.of(context)).call(events::statusChanged).chain(jobs::view);
    }

    @Operation(summary = "One job")
    @APIResponse(responseCode = "200", description = "The job",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "401", ref = "Problem401")
    @APIResponse(responseCode = "404", ref = "Problem404")
    @GET
    @Path("/{id}")
    public Uni<JobView> get(@RestPath String id, RoutingContext context) {
        return jobs.view(id, callers.owner());
    }

    @Operation(summary = "The transcript of a completed job")
    @APIResponse(responseCode = "200", description = "The transcript in the format asked for", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Transcript.class)),
            @Content(mediaType = MediaType.TEXT_PLAIN, schema = @Schema(type = SchemaType.STRING)),
            @Content(mediaType = "application/x-subrip", schema = @Schema(type = SchemaType.STRING)),
            @Content(mediaType = "text/vtt", schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "400", ref = "Problem400")
    @APIResponse(responseCode = "401", ref = "Problem401")
    @APIResponse(responseCode = "404", ref = "Problem404")
    @APIResponse(responseCode = "409", ref = "Problem409")
    @APIResponse(responseCode = "503", ref = "Problem503")
    @GET
    @Path("/{id}/transcript")
    // every format is UTF-8 text; a String passes through as stored, where bytes would be re-encoded as JSON
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN, "application/x-subrip", "text/vtt"})
    public Uni<RestResponse<String>> transcript(@RestPath String id, @RestQuery String format,
            RoutingContext context) {
        TranscriptFormat wanted = format == null ? TranscriptFormat.JSON : TranscriptFormat.fromExtension(format)
                .orElseThrow(() -> new ValidationException("format", "must be one of json, txt, srt, vtt"));
        return transcripts.transcript(id, callers.owner(), wanted)
                .map(body -> RestResponse.ResponseBuilder.ok(new String(body, StandardCharsets.UTF_8))
                        .header(HttpHeaders.CONTENT_TYPE, wanted.mediaType())
                        .header("Content-Disposition", "inline; filename=\"transcript." + wanted.extension() + "\"")
                        .build());
    }

    @Operation(summary = "The job's log lines")
    @APIResponse(responseCode = "200", description = "The last lines, oldest first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobLogView.class)))
    @APIResponse(responseCode = "400", ref = "Problem400")
    @APIResponse(responseCode = "401", ref = "Problem401")
    @APIResponse(responseCode = "404", ref = "Problem404")
    @GET
    @Path("/{id}/logs")
    public Uni<JobLogView> logs(@RestPath String id, @RestQuery String limit, RoutingContext context) {
        return jobs.logs(id, callers.owner(), boundedInt("limit", notEmpty("limit", limit, context), DEFAULT_LOG_LINES, MAX_LOG_LINES));
    }

    /** The job's audio, transcripts (once completed) and log lines as one streamed ZIP; any status may download it. */
    @Operation(summary = "Everything of a job as a streamed ZIP")
    @APIResponse(responseCode = "200", description = "job.json, the audio, the transcripts (once completed) and logs.jsonl",
            headers = @Header(name = "Content-Disposition", description = "attachment; filename=\"<id>.zip\"", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = "application/zip", schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "401", ref = "Problem401")
    @APIResponse(responseCode = "404", ref = "Problem404")
    @APIResponse(responseCode = "503", ref = "Problem503")
    @GET
    @Path("/{id}/download-bundle")
    @Produces("application/zip")
    public RestMulti<Buffer> downloadBundle(@RestPath String id, RoutingContext context) {
        return RestMulti.fromUniResponse(bundles.open(id, callers.owner()), Bundle::zip,
                bundle -> Map.of("Content-Disposition", List.of("attachment; filename=\"" + bundle.filename() + "\"")));
    }

    private static Optional<JobStatus> statusFilter(String status, RoutingContext context) {
        return Optional.ofNullable(notEmpty("status", status, context)).map(s -> JobStatus.fromWireName(s)
                .orElseThrow(() -> new ValidationException("status", "must be one of uploaded, processing, completed, failed, cancelled")));
    }

    /**
     * The parameter's value, or null when the query lacks it. A parameter given empty ({@code ?status=}) is refused
     * rather than read as absent: for a bulk delete, "absent" means every job.
     */
    private static String notEmpty(String name, String value, RoutingContext context) {
        if ((value == null || value.isEmpty()) && context.queryParams().contains(name)) {
            throw new ValidationException(name, "must not be empty; leave the parameter out instead");
        }
        return value;
    }

    static int boundedInt(String field, String value, int fallback, int max) {
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= 1 && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ValidationException(field, "must be a whole number from 1 to " + max);
    }
}
