package dev.stt.common.testing;

import java.util.List;

/** The containers and codecs users upload, each produced from the speech fixture by {@link SpeechFixtures#encode}. */
public enum AudioFixtureFormat {
    WAV("wav", List.of("-c:a", "pcm_s16le", "-f", "wav")),
    MP3("mp3", List.of("-c:a", "libmp3lame", "-b:a", "64k", "-f", "mp3")),
    FLAC("flac", List.of("-c:a", "flac", "-f", "flac")),
    OGG_OPUS("opus", List.of("-c:a", "libopus", "-b:a", "32k", "-f", "ogg")),
    M4A("m4a", List.of("-c:a", "aac", "-b:a", "64k", "-f", "mp4")),
    WEBM("webm", List.of("-c:a", "libopus", "-b:a", "32k", "-f", "webm")),
    /** A small video track alongside the speech: video uploads must transcribe their audio. */
    MP4_VIDEO("mp4", List.of("-c:v", "mpeg4", "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "64k", "-shortest", "-f", "mp4"));

    private final String extension;
    private final List<String> encoderArguments;

    AudioFixtureFormat(String extension, List<String> encoderArguments) {
        this.extension = extension;
        this.encoderArguments = encoderArguments;
    }

    public String extension() {
        return extension;
    }

    public boolean hasVideo() {
        return this == MP4_VIDEO;
    }

    List<String> encoderArguments() {
        return encoderArguments;
    }
}
