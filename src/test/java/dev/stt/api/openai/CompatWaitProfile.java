package dev.stt.api.openai;

import dev.stt.api.security.KeysWithoutRateLimitProfile;
import java.util.HashMap;
import java.util.Map;

/** Idle connections closed after 2 s; the OpenAI-compatible endpoint waits 6 s for its job. */
public class CompatWaitProfile extends KeysWithoutRateLimitProfile {

    static final int IDLE_SECONDS = 2;
    static final int WAIT_SECONDS = 6;

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(super.getConfigOverrides());
        config.put("quarkus.http.idle-timeout", IDLE_SECONDS + "S");
        config.put("stt.openai-compat.wait", WAIT_SECONDS + "S");
        return config;
    }
}
