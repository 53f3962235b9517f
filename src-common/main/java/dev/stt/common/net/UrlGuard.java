package dev.stt.common.net;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether a client-given URL may be fetched or called (SSRF protection): http or https only, no
 * credentials, bounded length, and every address the host has must be a public one unless allow-listed.
 * The API checks at submission; the worker checks again on every hop and connects only to the addresses
 * checked here ({@link CheckedUrl#addresses()}), so a name that changes its answer (DNS rebinding) gains nothing.
 * Resolving is blocking: call {@link #check} from worker threads.
 */
@ApplicationScoped
public class UrlGuard {

    private static final Pattern HOST_NAME = Pattern.compile("[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*");

    /** As long as the columns that store URLs. */
    public static final int MAX_LENGTH = 2048;

    private static final Pattern NUMERIC_AUTHORITY = Pattern.compile("([0-9a-fA-FxX.]+)(?::([0-9]{1,5}))?");

    private final UrlAllowlist allowlist;
    private final int maxLength;
    private final HostResolver resolver;

    @Inject
    public UrlGuard(UrlPolicyConfig config, HostResolver resolver) {
        this(UrlAllowlist.of(config.allowlist().orElse(List.of())), MAX_LENGTH, resolver);
    }

    public UrlGuard(UrlAllowlist allowlist, int maxLength, HostResolver resolver) {
        this.allowlist = allowlist;
        this.maxLength = maxLength;
        this.resolver = resolver;
    }

    /** @throws UrlBlockedException saying why the URL is refused */
    public CheckedUrl check(String url) {
        if (url.length() > maxLength) {
            throw new UrlBlockedException("is longer than " + maxLength + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new UrlBlockedException("is not a valid URL");
        }
        return check(uri);
    }

    /** A redirect's {@code Location}, resolved against the URL that answered with it, checked like any other. */
    public CheckedUrl checkRedirect(CheckedUrl from, String location) {
        URI next;
        try {
            next = from.uri().resolve(new URI(location.strip()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new UrlBlockedException("redirects to an invalid URL");
        }
        return check(next.toString());
    }

    private CheckedUrl check(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.isOpaque()) {
            throw new UrlBlockedException("must be an http or https URL");
        }
        if (uri.getRawUserInfo() != null) {
            throw new UrlBlockedException("must not contain user credentials");
        }
        HostAndPort authority = hostAndPort(uri);
        String host = withoutTrailingDot(stripBrackets(authority.host()).toLowerCase(Locale.ROOT));
        boolean https = scheme.equals("https");
        int port = authority.port() == -1 ? (https ? 443 : 80) : authority.port();
        List<InetAddress> addresses = addressesOf(host);
        return new CheckedUrl(uri, host, port, https, addresses);
    }

    private List<InetAddress> addressesOf(String host) {
        if (host.contains(":")) {
            return List.of(checkedLiteral(host, ipv6Literal(host)));
        }
        if (Ipv4Literal.looksNumeric(host)) {
            byte[] bytes = Ipv4Literal.parse(host)
                    .orElseThrow(() -> new UrlBlockedException("has a host that is no valid IPv4 address"));
            return List.of(checkedLiteral(host, v4(bytes)));
        }
        if (!HOST_NAME.matcher(host).matches()) {
            throw new UrlBlockedException("has an invalid host name (use the xn-- form for international names)");
        }
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new UrlBlockedException("has a host name that does not resolve");
        }
        if (addresses.isEmpty()) {
            throw new UrlBlockedException("has a host name that does not resolve");
        }
        if (allowlist.allowsHost(host)) {
            return addresses;
        }
        for (InetAddress address : addresses) {
            if (AddressPolicy.isBlocked(address) && !allowlist.allowsAddress(address)) {
                // the address itself stays unsaid: it would tell clients how internal names resolve
                throw new UrlBlockedException("has a host name that resolves to a private or reserved address");
            }
        }
        return addresses;
    }

    /**
     * {@link URI} takes {@code 127.1} or {@code 0x7f.1} for no host at all (a "registry" authority); browsers and
     * resolvers read them as IPv4 addresses, so they are read here the same way, and judged.
     */
    private static HostAndPort hostAndPort(URI uri) {
        if (uri.getHost() != null && !uri.getHost().isEmpty()) {
            return new HostAndPort(uri.getHost(), uri.getPort());
        }
        String authority = uri.getRawAuthority();
        if (authority != null) {
            Matcher numeric = NUMERIC_AUTHORITY.matcher(authority);
            int port = numeric.matches() && numeric.group(2) != null ? Integer.parseInt(numeric.group(2)) : -1;
            if (numeric.matches() && port <= 65535) {
                return new HostAndPort(numeric.group(1), port);
            }
        }
        throw new UrlBlockedException("has no valid host");
    }

    private record HostAndPort(String host, int port) {
    }

    private InetAddress checkedLiteral(String host, InetAddress address) {
        if (AddressPolicy.isBlocked(address) && !allowlist.allowsAddress(address) && !allowlist.allowsHost(host)) {
            throw new UrlBlockedException("points to a private or reserved address");
        }
        return address;
    }

    private static InetAddress ipv6Literal(String host) {
        if (!host.matches("[0-9a-f:.]+")) {
            throw new UrlBlockedException("has a host that is no valid IPv6 address");
        }
        try {
            // a literal: parsed, never looked up
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new UrlBlockedException("has a host that is no valid IPv6 address");
        }
    }

    private static InetAddress v4(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    static String withoutTrailingDot(String host) {
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }
}
