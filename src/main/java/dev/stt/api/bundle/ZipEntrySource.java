package dev.stt.api.bundle;

import io.smallrye.mutiny.Multi;
import java.nio.ByteBuffer;
import java.time.Instant;

/**
 * One file of a streamed archive. The content is read only when the archive reaches it; {@code compress} is false for
 * data that is compressed already (audio), which is then stored as it is.
 */
record ZipEntrySource(String name, Instant modified, boolean compress, Multi<ByteBuffer> content) {
}
