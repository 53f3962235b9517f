package dev.stt.api.security;

import dev.stt.api.errors.AuthenticationException;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/** Who is calling, as the security layer established it for the current request. */
@ApplicationScoped
public class Callers {

    private final SecurityIdentity identity;

    public Callers(SecurityIdentity identity) {
        this.identity = identity;
    }

    /**
     * The owner whose jobs this request may reach. A request the HTTP permissions let through always has one; an
     * anonymous identity here (a route left off the deny-by-default permissions) is refused, never read as "everyone".
     */
    public Owner owner() {
        Owner owner = identity.isAnonymous() ? null : identity.getAttribute(CallerIdentities.OWNER_ATTRIBUTE);
        if (owner == null) {
            throw new AuthenticationException("Send your API key in the " + ApiKeyCredentials.HEADER + " header.");
        }
        return owner;
    }

    /** What per-caller limits (submissions, open event streams) count against: the key, or the client's address with auth off. */
    public String limitSubject(RoutingContext context) {
        return owner().keyHash()
                .map(hash -> "key:" + hash)
                .orElseGet(() -> "ip:" + context.request().remoteAddress().hostAddress());
    }
}
