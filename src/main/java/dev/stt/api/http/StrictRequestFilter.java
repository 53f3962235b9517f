package dev.stt.api.http;

import dev.stt.api.errors.ApiException;
import dev.stt.api.errors.MalformedRequestException;
import dev.stt.api.errors.ProblemResponses;
import dev.stt.api.errors.ValidationException;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Locale;
import java.util.Optional;

/**
 * Refuses (400, connection closed) requests whose spelling could mean one thing to one layer and another to the
 * next. Paths: matrix parameters ({@code /api;x/v1/jobs}), encoded slashes, backslashes and dots, NUL and control
 * bytes, double encoding — no route of this API needs any of them, and the permission check and the router must
 * see the same path. Framing: a transfer coding other than {@code chunked} ({@code xchunked}), or a length given
 * twice over — the shapes of request smuggling. Runs before authentication.
 */
@ApplicationScoped
public class StrictRequestFilter {

    /** After request ids (1000), so the refusal carries one; before everything else. */
    static final int PRIORITY = 990;
    private static final String[] REFUSED_ENCODINGS = {"%2f", "%5c", "%2e", "%00", "%25", "%3b"};

    private final ProblemResponses problems;

    public StrictRequestFilter(ProblemResponses problems) {
        this.problems = problems;
    }

    void register(@Observes Filters filters) {
        filters.register(this::check, PRIORITY);
    }

    private void check(RoutingContext context) {
        Optional<ApiException> refusal = pathProblem(context.request().path())
                .<ApiException>map(problem -> new ValidationException("path", problem))
                .or(() -> framingProblem(context.request()).map(MalformedRequestException::new));
        if (refusal.isPresent()) {
            context.response().putHeader(HttpHeaders.CONNECTION, "close");
            problems.send(context, refusal.get());
            return;
        }
        context.next();
    }

    /** What is wrong with a raw request path (before any decoding), if anything. */
    static Optional<String> pathProblem(String rawPath) {
        if (rawPath == null || rawPath.isEmpty() || rawPath.charAt(0) != '/') {
            return Optional.of("must start with '/'");
        }
        if (rawPath.indexOf(';') >= 0) {
            return Optional.of("must not contain ';' (matrix parameters are not accepted)");
        }
        if (rawPath.indexOf('\\') >= 0) {
            return Optional.of("must not contain '\\'");
        }
        String lower = rawPath.toLowerCase(Locale.ROOT);
        for (String encoded : REFUSED_ENCODINGS) {
            if (lower.contains(encoded)) {
                return Optional.of("must not contain the encoded character " + encoded.toUpperCase(Locale.ROOT));
            }
        }
        for (int i = 0; i < rawPath.length(); i++) {
            char c = rawPath.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return Optional.of("must not contain control characters");
            }
        }
        return Optional.empty();
    }

    static Optional<String> framingProblem(HttpServerRequest request) {
        var codings = request.headers().getAll(HttpHeaders.TRANSFER_ENCODING);
        if (!codings.isEmpty()) {
            if (codings.size() > 1 || !codings.get(0).strip().equalsIgnoreCase("chunked")) {
                return Optional.of("Transfer-Encoding must be 'chunked' (other transfer codings are not accepted).");
            }
            if (request.headers().contains(HttpHeaders.CONTENT_LENGTH)) {
                return Optional.of("Send either Content-Length or Transfer-Encoding, not both.");
            }
        }
        var lengths = request.headers().getAll(HttpHeaders.CONTENT_LENGTH);
        if (lengths.size() > 1) {
            return Optional.of("Content-Length must be given once.");
        }
        return Optional.empty();
    }
}
