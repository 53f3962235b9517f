package dev.stt.api.upload;

import dev.stt.api.config.ApiConfig;
import dev.stt.api.errors.PayloadTooLargeException;
import dev.stt.api.errors.ValidationException;
import dev.stt.api.jobs.JobView;
import dev.stt.api.requestid.RequestIds;
import dev.stt.api.security.Caller;
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
    private final ApiConfig config;

    public TranscribeResource(UploadService uploads, ApiConfig config) {
        this.uploads = uploads;
        this.config = config;
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Uni<RestResponse<JobView>> upload(@RestForm("file") FileUpload file, @RestForm String language,
            @RestForm String provider, RoutingContext context) {
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
        return uploads.accept(file, options, Caller.ownerOf(context), RequestIds.of(context))
                .map(job -> RestResponse.ResponseBuilder.accepted(JobView.of(job))
                        .location(URI.create("/api/v1/jobs/" + job.id))
                        .build());
    }
}
