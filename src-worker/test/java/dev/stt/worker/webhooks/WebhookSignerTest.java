package dev.stt.worker.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    @Test
    void matchesTheStandardWebhooksReferenceSignature() {
        // the example of the Standard Webhooks specification
        WebhookSigner signer = WebhookSigner.fromSecret(Optional.of(SECRET)).orElseThrow();
        assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
                signer.signature("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232314}"));
    }

    @Test
    void anIndependentCheckAcceptsItsSignaturesAndRejectsTamperedBodies() {
        WebhookSigner signer = WebhookSigner.fromSecret(Optional.of(SECRET)).orElseThrow();
        String signature = signer.signature("msg_1", 1700000000, "{\"a\":1}");
        assertTrue(SignatureCheck.verifies(SECRET, "msg_1", "1700000000", "{\"a\":1}", signature));
        assertTrue(!SignatureCheck.verifies(SECRET, "msg_1", "1700000000", "{\"a\":2}", signature));
        assertTrue(!SignatureCheck.verifies(SECRET, "msg_1", "1700000001", "{\"a\":1}", signature));
    }

    @Test
    void refusesMalformedOrShortSecretsAndAllowsNone() {
        assertThrows(IllegalArgumentException.class, () -> WebhookSigner.fromSecret(Optional.of("whsec_not base64!")));
        assertThrows(IllegalArgumentException.class, () -> WebhookSigner.fromSecret(Optional.of("whsec_c2hvcnQ=")));
        assertTrue(WebhookSigner.fromSecret(Optional.empty()).isEmpty());
    }

    @Test
    void backoffGrowsWithJitterWithinItsBoundsAndRetryAfterWins() {
        RetrySchedule schedule = new RetrySchedule(Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofHours(1));
        for (int i = 0; i < 50; i++) {
            Duration first = schedule.after(1, null);
            Duration third = schedule.after(3, null);
            Duration late = schedule.after(20, null);
            assertTrue(first.toMillis() >= 5_000 && first.toMillis() <= 10_000, "first wait " + first);
            assertTrue(third.toMillis() >= 20_000 && third.toMillis() <= 40_000, "third wait " + third);
            assertTrue(late.toMillis() >= 150_000 && late.toMillis() <= 300_000, "capped wait " + late);
        }
        assertEquals(Duration.ofSeconds(120), schedule.after(1, "120"));
        assertEquals(Duration.ofHours(1), schedule.after(1, "86400"), "a receiver asking for a day waits the cap");
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        assertEquals(Optional.of(Duration.ofSeconds(90)), RetrySchedule.retryAfter("Thu, 01 Jan 2026 00:01:30 GMT", now));
        assertEquals(Optional.empty(), RetrySchedule.retryAfter("soon", now));
    }
}
