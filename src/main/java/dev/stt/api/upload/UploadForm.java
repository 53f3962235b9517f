package dev.stt.api.upload;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The multipart form of {@code POST /api/v1/transcribe}, for the OpenAPI document (the resource reads the body itself). */
@Schema(name = "UploadForm", requiredProperties = "file")
public class UploadForm {

    @Schema(description = "The audio or video file", type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING,
            format = "binary")
    public String file;

    @Schema(description = "Language tag such as en or en-US; default from STT_DEFAULT_LANGUAGE", example = "en")
    public String language;

    @Schema(description = "One of the providers the service offers; default: the configured failover list")
    public String provider;

    @Schema(description = "Called with a signed job.completed or job.failed event when the job ends")
    public String webhookUrl;
}
