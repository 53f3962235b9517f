package dev.stt.worker.ingest;

import dev.stt.common.media.DetectedMedia;

/** What a finished download turned out to be. */
public record DownloadedAudio(DetectedMedia media, long sizeBytes) {
}
