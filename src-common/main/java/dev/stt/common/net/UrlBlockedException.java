package dev.stt.common.net;

/** A URL we refuse to fetch or call; the message says why, in words fit for the client. */
public class UrlBlockedException extends RuntimeException {

    public UrlBlockedException(String reason) {
        super(reason);
    }
}
