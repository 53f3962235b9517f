package dev.stt.worker.support;

import dev.stt.common.net.ScriptedResolver;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Replaces the system resolver in tests: names resolve only as a test scripts them, so DNS answers (public,
 * private, changing between lookups) can be staged without any outside network.
 */
@ApplicationScoped
public class TestResolver extends ScriptedResolver {
}
