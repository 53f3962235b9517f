package dev.stt.common.net;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;

/**
 * A URL that passed the policy, with the addresses that were checked. Connect to one of {@code addresses}
 * and nothing else: resolving {@code host} again could give a different, unchecked answer.
 */
public record CheckedUrl(URI uri, String host, int port, boolean https, List<InetAddress> addresses) {

    public CheckedUrl {
        addresses = List.copyOf(addresses);
    }

    /** Path and query as sent in the request line; never empty. */
    public String requestTarget() {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }

    /** The Host header: the name, with the port only when it is not the scheme's default. */
    public String hostHeader() {
        String name = host.contains(":") ? "[" + host + "]" : host;
        boolean defaultPort = https ? port == 443 : port == 80;
        return defaultPort ? name : name + ":" + port;
    }
}
