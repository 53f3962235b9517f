package dev.stt.api.storage;

import io.smallrye.mutiny.Multi;
import java.nio.ByteBuffer;

/** An object S3 has started to send: its length and its body, which can be subscribed to once. */
public record ObjectStream(long length, Multi<ByteBuffer> body) {
}
