package dev.stt.worker.providers.remote;

import dev.stt.worker.providers.resilience.ResilienceConfig;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** What every remote provider's configuration has, besides its fault tolerance: a key and a connection timeout. */
public interface RemoteProviderConfig extends ResilienceConfig {

    /** The provider's API key; self-hosted engines often need none. Never logged. */
    Optional<String> apiKey();

    /** How long to wait for a connection to the API. */
    @WithDefault("10s")
    Duration connectTimeout();
}
