package dev.stt.common.net;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;

/**
 * Which addresses outbound requests must never reach: everything that is not the public internet. An IPv6
 * address that carries an IPv4 address (mapped, compatible, NAT64, 6to4, Teredo) is judged by that IPv4 address.
 */
public final class AddressPolicy {

    private static final List<Cidr> BLOCKED_V4 = cidrs(
            "0.0.0.0/8",          // "this network"; 0.0.0.0 reaches the local host
            "10.0.0.0/8",         // RFC 1918
            "100.64.0.0/10",      // carrier-grade NAT
            "127.0.0.0/8",        // loopback
            "169.254.0.0/16",     // link-local, cloud metadata
            "172.16.0.0/12",      // RFC 1918
            "192.0.0.0/24",       // IETF protocol assignments
            "192.0.2.0/24",       // documentation
            "192.88.99.0/24",     // 6to4 relay anycast
            "192.168.0.0/16",     // RFC 1918
            "198.18.0.0/15",      // benchmarking
            "198.51.100.0/24",    // documentation
            "203.0.113.0/24",     // documentation
            "224.0.0.0/4",        // multicast
            "240.0.0.0/4");       // reserved, with 255.255.255.255 broadcast

    private static final List<Cidr> BLOCKED_V6 = cidrs(
            "::/128",             // unspecified
            "::1/128",            // loopback
            "100::/64",           // discard-only
            "2001:db8::/32",      // documentation
            "64:ff9b:1::/48",     // local-use NAT64
            "fc00::/7",           // unique local
            "fe80::/10",          // link-local
            "fec0::/10",          // deprecated site-local
            "ff00::/8");          // multicast

    private static final Cidr TRANSLATED = Cidr.parse("::ffff:0:0:0/96");
    private static final Cidr COMPATIBLE = Cidr.parse("::/96");
    private static final Cidr NAT64 = Cidr.parse("64:ff9b::/96");
    private static final Cidr SIX_TO_FOUR = Cidr.parse("2002::/16");
    private static final Cidr TEREDO = Cidr.parse("2001::/32");

    private AddressPolicy() {
    }

    public static boolean isBlocked(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            return isBlockedV4(bytes);
        }
        if (BLOCKED_V6.stream().anyMatch(block -> block.contains(bytes))) {
            return true;
        }
        return embeddedV4(bytes).stream().anyMatch(AddressPolicy::isBlockedV4);
    }

    private static boolean isBlockedV4(byte[] bytes) {
        return BLOCKED_V4.stream().anyMatch(block -> block.contains(bytes));
    }

    /** The IPv4 addresses an IPv6 address stands for, if it is one of the forms that carry one. */
    static List<byte[]> embeddedV4(byte[] v6) {
        if (isMapped(v6) || TRANSLATED.contains(v6) || COMPATIBLE.contains(v6) || NAT64.contains(v6)) {
            return List.of(Arrays.copyOfRange(v6, 12, 16));
        }
        if (SIX_TO_FOUR.contains(v6)) {
            return List.of(Arrays.copyOfRange(v6, 2, 6));
        }
        if (TEREDO.contains(v6)) {
            // the server's address as is, the client's with every bit inverted
            byte[] client = Arrays.copyOfRange(v6, 12, 16);
            for (int i = 0; i < client.length; i++) {
                client[i] = (byte) ~client[i];
            }
            return List.of(Arrays.copyOfRange(v6, 4, 8), client);
        }
        return List.of();
    }

    /** {@code ::ffff:a.b.c.d}; built by hand because Java turns such a literal into an IPv4 address. */
    private static boolean isMapped(byte[] v6) {
        for (int i = 0; i < 10; i++) {
            if (v6[i] != 0) {
                return false;
            }
        }
        return v6[10] == (byte) 0xFF && v6[11] == (byte) 0xFF;
    }

    private static List<Cidr> cidrs(String... blocks) {
        return Arrays.stream(blocks).map(Cidr::parse).toList();
    }
}
