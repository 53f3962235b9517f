package dev.stt.api.idempotency;

import dev.stt.api.security.KeysWithoutRateLimitProfile;
import java.util.HashMap;
import java.util.Map;

/** Idempotency keys answer with their first job for 4 seconds instead of 24 hours. */
public class ShortIdempotencyProfile extends KeysWithoutRateLimitProfile {

    static final int TTL_SECONDS = 4;

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(super.getConfigOverrides());
        config.put("stt.idempotency.ttl", TTL_SECONDS + "S");
        return config;
    }
}
