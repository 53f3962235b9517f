package dev.stt.api.jobs;

import dev.stt.api.bundle.Bundle;
import dev.stt.api.bundle.BundleService;
import dev.stt.api.errors.ValidationException;
import dev.stt.api.security.Caller;
import dev.stt.common.jobs.JobStatus;
import dev.stt.common.transcript.TranscriptFormat;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.resteasy.reactive.RestMulti;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

/** Reading jobs: status, lists, transcripts, log lines, download bundles. */
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

    public JobResource(JobService jobs, TranscriptService transcripts, BundleService bundles) {
        this.jobs = jobs;
        this.transcripts = transcripts;
        this.bundles = bundles;
    }

    @GET
    public Uni<JobPage> list(@RestQuery String status, @RestQuery String limit, @RestQuery String cursor,
            RoutingContext context) {
        Optional<JobStatus> wanted = Optional.ofNullable(status).map(s -> JobStatus.fromWireName(s)
                .orElseThrow(() -> new ValidationException("status", "must be one of uploaded, processing, completed, failed, cancelled")));
        Optional<JobCursor> after = Optional.ofNullable(cursor).map(JobCursor::decode);
        return jobs.list(Caller.ownerOf(context), wanted, after, boundedInt("limit", limit, DEFAULT_PAGE, MAX_PAGE));
    }

    @GET
    @Path("/{id}")
    public Uni<JobView> get(@RestPath String id, RoutingContext context) {
        return jobs.view(id, Caller.ownerOf(context));
    }

    @GET
    @Path("/{id}/transcript")
    // every format is UTF-8 text; a String passes through as stored, where bytes would be re-encoded as JSON
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN, "application/x-subrip", "text/vtt"})
    public Uni<RestResponse<String>> transcript(@RestPath String id, @RestQuery String format,
            RoutingContext context) {
        TranscriptFormat wanted = format == null ? TranscriptFormat.JSON : TranscriptFormat.fromExtension(format)
                .orElseThrow(() -> new ValidationException("format", "must be one of json, txt, srt, vtt"));
        return transcripts.transcript(id, Caller.ownerOf(context), wanted)
                .map(body -> RestResponse.ResponseBuilder.ok(new String(body, StandardCharsets.UTF_8))
                        .header(HttpHeaders.CONTENT_TYPE, wanted.mediaType())
                        .header("Content-Disposition", "inline; filename=\"transcript." + wanted.extension() + "\"")
                        .build());
    }

    @GET
    @Path("/{id}/logs")
    public Uni<JobLogView> logs(@RestPath String id, @RestQuery String limit, RoutingContext context) {
        return jobs.logs(id, Caller.ownerOf(context), boundedInt("limit", limit, DEFAULT_LOG_LINES, MAX_LOG_LINES));
    }

    /** The job's audio, transcripts (once completed) and log lines as one streamed ZIP; any status may download it. */
    @GET
    @Path("/{id}/download-bundle")
    @Produces("application/zip")
    public RestMulti<Buffer> downloadBundle(@RestPath String id, RoutingContext context) {
        return RestMulti.fromUniResponse(bundles.open(id, Caller.ownerOf(context)), Bundle::zip,
                bundle -> Map.of("Content-Disposition", List.of("attachment; filename=\"" + bundle.filename() + "\"")));
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
