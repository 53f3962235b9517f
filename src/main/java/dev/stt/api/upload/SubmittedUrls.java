package dev.stt.api.upload;

import dev.stt.api.errors.BlockedUrlException;
import dev.stt.api.errors.ValidationException;
import dev.stt.common.net.UrlBlockedException;
import dev.stt.common.net.UrlGuard;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Checks the URLs a client submits ({@code audio_url}, {@code webhook_url}) against the SSRF policy before
 * anything is stored. Name resolution blocks, so it runs off the event loop and resumes on the request's context.
 */
@ApplicationScoped
public class SubmittedUrls {

    private final UrlGuard guard;
    private final Vertx vertx;

    public SubmittedUrls(UrlGuard guard, Vertx vertx) {
        this.guard = guard;
        this.vertx = vertx;
    }

    /** The URL as given, once allowed; {@code null} when the optional field is absent. */
    public Uni<String> optional(String field, String url) {
        if (url == null || url.isBlank()) {
            return Uni.createFrom().nullItem();
        }
        String given = url.strip();
        return vertx.executeBlocking(() -> {
            try {
                guard.check(given);
                return given;
            } catch (UrlBlockedException e) {
                throw new BlockedUrlException(field, e.getMessage());
            }
        }, false);
    }

    public Uni<String> required(String field, String url) {
        if (url == null || url.isBlank()) {
            return Uni.createFrom().failure(new ValidationException(field, "is required"));
        }
        return optional(field, url);
    }
}
