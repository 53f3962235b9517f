package dev.stt.common.media;

/** The containers {@link MediaSniffer} recognises, each with the media type we record for it. */
public enum DetectedMedia {
    WAV("audio/wav"),
    AVI("video/x-msvideo"),
    /** MPEG audio, layers I–III, with or without an ID3v2 tag in front. */
    MP3("audio/mpeg"),
    /** Raw AAC in ADTS frames. */
    AAC("audio/aac"),
    /** The ISO base media file format: MP4, MOV and 3GP share it and one demuxer. */
    MP4("video/mp4"),
    /** An ISO base media file whose major brand declares it audio-only. */
    M4A("audio/mp4"),
    FLAC("audio/flac"),
    /** Ogg with any codec inside: Opus, Vorbis, FLAC. */
    OGG("audio/ogg"),
    /** WebM and Matroska, which share the EBML header. */
    WEBM("video/webm"),
    FLV("video/x-flv"),
    /** ASF and the WMA and WMV files built on it. */
    ASF("video/x-ms-asf"),
    /** MPEG program stream, VOB included. */
    MPEG_PS("video/mpeg"),
    /** A raw MPEG-1 video elementary stream. */
    MPEG_VIDEO("video/mpeg"),
    MPEG_TS("video/mp2t");

    private final String mediaType;

    DetectedMedia(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }
}
