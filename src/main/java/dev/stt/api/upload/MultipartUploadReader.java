package dev.stt.api.upload;

import dev.stt.api.config.ApiConfig;
import dev.stt.api.errors.ApiException;
import dev.stt.api.errors.MalformedRequestException;
import dev.stt.api.errors.OverloadedException;
import dev.stt.api.errors.PayloadTooLargeException;
import dev.stt.api.errors.ValidationException;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerFileUpload;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Reads a {@code multipart/form-data} upload itself, on the request's event loop, instead of leaving it to the REST
 * layer: the one file part streams to a {@link SpoolDirectory} file of this request (asynchronous file I/O, with
 * back-pressure), every other field stays small in memory. Because this reader owns the file, a request that is cut
 * off, refused or malformed loses its file at once, and every malformed body becomes a 400/413 problem document
 * (one WARN line, no stack trace) instead of a server error.
 */
@ApplicationScoped
public class MultipartUploadReader {

    static final Logger LOG = Logger.getLogger(MultipartUploadReader.class);
    /** Seconds a client refused for a full spool should wait before retrying. */
    private static final long SPOOL_FULL_RETRY_AFTER = 5;

    private final Vertx vertx;
    private final SpoolDirectory spool;
    private final ApiConfig config;
    private final long maxFieldBytes;

    public MultipartUploadReader(Vertx vertx, SpoolDirectory spool, ApiConfig config,
            @ConfigProperty(name = "quarkus.http.limits.max-form-attribute-size") MemorySize maxFieldSize) {
        this.vertx = vertx;
        this.spool = spool;
        this.config = config;
        this.maxFieldBytes = maxFieldSize.asLongValue();
    }

    /** Reads the request body; {@code filePart} is the one part that may (and must) be a file. */
    public Uni<ReceivedUpload> read(RoutingContext context, String filePart) {
        return Uni.createFrom().emitter(emitter -> new Reception(context.request(), filePart, emitter).start());
    }

    /** Frees the spool file of an upload once its request is done with it. */
    public Uni<Void> discard(ReceivedUpload upload) {
        return discard(upload.file(), upload.size());
    }

    private Uni<Void> discard(Path file, long reservedBytes) {
        spool.release(reservedBytes);
        return Uni.createFrom().completionStage(() -> vertx.executeBlocking(() -> {
            spool.discard(file);
            return null;
        }, false).toCompletionStage()).replaceWithVoid();
    }

    /** One request's body being read; every callback runs on the request's event loop. */
    private final class Reception {

        private final HttpServerRequest request;
        private final String filePart;
        private final UniEmitter<? super ReceivedUpload> emitter;
        private Path file;
        private AsyncFile output;
        private String fileName;
        private long fileBytes;
        /** Held back by this reader (file not open yet, or its write queue full): its data and end are still to come. */
        private boolean filePaused;
        private boolean fileEnded;
        private boolean fileClosed;
        private boolean requestEnded;
        private boolean finished;

        Reception(HttpServerRequest request, String filePart, UniEmitter<? super ReceivedUpload> emitter) {
            this.request = request;
            this.filePart = filePart;
            this.emitter = emitter;
        }

        void start() {
            emitter.onTermination(() -> {
                if (!finished) {
                    // the subscriber went away (client gone, request cancelled): nothing will use the file
                    fail(null);
                }
            });
            request.setExpectMultipart(true);
            MultipartFraming framing = MultipartFraming.forContentType(request.getHeader(HttpHeaders.CONTENT_TYPE)).orElse(null);
            if (framing == null) {
                fail(new MalformedRequestException("The Content-Type names no multipart boundary."));
                return;
            }
            request.handler(chunk -> framing.feed(chunk)
                    .ifPresent(problem -> fail(new MalformedRequestException("The body is not well-formed multipart/form-data: "
                            + problem + "."))));
            request.exceptionHandler(this::readFailed);
            request.uploadHandler(this::part);
            request.endHandler(ignored -> {
                requestEnded = true;
                completeIfDone();
            });
            // the HTTP layer holds a body back until someone reads it
            request.resume();
        }

