package dev.stt.worker.outbound;

import dev.stt.common.net.CheckedUrl;
import io.vertx.core.http.HttpClientResponse;

/**
 * A response whose head has arrived and whose body has not been read: it waits, paused, until the caller
 * consumes it ({@link GuardedHttpClient#readBody}) or drops it ({@link #discard}).
 */
public record GuardedResponse(CheckedUrl url, HttpClientResponse response) {

    public int status() {
        return response.statusCode();
    }

    public String header(String name) {
        return response.getHeader(name);
    }

    /** Closes the connection without reading the body: a hostile peer cannot make us read a large one. */
    public void discard() {
        try {
            // the reset we cause shows up as an error on the response; it is expected, not worth a log line
            response.exceptionHandler(expected -> {
            });
        } catch (IllegalStateException alreadyEnded) {
            // the whole response has arrived; resetting below only closes the connection
        }
        response.request().reset();
    }
}
