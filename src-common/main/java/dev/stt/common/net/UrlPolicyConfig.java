package dev.stt.common.net;

import io.smallrye.config.ConfigMapping;
import java.util.List;
import java.util.Optional;

/** Which URLs clients may make us fetch or call ({@code stt.url.allowlist} → {@code STT_URL_ALLOWLIST}). */
@ConfigMapping(prefix = "stt.url")
public interface UrlPolicyConfig {

    /**
     * Host names or addresses/CIDRs exempt from the private-address block, e.g. {@code minio,10.1.0.0/16}.
     * For local development and tests only: empty (the default) blocks every private and reserved address.
     */
    Optional<List<String>> allowlist();
}
