package dev.stt.api.upload;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the framing of a multipart body as its raw bytes go by, where the decoder is lenient: every line of a part's
 * header block must end in CRLF (RFC 7578, RFC 5322) — a bare LF or CR there is refused rather than guessed at, so
 * that no two readers can split the same header block differently.
 */
final class MultipartFraming {

    private static final Pattern BOUNDARY = Pattern.compile("(?i);\\s*boundary=(\"([^\"]{1,70})\"|([^;\\s]{1,70}))");

    private enum State { SEEKING_DELIMITER, AFTER_DELIMITER, HEADERS, EPILOGUE }

    private final byte[] delimiter;
    private final int[] fallback;
    private State state = State.SEEKING_DELIMITER;
    private int matched;
    private boolean dash;
    private boolean carriageReturn;
    private int lineLength;

    private MultipartFraming(String boundary) {
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.fallback = failureFunction(delimiter);
        // the first delimiter opens the body without a CRLF in front of it
        this.matched = 2;
    }

    /** A checker for the boundary the content type names, if it names one. */
    static Optional<MultipartFraming> forContentType(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        Matcher boundary = BOUNDARY.matcher(contentType);
        if (!boundary.find()) {
            return Optional.empty();
        }
        return Optional.of(new MultipartFraming(boundary.group(2) != null ? boundary.group(2) : boundary.group(3)));
    }

    /** Takes the next bytes of the body; returns what is wrong with the framing so far, if anything. */
    Optional<String> feed(Buffer chunk) {
        for (int i = 0; i < chunk.length(); i++) {
            byte b = chunk.getByte(i);
            switch (state) {
                case SEEKING_DELIMITER -> seek(b);
                case AFTER_DELIMITER -> {
                    Optional<String> problem = afterDelimiter(b);
                    if (problem.isPresent()) {
                        return problem;
                    }
                }
                case HEADERS -> {
                    Optional<String> problem = header(b);
                    if (problem.isPresent()) {
                        return problem;
                    }
                }
                case EPILOGUE -> {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private void seek(byte b) {
        while (matched > 0 && delimiter[matched] != b) {
            matched = fallback[matched - 1];
        }
        if (delimiter[matched] == b) {
            matched++;
        }
        if (matched == delimiter.length) {
            state = State.AFTER_DELIMITER;
            matched = 0;
            dash = false;
            carriageReturn = false;
        }
    }

    /** After a delimiter: {@code --} closes the body; otherwise optional spaces, then CRLF and a header block. */
    private Optional<String> afterDelimiter(byte b) {
        if (dash) {
            if (b != '-') {
                return Optional.of("a boundary line is malformed");
            }
            state = State.EPILOGUE;
        } else if (carriageReturn) {
            if (b != '\n') {
                return Optional.of("a boundary line ends with a bare CR");
            }
            state = State.HEADERS;
            lineLength = 0;
            carriageReturn = false;
        } else if (b == '-') {
            dash = true;
        } else if (b == '\r') {
            carriageReturn = true;
        } else if (b != ' ' && b != '\t') {
            return Optional.of(b == '\n' ? "a boundary line ends with a bare LF" : "a boundary line is malformed");
        }
        return Optional.empty();
    }

    private Optional<String> header(byte b) {
        if (carriageReturn) {
            if (b != '\n') {
                return Optional.of("a part header contains a bare CR");
            }
            carriageReturn = false;
            if (lineLength == 0) {
                state = State.SEEKING_DELIMITER;
            }
            lineLength = 0;
        } else if (b == '\r') {
            carriageReturn = true;
        } else if (b == '\n') {
            return Optional.of("a part header line ends with a bare LF instead of CRLF");
        } else {
            lineLength++;
        }
        return Optional.empty();
    }

    private static int[] failureFunction(byte[] pattern) {
        int[] failure = new int[pattern.length];
        for (int i = 1, k = 0; i < pattern.length; i++) {
            while (k > 0 && pattern[i] != pattern[k]) {
                k = failure[k - 1];
            }
            if (pattern[i] == pattern[k]) {
                k++;
            }
            failure[i] = k;
        }
        return failure;
    }
}
