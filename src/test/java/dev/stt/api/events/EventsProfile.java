package dev.stt.api.events;

import dev.stt.api.security.KeysWithoutRateLimitProfile;
import java.util.HashMap;
import java.util.Map;

/** Keys required, heartbeats every second (so lost events are noticed quickly), two open streams per key. */
public class EventsProfile extends KeysWithoutRateLimitProfile {

    static final int STREAMS_PER_KEY = 2;

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(super.getConfigOverrides());
        config.put("stt.events.heartbeat", "1S");
        config.put("stt.events.max-streams-per-key", Integer.toString(STREAMS_PER_KEY));
        return config;
    }
}
