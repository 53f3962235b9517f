package dev.stt.worker.ingest;

import dev.stt.common.errors.ErrorCode;
import dev.stt.common.media.DetectedMedia;
import dev.stt.common.media.MediaSniffer;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.streams.WriteStream;
import java.util.Optional;

/**
 * Where a download's body goes: into a file, refused the moment it passes the size cap, and refused as soon
 * as its first bytes show it is no audio or video container we accept — the same checks an upload gets,
 * made while the bytes arrive, so a wrong or endless download stops early.
 */
final class CappedAudioSink implements WriteStream<Buffer> {

    private final AsyncFile file;
    private final long maxBytes;
    private final Buffer prefix = Buffer.buffer(MediaSniffer.PREFIX_BYTES);
    private long written;
    private DetectedMedia media;
    private volatile boolean ended;
    /** Once refused, the rest of the body is refused too, without touching the file. */
    private Throwable refusal;

    CappedAudioSink(AsyncFile file, long maxBytes) {
        this.file = file;
        this.maxBytes = maxBytes;
    }

    long written() {
        return written;
    }

    DetectedMedia media() {
        return media;
    }

    @Override
    public Future<Void> write(Buffer data) {
        if (refusal != null) {
            return Future.failedFuture(refusal);
        }
        Future<Void> accepted = accept(data);
        if (accepted.failed()) {
            refusal = accepted.cause();
        }
        return accepted;
    }

    private Future<Void> accept(Buffer data) {
        written += data.length();
        if (written > maxBytes) {
            return Future.failedFuture(tooLarge(maxBytes));
        }
        if (media == null) {
            prefix.appendBuffer(data, 0, Math.min(data.length(), MediaSniffer.PREFIX_BYTES - prefix.length()));
            if (prefix.length() >= MediaSniffer.PREFIX_BYTES) {
                Optional<DownloadException> refused = sniff();
                if (refused.isPresent()) {
                    return Future.failedFuture(refused.get());
                }
            }
        }
        try {
            return file.write(data);
        } catch (IllegalStateException closed) {
            // the download was abandoned (timeout) and its file closed while bytes were still arriving
            return Future.failedFuture(closed);
        }
    }

    @Override
    public void write(Buffer data, Handler<AsyncResult<Void>> handler) {
        write(data).onComplete(handler);
    }

    @Override
    public void end(Handler<AsyncResult<Void>> handler) {
        // a file shorter than the sniffer's window is judged on what there is
        if (refusal != null) {
            handler.handle(Future.failedFuture(refusal));
            return;
        }
        Optional<DownloadException> refused = media == null ? sniff() : Optional.empty();
        if (refused.isPresent()) {
            refusal = refused.get();
            handler.handle(Future.failedFuture(refusal));
            return;
        }
        ended = true;
        file.end(handler);
    }

    /** Closes the file unless the transfer ended normally, which closed it already. */
    void closeUnlessEnded() {
        if (!ended) {
            ended = true;
            try {
                file.close();
            } catch (IllegalStateException alreadyClosed) {
                // nothing left to release
            }
        }
    }

    @Override
    public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
        file.exceptionHandler(handler);
        return this;
    }

    @Override
    public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
        file.setWriteQueueMaxSize(maxSize);
        return this;
    }

    @Override
    public boolean writeQueueFull() {
        // a refused or abandoned transfer takes anything, to drop it
        return refusal == null && !ended && file.writeQueueFull();
    }

    @Override
    public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
        if (refusal == null && !ended) {
            file.drainHandler(handler);
        }
        return this;
    }

    private Optional<DownloadException> sniff() {
        byte[] head = prefix.getBytes();
        media = MediaSniffer.detect(head, head.length).orElse(null);
        return media != null ? Optional.empty() : Optional.of(new DownloadException(ErrorCode.INVALID_AUDIO,
                "The URL did not return audio or video in a format this service accepts."));
    }

    static DownloadException tooLarge(long maxBytes) {
        return new DownloadException(ErrorCode.PAYLOAD_TOO_LARGE,
                "The audio at the URL is larger than the limit of " + maxBytes / (1024 * 1024) + " MiB.");
    }
}
