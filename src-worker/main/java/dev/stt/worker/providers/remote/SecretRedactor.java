package dev.stt.worker.providers.remote;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Keeps provider keys out of log lines, job logs and error messages. Providers echo keys back in their error bodies
 * (OpenAI: "Incorrect API key provided: sk-ab***yz"), so every text that came from a provider passes through here.
 */
public final class SecretRedactor {

    private static final String MASK = "[redacted]";
    /** Shapes of keys the common providers issue: OpenAI and Groq ({@code sk-}, {@code gsk_}), Google ({@code AIza}), bearer tokens. */
    private static final Pattern KEY_SHAPES = Pattern.compile(
            "(?:\\b(?:sk|gsk|rk)[-_][A-Za-z0-9_*\\-]{6,})|(?:\\bAIza[0-9A-Za-z_\\-]{10,})|(?:(?i)bearer\\s+\\S+)");

    private SecretRedactor() {
    }

    public static String redact(String text, Optional<String> key) {
        if (text == null) {
            return null;
        }
        String result = text;
        if (key.isPresent() && key.get().length() >= 4) {
            result = result.replace(key.get(), MASK);
        }
        return KEY_SHAPES.matcher(result).replaceAll(MASK);
    }
}
