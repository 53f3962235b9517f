package dev.stt.worker.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import dev.stt.common.net.ScriptedResolver;
import dev.stt.common.net.UrlAllowlist;
import dev.stt.common.net.UrlGuard;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.net.JksOptions;
import java.io.FileInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Connecting to the checked address keeps TLS about the name: the server sees the name as SNI, and the
 * certificate is verified against the name, not the address. A local HTTPS server with a certificate made
 * here for {@code media.test}; the scripted resolver points that name at 127.0.0.1.
 */
class GuardedHttpClientTlsTest {

    private static final String PASSWORD = "changeit";
    private static final OutboundTimeouts TIMEOUTS = new OutboundTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5),
            Duration.ofSeconds(10));

    @TempDir
    static Path dir;

    private static Path keyStore;

    private final Vertx vertx = Vertx.vertx();
    private final ScriptedResolver resolver = new ScriptedResolver()
            .answer("media.test", "127.0.0.1")
            .answer("other.test", "127.0.0.1");
    private final AtomicReference<String> sniSeen = new AtomicReference<>();
    private HttpsServer server;

    @BeforeAll
    static void certificate() throws Exception {
        keyStore = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder("keytool", "-genkeypair", "-alias", "media", "-keyalg", "RSA",
                "-keysize", "2048", "-dname", "CN=media.test", "-ext", "SAN=dns:media.test", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).start();
        keytool.getInputStream().readAllBytes();
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            throw new IllegalStateException("keytool failed");
        }
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
        vertx.close();
    }

    @Test
    void theNameIsSentAsSniAndTheCertificateIsCheckedAgainstIt() throws Exception {
        startServer();
        GuardedHttpClient client = client();

        GuardedResponse response = client.get("https://media.test:" + server.getAddress().getPort() + "/a.mp3",
                MultiMap.caseInsensitiveMultiMap(), TIMEOUTS);
        response.discard();

        assertEquals(200, response.status());
        assertEquals("media.test", sniSeen.get());
        assertEquals(1, resolver.lookupsOf("media.test"));
    }

    @Test
    void aCertificateForAnotherNameIsRefused() throws Exception {
        startServer();
        GuardedHttpClient client = client();

        assertThrows(OutboundFailure.class, () -> client.get("https://other.test:" + server.getAddress().getPort() + "/a.mp3",
                MultiMap.caseInsensitiveMultiMap(), TIMEOUTS));
    }

    private GuardedHttpClient client() {
        UrlGuard guard = new UrlGuard(UrlAllowlist.of(List.of("127.0.0.1/32")), UrlGuard.MAX_LENGTH, resolver);
        HttpClientOptions trust = new HttpClientOptions()
                .setTrustOptions(new JksOptions().setPath(keyStore.toString()).setPassword(PASSWORD));
        return new GuardedHttpClient(guard, vertx, trust);
    }

    private void startServer() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (FileInputStream in = new FileInputStream(keyStore.toFile())) {
            store.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls) {
            @Override
            public void configure(HttpsParameters params) {
                params.setSSLParameters(tls.getDefaultSSLParameters());
            }
        });
        server.createContext("/", exchange -> {
            if (((HttpsExchange) exchange).getSSLSession() instanceof ExtendedSSLSession session) {
                session.getRequestedServerNames().stream()
                        .filter(SNIHostName.class::isInstance)
                        .findFirst()
                        .ifPresent(name -> sniSeen.set(((SNIHostName) name).getAsciiName()));
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }
}
