package dev.stt.worker.providers.resilience;

import dev.stt.common.errors.ErrorCode;
import dev.stt.worker.providers.ProviderException;
import java.time.Duration;

/** The provider was not called: its circuit breaker is open (here or on another worker), or another worker is probing. */
public class CircuitOpenException extends ProviderException {

    public CircuitOpenException(String provider, Duration openFor) {
        super(ErrorCode.PROVIDER_UNAVAILABLE, true, provider + ": circuit breaker open, not called", null, openFor);
    }
}
