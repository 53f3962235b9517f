package dev.stt.common.net;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads IPv4 addresses the way {@code inet_aton} and browsers do: one to four parts, each decimal, octal
 * ({@code 0177}) or hex ({@code 0x7f}), the last part filling the remaining bytes. So {@code 127.1},
 * {@code 2130706433}, {@code 0x7f000001} and {@code 0177.0.0.1} all read as 127.0.0.1, and none of them
 * can pass a check as a "host name" and then reach loopback through a resolver that reads them the same way.
 */
final class Ipv4Literal {

    private static final Pattern NUMERIC_PART = Pattern.compile("(0[xX][0-9a-fA-F]*|[0-9]+)");

    private Ipv4Literal() {
    }

    /** True when the host's last label is a number: browsers then treat the whole host as an IPv4 address. */
    static boolean looksNumeric(String host) {
        String last = host.substring(host.lastIndexOf('.') + 1);
        return !last.isEmpty() && NUMERIC_PART.matcher(last).matches();
    }

    /** The four bytes, or empty when the text is not a valid IPv4 address in any of these forms. */
    static Optional<byte[]> parse(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length < 1 || parts.length > 4) {
            return Optional.empty();
        }
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            Optional<Long> value = number(parts[i]);
            if (value.isEmpty()) {
                return Optional.empty();
            }
            values[i] = value.get();
        }
        long address = 0;
        for (int i = 0; i < values.length - 1; i++) {
            if (values[i] > 0xFF) {
                return Optional.empty();
            }
            address |= values[i] << (24 - 8 * i);
        }
        long last = values[values.length - 1];
        if (last >= 1L << (8 * (5 - values.length))) {
            return Optional.empty();
        }
        address |= last;
        return Optional.of(new byte[] {
            (byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address});
    }

    private static Optional<Long> number(String part) {
        if (!NUMERIC_PART.matcher(part).matches() || part.length() > 12) {
            return Optional.empty();
        }
        if (part.startsWith("0x") || part.startsWith("0X")) {
            return Optional.of(part.length() == 2 ? 0L : Long.parseLong(part.substring(2), 16));
        }
        if (part.length() > 1 && part.startsWith("0")) {
            return part.chars().allMatch(c -> c >= '0' && c <= '7')
                    ? Optional.of(Long.parseLong(part.substring(1), 8))
                    : Optional.empty();
        }
        return Optional.of(Long.parseLong(part));
    }
}
