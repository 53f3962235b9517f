package dev.stt.common.net;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A resolver whose answers the test writes: per name, one answer per lookup in turn (the last repeats), so a
 * name can answer differently on its second lookup, as a rebinding DNS server would. No outside network.
 */
public class ScriptedResolver implements HostResolver {

    private final Map<String, List<List<InetAddress>>> answers = new ConcurrentHashMap<>();
    private final List<String> lookups = Collections.synchronizedList(new ArrayList<>());

    /** Every lookup of {@code host} answers these addresses. */
    public ScriptedResolver answer(String host, String... addresses) {
        answers.put(host, new ArrayList<>(List.of(addresses(host, addresses))));
        return this;
    }

    /** The next lookup of {@code host} after those already scripted answers these addresses. */
    public ScriptedResolver thenAnswer(String host, String... addresses) {
        answers.computeIfAbsent(host, h -> new ArrayList<>()).add(addresses(host, addresses));
        return this;
    }

    public void forget(String host) {
        answers.remove(host);
    }

    /** The names looked up so far, in order. */
    public List<String> lookups() {
        return List.copyOf(lookups);
    }

    public long lookupsOf(String host) {
        return lookups().stream().filter(host::equals).count();
    }

    @Override
    public List<InetAddress> resolve(String host) throws UnknownHostException {
        lookups.add(host);
        List<List<InetAddress>> scripted = answers.get(host);
        if (scripted == null || scripted.isEmpty()) {
            throw new UnknownHostException(host);
        }
        synchronized (scripted) {
            return scripted.size() > 1 ? scripted.remove(0) : scripted.get(0);
        }
    }

    private static List<InetAddress> addresses(String host, String... literals) {
        List<InetAddress> result = new ArrayList<>();
        for (String literal : literals) {
            result.add(address(host, literal));
        }
        return result;
    }

    /** A literal as a resolver would return it; {@code ::ffff:} forms stay IPv6, as some resolvers return them. */
    private static InetAddress address(String host, String literal) {
        try {
            InetAddress parsed = InetAddress.getByName(literal);
            if (literal.startsWith("::ffff:") && !(parsed instanceof Inet6Address)) {
                byte[] mapped = new byte[16];
                mapped[10] = (byte) 0xFF;
                mapped[11] = (byte) 0xFF;
                System.arraycopy(parsed.getAddress(), 0, mapped, 12, 4);
                return Inet6Address.getByAddress(host, mapped, -1);
            }
            return InetAddress.getByAddress(host, parsed.getAddress());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }
}
