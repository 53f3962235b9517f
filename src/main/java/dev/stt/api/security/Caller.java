package dev.stt.api.security;

import io.vertx.ext.web.RoutingContext;

/** Who is calling, as {@link ApiKeyFilter} established it for the current exchange. */
public final class Caller {

    private static final String OWNER_KEY = "stt.owner";

    private Caller() {
    }

    static void authenticate(RoutingContext context, String ownerKeyHash) {
        context.put(OWNER_KEY, ownerKeyHash);
    }

    /** The SHA-256 (hex) of the caller's API key, which owns the jobs it creates; {@code null} while auth is off. */
    public static String ownerOf(RoutingContext context) {
        return context.get(OWNER_KEY);
    }

    /** What rate limits count against: the key when there is one, else the client address. */
    static String rateLimitSubject(RoutingContext context) {
        String owner = ownerOf(context);
        return owner != null ? "key:" + owner : "ip:" + context.request().remoteAddress().hostAddress();
    }
}
