package dev.stt.api.bundle;

import dev.stt.api.upload.Filenames;
import java.util.regex.Pattern;

/** Entry names that unpack as one plain file on any system: no paths, nothing a Windows file name refuses. */
final class ZipNames {

    private static final Pattern RESERVED = Pattern.compile("[<>:\"/\\\\|?*]");

    private ZipNames() {
    }

    static String safe(String filename) {
        String name = RESERVED.matcher(Filenames.sanitise(filename)).replaceAll("_");
        // Windows also drops trailing dots and spaces, which could make two names one
        return name.replaceAll("[. ]+$", "_");
    }
}
