package dev.stt.api.security;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * Keys required (a victim's and an attacker's), 1 MiB uploads, and no effective rate limit: suites that send many
 * submissions on purpose (RateLimitTest covers the limit itself).
 */
public class KeysWithoutRateLimitProfile implements QuarkusTestProfile {

    public static final String VICTIM = "victim-key-5e0c2b9a";
    public static final String ATTACKER = "attacker-key-71d4f03c";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "stt.api-keys", String.join(",", VICTIM, ATTACKER),
                "stt.rate-limit-rpm", "100000",
                "stt.max-upload-mb", "1");
    }
}
