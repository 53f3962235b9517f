package dev.stt.api.errors;

import dev.stt.api.requestid.RequestIds;
import io.vertx.ext.web.RoutingContext;

/**
 * Chooses the shape of an error answer by route family, in one place for every refusal (security layer, HTTP filters,
 * resources): OpenAI's error object on the OpenAI-compatible routes ({@code /v1/...}), where OpenAI's SDKs expect it,
 * and an RFC 9457 problem document everywhere else. Status, headers and wording come from the same exception either way.
 */
public final class ErrorBodies {

    /** The OpenAI-compatible route family. */
    public static final String OPENAI_ROOT = "/v1";
    static final String OPENAI_MEDIA_TYPE = "application/json";

    /** An error answer's body and media type. */
    public record Rendered(Object body, String mediaType) {
    }

    private ErrorBodies() {
    }

    public static Rendered render(ApiException e, RoutingContext context) {
        if (isOpenAiRoute(context)) {
            return new Rendered(OpenAiError.of(e), OPENAI_MEDIA_TYPE);
        }
        return new Rendered(Problem.of(e, RequestIds.of(context)), Problem.MEDIA_TYPE);
    }

    /** Whether the request is for the OpenAI-compatible routes (by the path the router and the permissions see). */
    public static boolean isOpenAiRoute(RoutingContext context) {
        String path = context.normalizedPath();
        return path != null && (path.equals(OPENAI_ROOT) || path.startsWith(OPENAI_ROOT + "/"));
    }
}
