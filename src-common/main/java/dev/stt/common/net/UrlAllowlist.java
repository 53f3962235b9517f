package dev.stt.common.net;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Destinations exempt from the private-address block: host names, and addresses or CIDR blocks. */
public final class UrlAllowlist {

    private static final Pattern ADDRESS_LIKE = Pattern.compile("[0-9a-fA-F:.]+(/[0-9]{1,3})?");

    private final Set<String> hosts;
    private final List<Cidr> blocks;

    private UrlAllowlist(Set<String> hosts, List<Cidr> blocks) {
        this.hosts = hosts;
        this.blocks = blocks;
    }

    public static UrlAllowlist none() {
        return of(List.of());
    }

    /** @throws IllegalArgumentException for an entry that is neither a host name nor an address block */
    public static UrlAllowlist of(List<String> entries) {
        List<Cidr> blocks = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String raw : entries) {
            String entry = raw.strip().toLowerCase(Locale.ROOT);
            if (entry.isEmpty()) {
                continue;
            }
            boolean address = entry.contains(":") || entry.contains("/") || Ipv4Literal.looksNumeric(entry);
            if (address && ADDRESS_LIKE.matcher(entry).matches()) {
                blocks.add(Cidr.parse(entry));
            } else {
                names.add(UrlGuard.withoutTrailingDot(entry));
            }
        }
        return new UrlAllowlist(names.stream().collect(Collectors.toUnmodifiableSet()), List.copyOf(blocks));
    }

    boolean allowsHost(String host) {
        return hosts.contains(host);
    }

    boolean allowsAddress(InetAddress address) {
        return blocks.stream().anyMatch(block -> block.contains(address));
    }

    public boolean isEmpty() {
        return hosts.isEmpty() && blocks.isEmpty();
    }
}
