package dev.stt.common.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every form of a private, reserved or otherwise unsafe URL we know of is refused; public ones pass. */
class UrlGuardTest {

    private final ScriptedResolver resolver = new ScriptedResolver()
            .answer("localhost", "127.0.0.1", "::1")
            .answer("internal.example", "10.0.0.5")
            .answer("metadata.example", "169.254.169.254")
            .answer("mixed.example", "93.184.216.34", "192.168.1.10")
            .answer("private-v6.example", "fd00::1")
            .answer("mapped.example", "::ffff:127.0.0.1")
            .answer("nat64.example", "64:ff9b::a00:1")
            .answer("example.com", "93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946")
            .answer("cdn.example.org", "151.101.1.1")
            .answer("minio", "10.1.2.3");

    private final UrlGuard guard = new UrlGuard(UrlAllowlist.none(), 2048, resolver);

    static Stream<Arguments> blocked() {
        return Stream.of(
                // IPv4 loopback and its numeric spellings
                Arguments.of("http://127.0.0.1/", "points to a private"),
                Arguments.of("http://127.1/", "points to a private"),
                Arguments.of("http://2130706433/", "points to a private"),
                Arguments.of("http://0x7f000001/", "points to a private"),
                Arguments.of("http://0177.0.0.1/", "points to a private"),
                Arguments.of("http://0x7f.0.0.1/", "points to a private"),
                Arguments.of("http://0x7f.1/", "points to a private"),
                Arguments.of("http://127.000.000.001:8080/", "points to a private"),
                Arguments.of("http://0/", "points to a private"),
                Arguments.of("http://0.0.0.0:8080/", "points to a private"),
                // private, shared and reserved IPv4 ranges
                Arguments.of("http://10.0.0.1/", "points to a private"),
                Arguments.of("http://172.16.5.4/", "points to a private"),
                Arguments.of("http://172.31.255.255/", "points to a private"),
                Arguments.of("http://192.168.1.1/", "points to a private"),
                Arguments.of("http://169.254.169.254/latest/meta-data/", "points to a private"),
                Arguments.of("http://100.64.0.1/", "points to a private"),
                Arguments.of("http://198.18.0.1/", "points to a private"),
                Arguments.of("http://192.0.2.1/", "points to a private"),
                Arguments.of("http://224.0.0.1/", "points to a private"),
                Arguments.of("http://240.0.0.1/", "points to a private"),
                Arguments.of("http://255.255.255.255/", "points to a private"),
                // IPv6 ranges
                Arguments.of("http://[::1]/", "points to a private"),
                Arguments.of("http://[::]/", "points to a private"),
                Arguments.of("http://[fc00::1]/", "points to a private"),
                Arguments.of("http://[fd12:3456::1]:8443/", "points to a private"),
                Arguments.of("http://[fe80::1]/", "points to a private"),
                Arguments.of("http://[ff02::1]/", "points to a private"),
                // IPv4 inside IPv6
                Arguments.of("http://[::ffff:127.0.0.1]/", "points to a private"),
                Arguments.of("http://[::ffff:7f00:1]/", "points to a private"),
                Arguments.of("http://[0:0:0:0:0:ffff:a9fe:a9fe]/", "points to a private"),
                Arguments.of("http://[::ffff:0:7f00:1]/", "points to a private"),
                Arguments.of("http://[::127.0.0.1]/", "points to a private"),
                Arguments.of("http://[::a00:1]/", "points to a private"),
                Arguments.of("http://[64:ff9b::a9fe:a9fe]/", "points to a private"),
                Arguments.of("http://[64:ff9b::127.0.0.1]/", "points to a private"),
                Arguments.of("http://[2002:7f00:1::]/", "points to a private"),
                Arguments.of("http://[2002:c0a8:101::1]/", "points to a private"),
                Arguments.of("http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/", "points to a private"),
                // names that resolve to blocked addresses, including only one of several
                Arguments.of("http://localhost/", "resolves to a private"),
                Arguments.of("http://LOCALHOST./", "resolves to a private"),
                Arguments.of("http://internal.example/a.mp3", "resolves to a private"),
                Arguments.of("http://metadata.example/", "resolves to a private"),
                Arguments.of("http://mixed.example/", "resolves to a private"),
                Arguments.of("http://private-v6.example/", "resolves to a private"),
                Arguments.of("http://mapped.example/", "resolves to a private"),
                Arguments.of("http://nat64.example/", "resolves to a private"),
                Arguments.of("http://minio/", "resolves to a private"),
                // malformed or unsafe URLs
                Arguments.of("http://127.0.0.1.5/", "no valid IPv4"),
                Arguments.of("http://256.0.0.1/", "no valid IPv4"),
                Arguments.of("http://%31%32%37.0.0.1/", "no valid host"),
                Arguments.of("http://127\u30020\u30020\u30021/", "no valid host"),
                Arguments.of("http://[fe80::1%25eth0]/", "no valid"),
                Arguments.of("http://nowhere.invalid/", "does not resolve"),
                Arguments.of("ftp://example.com/a.mp3", "http or https"),
                Arguments.of("file:///etc/passwd", "http or https"),
                Arguments.of("gopher://example.com:70/", "http or https"),
                Arguments.of("javascript:alert(1)", "http or https"),
                Arguments.of("//example.com/a.mp3", "http or https"),
                Arguments.of("http://user:secret@example.com/", "credentials"),
                Arguments.of("http://example.com@127.0.0.1/", "credentials"),
                Arguments.of("http://example.com/" + "a".repeat(2100), "longer than 2048"),
                Arguments.of("http://exa mple.com/", "not a valid URL"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("blocked")
    void refuses(String url, String reason) {
        UrlBlockedException refused = assertThrows(UrlBlockedException.class, () -> guard.check(url));
        assertTrue(refused.getMessage().contains(reason), () -> "'" + refused.getMessage() + "' should say: " + reason);
    }

    static Stream<Arguments> allowed() {
        return Stream.of(
                Arguments.of("http://example.com/audio.mp3", "example.com", 80),
                Arguments.of("https://cdn.example.org/a/b.wav?sig=abc", "cdn.example.org", 443),
                Arguments.of("https://EXAMPLE.com./talk.flac", "example.com", 443),
                Arguments.of("http://93.184.216.34/talk.flac", "93.184.216.34", 80),
                Arguments.of("http://8.8.8.8:8080/x", "8.8.8.8", 8080),
                Arguments.of("https://[2606:2800:220:1:248:1893:25c8:1946]/x", "2606:2800:220:1:248:1893:25c8:1946", 443),
                Arguments.of("http://[2002:5db8:d822::1]/", "2002:5db8:d822::1", 80),
                Arguments.of("http://[64:ff9b::808:808]/", "64:ff9b::808:808", 80));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allowed")
    void allowsPublicDestinations(String url, String host, int port) {
        CheckedUrl checked = guard.check(url);
        assertEquals(host, checked.host());
        assertEquals(port, checked.port());
        assertTrue(checked.addresses().stream().noneMatch(AddressPolicy::isBlocked));
    }

    @Test
    void atLeastThirtyBlockedFormsAreCovered() {
        assertTrue(blocked().count() >= 30);
    }

    @Test
    void literalAddressesInAnySpellingNeverReachTheResolver() {
        for (String url : List.of("http://2130706433/", "http://0x7f000001/", "http://0177.0.0.1/", "http://127.1/",
                "http://[::ffff:7f00:1]/", "http://8.8.8.8/")) {
            try {
                guard.check(url);
            } catch (UrlBlockedException expected) {
                // refused or not, what counts here is that no lookup happened
            }
        }
        assertEquals(List.of(), resolver.lookups());
    }

    @Test
    void everyResolvedAddressIsCheckedAndKeptForTheConnection() {
        CheckedUrl checked = guard.check("http://example.com/a.mp3");
        assertEquals(2, checked.addresses().size());
        assertEquals("/a.mp3", checked.requestTarget());
        assertEquals("example.com", checked.hostHeader());
        assertEquals(1, resolver.lookupsOf("example.com"));
    }

    @Test
    void theAllowlistExemptsNamedHostsAndAddressBlocksOnly() throws Exception {
        UrlGuard local = new UrlGuard(UrlAllowlist.of(List.of("minio", "127.0.0.1/32")), 2048, resolver);

        assertEquals(InetAddress.getByName("10.1.2.3"), local.check("http://minio:9000/bucket/a.wav").addresses().get(0));
        assertEquals("127.0.0.1", local.check("http://127.0.0.1:8080/a.wav").addresses().get(0).getHostAddress());
        assertThrows(UrlBlockedException.class, () -> local.check("http://127.0.0.2/"));
        assertThrows(UrlBlockedException.class, () -> local.check("http://internal.example/"));
        assertThrows(UrlBlockedException.class, () -> local.check("http://169.254.169.254/"));
        assertThrows(UrlBlockedException.class, () -> local.check("ftp://minio/"), "the scheme rule still applies");
    }

    @Test
    void redirectsAreResolvedAgainstTheUrlThatSentThemAndCheckedAgain() {
        CheckedUrl first = guard.check("https://example.com/media/talk");
        assertEquals("/media/talk.mp3", guard.checkRedirect(first, "talk.mp3").requestTarget());
        assertEquals("cdn.example.org", guard.checkRedirect(first, "//cdn.example.org/x").host());
        assertThrows(UrlBlockedException.class, () -> guard.checkRedirect(first, "http://169.254.169.254/latest"));
        assertThrows(UrlBlockedException.class, () -> guard.checkRedirect(first, "file:///etc/passwd"));
    }
}
