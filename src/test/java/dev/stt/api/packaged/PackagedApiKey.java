package dev.stt.api.packaged;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Runs the packaged API with an API key, as a deployment does; its settings reach the launched application. */
public class PackagedApiKey implements QuarkusTestResourceLifecycleManager {

    static final String KEY = "packaged-it-key-5e0d2b";

    @Override
    public Map<String, String> start() {
        return Map.of("stt.api-keys", KEY);
    }

    @Override
    public void stop() {
    }
}
