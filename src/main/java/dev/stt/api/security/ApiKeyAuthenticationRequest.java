package dev.stt.api.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** An API key a request presented, for {@link ApiKeyIdentityProvider} to check. */
final class ApiKeyAuthenticationRequest extends BaseAuthenticationRequest {

    private final String key;

    ApiKeyAuthenticationRequest(String key) {
        this.key = key;
    }

    String key() {
        return key;
    }
}
