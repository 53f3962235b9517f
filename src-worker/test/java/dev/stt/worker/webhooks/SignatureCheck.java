package dev.stt.worker.webhooks;

import dev.stt.worker.support.LocalHttpServer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A receiver's signature check written from the Standard Webhooks spec with plain javax.crypto, independent of
 * the production signer: HMAC-SHA256 keyed with the base64 after {@code whsec_}, over {@code id.timestamp.body}.
 */
public final class SignatureCheck {

    private SignatureCheck() {
    }

    public static boolean verifies(LocalHttpServer.Received request) {
        String secret = ConfigProvider.getConfig().getValue("stt.webhook.secret", String.class);
        return verifies(secret, request.header("webhook-id"), request.header("webhook-timestamp"), request.bodyText(),
                request.header("webhook-signature"));
    }

    static boolean verifies(String secret, String id, String timestamp, String body, String signatureHeader) {
        if (id == null || timestamp == null || signatureHeader == null) {
            return false;
        }
        try {
            byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] expected = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            // the header may list several space-separated signatures; one valid v1 entry suffices
            for (String entry : signatureHeader.split(" ")) {
                if (entry.startsWith("v1,") && MessageDigest.isEqual(expected, Base64.getDecoder().decode(entry.substring(3)))) {
                    return true;
                }
            }
            return false;
        } catch (Exception e) {
            return false;
        }
    }
}
