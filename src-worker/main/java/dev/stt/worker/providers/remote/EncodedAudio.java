package dev.stt.worker.providers.remote;

import java.nio.file.Path;

/** A chunk encoded for upload: the file, its media type, the name to send it under, and how long it plays. */
public record EncodedAudio(Path file, String mediaType, String fileName, long sizeBytes, double durationSeconds) {
}
