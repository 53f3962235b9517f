package dev.stt.worker.providers.remote;

import dev.stt.common.errors.ErrorCode;
import dev.stt.worker.providers.ProviderException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * One remote provider's HTTP connection, for worker threads: blocking sends with the JDK client, answers read with a
 * size cap, and every way a call can fail turned into a {@link ProviderException} whose text never holds the key.
 */
public final class ProviderHttp {

    private static final int MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

    private final String provider;
    private final HttpClient client;
    private final Optional<String> key;

    public ProviderHttp(String provider, Duration connectTimeout, Optional<String> key) {
        this.provider = provider;
        this.key = key;
        this.client = HttpClient.newBuilder()
                // self-hosted engines rarely speak HTTP/2 without TLS; 1.1 works everywhere
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public Optional<String> key() {
        return key;
    }

    /**
     * Sends the request and returns the body of a 2xx answer.
     *
     * @throws ProviderException for an error answer ({@link HttpFailures}), a timeout, a refused or broken connection
     */
    public String send(HttpRequest request) {
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpConnectTimeoutException e) {
            throw new ProviderException(ErrorCode.PROVIDER_UNAVAILABLE, true, provider + " did not accept a connection in time", e);
        } catch (HttpTimeoutException e) {
            throw new ProviderException(ErrorCode.TIMEOUT, true, provider + " did not answer within " + request.timeout()
                    .map(Duration::toString).orElse("the timeout"), e);
        } catch (IOException e) {
            throw connectionFailure(e);
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
        String body = read(response.body());
        if (response.statusCode() / 100 != 2) {
            throw HttpFailures.of(provider, response.statusCode(), response.headers(), body, key);
        }
        return body;
    }

    private String read(InputStream in) {
        try (in) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            byte[] buffer = new byte[16 * 1024];
            int n;
            while ((n = in.read(buffer)) != -1) {
                if (bytes.size() + n > MAX_RESPONSE_BYTES) {
                    throw new ProviderException(ErrorCode.UNKNOWN, true,
                            provider + " answered with more than " + MAX_RESPONSE_BYTES + " bytes");
                }
                bytes.write(buffer, 0, n);
            }
            return bytes.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw interrupted(e);
            }
            throw connectionFailure(e);
        }
    }

    private ProviderException connectionFailure(IOException e) {
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new ProviderException(ErrorCode.PROVIDER_UNAVAILABLE, true,
                provider + " could not be reached: " + SecretRedactor.redact(why, key), e);
    }

    /** The fault-tolerance timeout interrupts the calling thread; keep the flag for whoever decides what it meant. */
    private ProviderException interrupted(Exception e) {
        Thread.currentThread().interrupt();
        return new ProviderException(ErrorCode.TIMEOUT, true, provider + " call interrupted before it answered", e);
    }
}
