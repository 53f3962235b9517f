package dev.stt.worker.outbound;

import java.time.Duration;

/**
 * Limits for one outbound exchange: {@code connect} to open the connection, {@code idle} without a byte
 * arriving (a stalled server), {@code total} for the whole exchange (a server that trickles bytes).
 */
public record OutboundTimeouts(Duration connect, Duration idle, Duration total) {
}
