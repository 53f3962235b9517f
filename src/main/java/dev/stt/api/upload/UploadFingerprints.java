package dev.stt.api.upload;

import dev.stt.api.idempotency.IdempotentSubmissions;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;

/**
 * What makes two uploads "the same request" for {@code Idempotency-Key}: the route, the file's name and bytes
 * (SHA-256, read from the spool file on a worker thread) and every other form field.
 */
@ApplicationScoped
public class UploadFingerprints {

    private final Vertx vertx;

    public UploadFingerprints(Vertx vertx) {
        this.vertx = vertx;
    }

    public Uni<String> of(String route, ReceivedUpload upload) {
        return Uni.createFrom().completionStage(() -> vertx.executeBlocking(() -> fingerprint(route, upload), false)
                .toCompletionStage());
    }

    private static String fingerprint(String route, ReceivedUpload upload) {
        List<String> parts = new ArrayList<>(List.of(route, String.valueOf(upload.fileName()), fileDigest(upload)));
        for (String name : new TreeSet<>(upload.fields().names())) {
            parts.add(name);
            parts.addAll(upload.fields().getAll(name));
        }
        return IdempotentSubmissions.fingerprint(parts);
    }

    private static String fileDigest(ReceivedUpload upload) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(upload.file())) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