        private void part(HttpServerFileUpload upload) {
            if (!filePart.equals(upload.name()) || file != null) {
                fail(new ValidationException(upload.name(), "is an unexpected file part: send the audio as one part named '"
                        + filePart + "'"));
                return;
            }
            pause(upload);
            fileName = upload.filename();
            file = spool.newFile();
            vertx.fileSystem().open(file.toString(), new OpenOptions().setWrite(true).setCreateNew(true))
                    .onSuccess(opened -> {
                        output = opened;
                        if (finished) {
                            // refused while the file was being created: it is not in the discard of fail()
                            Path late = file;
                            output.close().onComplete(closed -> discard(late, 0).subscribe().with(ignored -> {
                            }, e -> LOG.warnf("Could not remove spool file %s: %s", late, e.toString())));
                            return;
                        }
                        upload.handler(chunk -> write(upload, chunk));
                        upload.exceptionHandler(this::readFailed);
                        upload.endHandler(ignored -> fileEnded());
                        output.drainHandler(ignored -> resume(upload));
                        resume(upload);
                    })
                    .onFailure(e -> fail(spoolUnavailable()));
        }

        private void write(HttpServerFileUpload upload, Buffer chunk) {
            if (finished) {
                return;
            }
            fileBytes += chunk.length();
            if (fileBytes > config.maxUploadBytes()) {
                fail(PayloadTooLargeException.upload(config.maxUploadMb()));
                return;
            }
            if (!spool.reserve(chunk.length())) {
                fileBytes -= chunk.length();
                fail(new OverloadedException("Too many uploads are in flight to store this one now; retry later.",
                        SPOOL_FULL_RETRY_AFTER));
                return;
            }
            output.write(chunk);
            if (output.writeQueueFull()) {
                pause(upload);
            }
        }

        private void fileEnded() {
            fileEnded = true;
            if (finished) {
                // refused while the part was still arriving: fail() has closed the file and discards it already
                return;
            }
            output.close().onComplete(closed -> {
                if (closed.failed()) {
                    fail(spoolUnavailable());
                    return;
                }
                fileClosed = true;
                completeIfDone();
            });
        }

        private void pause(HttpServerFileUpload upload) {
            filePaused = true;
            upload.pause();
        }

        private void resume(HttpServerFileUpload upload) {
            if (!filePaused || finished) {
                return;
            }
            filePaused = false;
            upload.resume();
            if (requestEnded) {
                // what the upload held back is delivered on the next turns of the loop; look again after it
                Vertx.currentContext().runOnContext(ignored -> completeIfDone());
            }
        }

        private void completeIfDone() {
            if (finished || !requestEnded) {
                return;
            }
            if (file == null) {
                fail(new ValidationException(filePart, "is required: send the audio as the multipart part '" + filePart + "'"));
            } else if (fileClosed) {
                finished = true;
                emitter.complete(new ReceivedUpload(file, fileName, fileBytes, request.formAttributes()));
            } else if (!fileEnded && !filePaused) {
                // every byte of the body has been delivered and the file part never ended: no closing boundary
                fail(new MalformedRequestException("The multipart body ended before the file part was complete."));
            }
        }

        private void readFailed(Throwable failure) {
            if (failure instanceof HttpClosedException) {
                LOG.debugf("Upload connection closed by the client after %d bytes", fileBytes);
                fail(null);
                return;
            }
            fail(MultipartFailures.classify(failure, maxFieldBytes));
        }

        private OverloadedException spoolUnavailable() {
            return new OverloadedException("The upload could not be stored right now; retry later.", SPOOL_FULL_RETRY_AFTER);
        }

        /** Ends the reception: the file goes at once; {@code refusal} (null when nobody can be answered) is the outcome. */
        private void fail(ApiException refusal) {
            if (finished) {
                return;
            }
            finished = true;
            if (refusal != null && !request.isEnded()) {
                // the rest of the body will not be read: the connection cannot carry another request
                request.response().putHeader(HttpHeaders.CONNECTION, "close");
            }
            if (file != null && output != null) {
                Path spooled = file;
                long reservedBytes = fileBytes;
                Uni<Void> closed = Uni.createFrom().completionStage(() -> output.close().toCompletionStage())
                        .onFailure().recoverWithNull().replaceWithVoid();
                closed.chain(() -> discard(spooled, reservedBytes))
                        .subscribe().with(ignored -> {
                        }, e -> LOG.warnf("Could not remove spool file %s: %s", spooled, e.toString()));
            }
            if (refusal != null) {
                LOG.warnf("Upload refused while reading it: %s", refusal.detail());
                emitter.fail(refusal);
            } else {
                emitter.fail(new MalformedRequestException("The upload was cut off."));
            }
        }
    }
}
