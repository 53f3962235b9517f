package dev.stt.api.security;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.Set;

/**
 * Authenticates every request (Quarkus' proactive authentication, before the body is read) from its API key. With
 * no keys configured every request is the auth-off caller; otherwise a request without a key stays anonymous and
 * the HTTP permissions ({@code application.properties}) refuse it everywhere but the public allow-list.
 */
@ApplicationScoped
public class ApiKeyAuthenticationMechanism implements HttpAuthenticationMechanism {

    private final ApiKeys keys;
    private final AuthenticationFailures failures;

    public ApiKeyAuthenticationMechanism(ApiKeys keys, AuthenticationFailures failures) {
        this.keys = keys;
        this.failures = failures;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        if (!keys.required()) {
            return Uni.createFrom().item(CallerIdentities.authOff());
        }
        Optional<String> presented = ApiKeyCredentials.presented(context.request());
        if (presented.isEmpty()) {
            return Uni.createFrom().optional(Optional.empty());
        }
        ApiKeyAuthenticationRequest request = new ApiKeyAuthenticationRequest(presented.get());
        return identities.authenticate(HttpSecurityUtils.setRoutingContextAttribute(request, context));
    }

    /** A request without a key where one is needed: the 401 problem document, like every other refusal. */
    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        failures.send(context);
        return Uni.createFrom().item(true);
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer realm=\"stt\""));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(ApiKeyAuthenticationRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.OTHER_HEADER,
                ApiKeyCredentials.HEADER));
    }
}
