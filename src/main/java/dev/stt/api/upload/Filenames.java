package dev.stt.api.upload;

import java.net.URI;
import java.text.Normalizer;

/** Client file names are shown back to clients and put in headers, never used as paths: keep them inert. */
public final class Filenames {

    static final int MAX_LENGTH = 200;
    static final String FALLBACK = "upload";

    private Filenames() {
    }

    /** The last path segment of an audio URL, decoded and sanitised; {@link #FALLBACK} when there is none. */
    public static String fromUrl(String url) {
        String path = URI.create(url).getPath();
        if (path == null || path.isEmpty() || path.endsWith("/")) {
            return FALLBACK;
        }
        return sanitise(path.substring(path.lastIndexOf('/') + 1));
    }

    public static String sanitise(String clientName) {
        if (clientName == null) {
            return FALLBACK;
        }
        String name = Normalizer.normalize(clientName, Normalizer.Form.NFC);
        // keep only the last path part, whichever separator the client's OS used
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        StringBuilder clean = new StringBuilder(name.length());
        name.codePoints()
                .filter(c -> !Character.isISOControl(c) && c != '"' && c != ';' && Character.getType(c) != Character.FORMAT)
                .forEach(clean::appendCodePoint);
        String result = clean.toString().strip();
        while (result.startsWith(".")) {
            result = result.substring(1);
        }
        if (result.length() > MAX_LENGTH) {
            result = result.substring(result.length() - MAX_LENGTH);
        }
        return result.isBlank() ? FALLBACK : result;
    }
}
