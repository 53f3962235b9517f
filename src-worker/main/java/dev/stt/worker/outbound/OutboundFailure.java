package dev.stt.worker.outbound;

/** An outbound exchange that got no usable answer; {@code timedOut} tells a slow peer from a refused one. */
public class OutboundFailure extends RuntimeException {

    private final boolean timedOut;

    public OutboundFailure(String message, boolean timedOut, Throwable cause) {
        super(message, cause);
        this.timedOut = timedOut;
    }

    public boolean timedOut() {
        return timedOut;
    }
}
