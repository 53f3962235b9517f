package dev.stt.api.security;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** Keys required; one victim, one attacker. Submissions are not rate limited here (RateLimitTest covers limits). */
public class HostileInputProfile implements QuarkusTestProfile {

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
