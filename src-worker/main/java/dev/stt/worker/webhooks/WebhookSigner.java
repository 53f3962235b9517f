package dev.stt.worker.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signatures: {@code v1,} + base64 HMAC-SHA256 over {@code id.timestamp.body}, keyed with the
 * bytes of the base64 secret that follows {@code whsec_}.
 */
public final class WebhookSigner {

    private static final String PREFIX = "whsec_";
    private static final String ALGORITHM = "HmacSHA256";
    /** Standard Webhooks asks for 24 to 64 random bytes. */
    private static final int MIN_KEY_BYTES = 24;

    private final byte[] key;

    private WebhookSigner(byte[] key) {
        this.key = key;
    }

    /** @throws IllegalArgumentException when the secret is not {@code whsec_} + base64 of at least 24 bytes */
    public static Optional<WebhookSigner> fromSecret(Optional<String> secret) {
        return secret.filter(s -> !s.isBlank()).map(s -> {
            String encoded = s.strip().startsWith(PREFIX) ? s.strip().substring(PREFIX.length()) : s.strip();
            byte[] key;
            try {
                key = Base64.getDecoder().decode(encoded);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("STT_WEBHOOK_SECRET must be 'whsec_' followed by base64", e);
            }
            if (key.length < MIN_KEY_BYTES) {
                throw new IllegalArgumentException("STT_WEBHOOK_SECRET must hold at least " + MIN_KEY_BYTES + " bytes");
            }
            return new WebhookSigner(key);
        });
    }

    public String signature(String id, long timestampSeconds, String body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            byte[] signed = mac.doFinal((id + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(signed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }
}
