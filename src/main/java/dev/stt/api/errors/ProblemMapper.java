package dev.stt.api.errors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.stt.api.config.ApiConfig;
import dev.stt.api.requestid.RequestIds;
import dev.stt.common.errors.ErrorCode;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place that turns failures of resources into error answers: RFC 9457 problem documents, or OpenAI's error
 * object on the OpenAI-compatible routes ({@link ErrorBodies} chooses). Clients never see a stack trace or an internal
 * class name: unexpected failures are logged here and answered with a 500.
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    private final ApiConfig config;

    public ProblemMapper(ApiConfig config) {
        this.config = config;
    }

    @ServerExceptionMapper
    public RestResponse<Object> apiException(ApiException e, RoutingContext context) {
        if (e.status() >= 500 && !(e instanceof ServerFailure)) {
            LOG.errorf(e, "%s: %s", e.title(), e.detail());
        }
        ErrorBodies.Rendered rendered = ErrorBodies.render(e, context);
        RestResponse<Object> response = RestResponse.ResponseBuilder.<Object>create(e.status()).entity(rendered.body())
                .type(rendered.mediaType()).build();
        e.headers().forEach(response.getHeaders()::putSingle);
        return response;
    }

    /** Framework-raised errors: unknown routes, wrong methods or content types, unreadable parameters. */
    @ServerExceptionMapper
    public RestResponse<Object> webApplicationException(WebApplicationException e, RoutingContext context) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, context);
        }
        if (e.getCause() instanceof MismatchedInputException mismatched) {
            return mismatchedJson(mismatched, context);
        }
        if (e.getCause() instanceof JsonProcessingException unreadable) {
            return unreadableJson(unreadable, context);
        }
        if (status == 413) {
            // the HTTP layer's body limit, hit while a JSON body without a length streamed in
            return apiException(PayloadTooLargeException.body(config.http().maxJsonBody()), context);
        }
        Response.StatusType statusInfo = e.getResponse().getStatusInfo();
        ErrorCode code = switch (status) {
            case 404 -> ErrorCode.NOT_FOUND;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA;
            default -> ErrorCode.VALIDATION_ERROR;
        };
        String detail = switch (status) {
            case 404 -> "No such resource.";
            case 405 -> "This method is not allowed here.";
            case 406 -> "None of the accepted media types can be produced.";
            case 415 -> "This content type is not accepted here.";
            default -> "The request could not be understood.";
        };
        return apiException(new ServerFailure(status, statusInfo.getReasonPhrase(), code, detail), context);
    }

    /** A JSON body of the wrong shape: the problem names the field, in the body's own (snake_case) spelling. */
    @ServerExceptionMapper
    public RestResponse<Object> mismatchedJson(MismatchedInputException e, RoutingContext context) {
        String field = e.getPath().stream()
                .map(reference -> reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining("."));
        ApiException problem = field.isEmpty()
                ? new MalformedRequestException("The body must be a JSON object.")
                : new ValidationException(field, "has the wrong type: expected " + expectedType(e));
        return apiException(problem, context);
    }

    @ServerExceptionMapper
    public RestResponse<Object> unreadableJson(JsonProcessingException e, RoutingContext context) {
        return apiException(new MalformedRequestException("The body is not valid JSON."), context);
    }

    private static String expectedType(MismatchedInputException e) {
        Class<?> target = e.getTargetType();
        if (target == null) {
            return "another type";
        }
        if (target == String.class) {
            return "a string";
        }
        if (Number.class.isAssignableFrom(target) || target.isPrimitive()) {
            return "a number";
        }
        return "an object";
    }

    @ServerExceptionMapper
    public RestResponse<Object> unexpected(Throwable e, RoutingContext context) {
        String requestId = RequestIds.of(context);
        LOG.errorf(e, "Unexpected failure serving request %s", requestId);
        return apiException(new ServerFailure(500, "Internal Server Error",
                ErrorCode.UNKNOWN, "The server failed to handle this request; quote request id " + requestId + " when reporting it."),
                context);
    }
}
