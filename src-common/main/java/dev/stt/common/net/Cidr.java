package dev.stt.common.net;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An address block such as {@code 10.0.0.0/8} or {@code fc00::/7}; a bare address is a block of one. */
public record Cidr(byte[] network, int prefixLength) {

    public static Cidr parse(String text) {
        String[] parts = text.strip().split("/", 2);
        byte[] network = literal(parts[0]);
        int bits = network.length * 8;
        int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : bits;
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("prefix length out of range in '" + text + "'");
        }
        return new Cidr(network, prefix);
    }

    public boolean contains(InetAddress address) {
        return contains(address.getAddress());
    }

    public boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        int fullBytes = prefixLength / 8;
        for (int i = 0; i < fullBytes; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int restBits = prefixLength % 8;
        if (restBits == 0) {
            return true;
        }
        int mask = (0xFF << (8 - restBits)) & 0xFF;
        return (address[fullBytes] & mask) == (network[fullBytes] & mask);
    }

    /** Only literal addresses: this must never trigger a DNS lookup. */
    private static byte[] literal(String text) {
        if (!text.contains(":") && Ipv4Literal.parse(text).isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' is no IP address");
        }
        if (!text.contains(":")) {
            return Ipv4Literal.parse(text).get();
        }
        try {
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + text + "' is no IP address", e);
        }
    }
}
