package dev.stt.worker.providers.fake;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Starts a {@link FakeProviderServer} before the worker and points both remote providers at it. */
public class FakeProviderResource implements QuarkusTestResourceLifecycleManager {

    private static volatile FakeProviderServer server;

    /** The fake the running worker talks to. */
    public static FakeProviderServer server() {
        return server;
    }

    @Override
    public Map<String, String> start() {
        server = new FakeProviderServer(RemoteProviders.KEY);
        return Map.of(
                "stt.openai.base-url", server.baseUrl(),
                "stt.openai.api-key", RemoteProviders.KEY,
                "stt.gemini.base-url", server.baseUrl(),
                "stt.gemini.api-key", RemoteProviders.KEY);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}
