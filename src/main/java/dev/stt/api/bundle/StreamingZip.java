package dev.stt.api.bundle;

import io.smallrye.mutiny.Multi;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Streams entries as one ZIP archive. Entries are read one after the other, each only as fast as the archive is
 * consumed (back-pressure reaches the sources), and all compression runs on {@code work}, never on an event loop.
 * Memory per archive stays at about {@link #FLUSH_BYTES} plus a few source buffers, whatever the entries' sizes.
 * A failing source fails the stream before the central directory is written: the output is never a complete
 * archive that silently lacks data.
 */
final class StreamingZip {

    /** How much output collects before it is handed on: fewer, larger writes to the connection. */
    static final int FLUSH_BYTES = 64 * 1024;
    /** Source buffers fetched ahead of the compressor. */
    static final int PREFETCH = 16;

    private StreamingZip() {
    }

    static Multi<Buffer> of(List<ZipEntrySource> entries, Executor work) {
        return Multi.createFrom().deferred(() -> {
            ZipWriter writer = new ZipWriter(FLUSH_BYTES);
            Multi<Part> parts = Multi.createBy().concatenating().streams(
                    Multi.createFrom().iterable(entries).onItem().transformToMultiAndConcatenate(StreamingZip::partsOf),
                    Multi.createFrom().<Part>item(new Finish()));
            return parts
                    .emitOn(work, PREFETCH)
                    .map(part -> part.writeTo(writer))
                    .filter(bytes -> bytes.length > 0)
                    .map(Buffer::buffer)
                    .onTermination().invoke(writer::close);
        });
    }

    private static Multi<Part> partsOf(ZipEntrySource source) {
        return Multi.createBy().concatenating().streams(
                Multi.createFrom().<Part>item(new Begin(source)),
                source.content().<Part>map(Data::new),
                Multi.createFrom().<Part>item(new End()));
    }

    /** One step of writing the archive; the steps reach the writer in order, on one thread at a time. */
    private sealed interface Part permits Begin, Data, End, Finish {

        byte[] apply(ZipWriter writer) throws IOException;

        default byte[] writeTo(ZipWriter writer) {
            try {
                return apply(writer);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    private record Begin(ZipEntrySource source) implements Part {
        @Override
        public byte[] apply(ZipWriter writer) throws IOException {
            return writer.begin(source);
        }
    }

    private record Data(ByteBuffer bytes) implements Part {
        @Override
        public byte[] apply(ZipWriter writer) throws IOException {
            return writer.write(bytes);
        }
    }

    private record End() implements Part {
        @Override
        public byte[] apply(ZipWriter writer) throws IOException {
            return writer.end();
        }
    }

    private record Finish() implements Part {
        @Override
        public byte[] apply(ZipWriter writer) throws IOException {
            return writer.finish();
        }
    }
}
