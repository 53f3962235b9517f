package dev.stt.api.bundle;

import io.smallrye.mutiny.Multi;
import io.vertx.core.buffer.Buffer;
import java.util.UUID;

/** A job's download bundle, ready to stream: the job was found and its audio answered. */
public record Bundle(UUID jobId, Multi<Buffer> zip) {

    /** A download name that needs no escaping: the job id. */
    public String filename() {
        return jobId + ".zip";
    }
}
