package dev.stt.api.upload;

import dev.stt.api.errors.UnsupportedMediaException;
import dev.stt.common.media.DetectedMedia;
import dev.stt.common.media.MediaSniffer;
import io.smallrye.mutiny.Uni;
import io.vertx.core.file.OpenOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;

/**
 * Reads the first bytes of a spooled upload (asynchronously, on the request's context) and names the
 * container they start; anything else is refused before a byte reaches storage.
 */
@ApplicationScoped
public class UploadInspector {

    private final Vertx vertx;

    public UploadInspector(Vertx vertx) {
        this.vertx = vertx;
    }

    /** @throws UnsupportedMediaException (as the Uni's failure) when the bytes are no accepted format */
    public Uni<DetectedMedia> inspect(Path upload) {
        return vertx.fileSystem().open(upload.toString(), new OpenOptions().setRead(true))
                .chain(file -> file.read(Buffer.buffer(MediaSniffer.PREFIX_BYTES), 0, 0L, MediaSniffer.PREFIX_BYTES)
                        .onTermination().call(file::close))
                .map(prefix -> {
                    byte[] bytes = prefix.getBytes();
                    return MediaSniffer.detect(bytes, bytes.length).orElseThrow(UnsupportedMediaException::new);
                });
    }
}
