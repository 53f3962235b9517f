package dev.stt.api.security;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The API as a deployment runs it: keys required, one allowed browser origin, a small rate limit with a short
 * window, a 1 MiB upload limit. Each test class uses its own keys, so rate limits do not cross.
 */
public class SecuredApiProfile implements QuarkusTestProfile {

    public static final String ALPHA = "alpha-key-6f1c0a";
    public static final String BETA = "beta-key-93d2e7";
    public static final String GAMMA = "gamma-key-4b8e21";
    public static final String DELTA = "delta-key-0c7a55";
    public static final String EPSILON = "epsilon-key-2e9f13";
    public static final String ALLOWED_ORIGIN = "https://app.example.com";
    public static final int RATE_LIMIT = 3;
    public static final long WINDOW_MILLIS = 4000;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "stt.api-keys", String.join(",", ALPHA, BETA, GAMMA, DELTA, EPSILON),
                "stt.cors-origins", ALLOWED_ORIGIN,
                "stt.rate-limit-rpm", Integer.toString(RATE_LIMIT),
                "stt.rate-limit-window", WINDOW_MILLIS + "MS",
                "stt.max-upload-mb", "1");
    }
}
