package dev.stt.worker.providers.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SecretRedactorTest {

    @Test
    void removesTheConfiguredKeyAndAnythingShapedLikeAProviderKey() {
        assertEquals("key [redacted] rejected", SecretRedactor.redact("key my-own-secret-value rejected", Optional.of("my-own-secret-value")));
        assertEquals("Incorrect API key provided: [redacted].", SecretRedactor.redact("Incorrect API key provided: sk-ab***************yz.", Optional.empty()));
        assertEquals("groq [redacted] and google [redacted]", SecretRedactor.redact("groq gsk_0123456789abcdef and google AIzaSyA1234567890abcdef", Optional.empty()));
        assertEquals("header [redacted]", SecretRedactor.redact("header Bearer abc.def", Optional.empty()));
        assertEquals("connection refused", SecretRedactor.redact("connection refused", Optional.of("sk-x")));
    }
}
