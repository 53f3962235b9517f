package dev.stt.common.events;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Job events ({@code stt.events.*} → {@code STT_EVENTS_*}): how long they are kept, and the API's stream limits. */
@ConfigMapping(prefix = "stt.events")
public interface EventsConfig {

    /**
     * A job's events are kept this long after its last one, for clients that reconnect with {@code Last-Event-ID}.
     * A client coming back later gets the job's current state instead.
     */
    @WithDefault("1H")
    Duration retention();

    /** Event streams ({@code GET /jobs/{id}/events}) one API key may hold open at once, across all API instances. */
    @WithDefault("10")
    int maxStreamsPerKey();

    /** Event streams and waiting OpenAI-compatible requests one API instance serves at once (503 beyond). */
    @WithDefault("2000")
    int maxStreamsPerInstance();

    /**
     * How often an open stream gets a heartbeat comment (keeping proxies and the idle timeout from closing it); at
     * the same pace each API instance checks the jobs it watches against PostgreSQL, so no final status is missed.
     */
    @WithDefault("15S")
    Duration heartbeat();
}
