package dev.stt.api.http;

import dev.stt.api.security.KeysWithoutRateLimitProfile;
import java.util.HashMap;
import java.util.Map;

/** Read deadlines short enough to watch: idle connections closed after 2 s, bodies must grow 2000 bytes a second. */
public class ReadDeadlineProfile extends KeysWithoutRateLimitProfile {

    static final int MIN_BYTES = 2000;

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(super.getConfigOverrides());
        config.put("quarkus.http.idle-timeout", "2S");
        config.put("stt.http.body-progress-window", "1S");
        config.put("stt.http.min-body-bytes", Integer.toString(MIN_BYTES));
        return config;
    }
}
