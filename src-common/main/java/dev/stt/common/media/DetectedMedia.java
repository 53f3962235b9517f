package dev.stt.common.media;

/** The containers {@link MediaSniffer} recognises, each with the media type we record for it. */
public enum DetectedMedia {
    WAV("audio/wav", "wav"),
    AVI("video/x-msvideo", "avi"),
    /** MPEG audio, layers I–III, with or without an ID3v2 tag in front (which AAC and FLAC files carry too). */
    MP3("audio/mpeg", "mp3,aac,flac"),
    /** Raw AAC in ADTS frames. */
    AAC("audio/aac", "aac"),
    /** The ISO base media file format: MP4, MOV and 3GP share it and one demuxer. */
    MP4("video/mp4", "mov"),
    /** An ISO base media file whose major brand declares it audio-only. */
    M4A("audio/mp4", "mov"),
    FLAC("audio/flac", "flac"),
    /** Ogg with any codec inside: Opus, Vorbis, FLAC. */
    OGG("audio/ogg", "ogg"),
    /** WebM and Matroska, which share the EBML header. */
    WEBM("video/webm", "matroska"),
    FLV("video/x-flv", "flv"),
    /** ASF and the WMA and WMV files built on it. */
    ASF("video/x-ms-asf", "asf"),
    /** MPEG program stream, VOB included. */
    MPEG_PS("video/mpeg", "mpeg"),
    /** A raw MPEG-1 video elementary stream. */
    MPEG_VIDEO("video/mpeg", "mpegvideo"),
    MPEG_TS("video/mp2t", "mpegts");

    private final String mediaType;
    private final String demuxers;

    DetectedMedia(String mediaType, String demuxers) {
        this.mediaType = mediaType;
        this.demuxers = demuxers;
    }

    public String mediaType() {
        return mediaType;
    }

    /**
     * The ffmpeg demuxers (a comma list, as {@code -format_whitelist} takes it) that may open a file that starts like
     * this. Restricting ffmpeg to them keeps every other demuxer — generators such as SBaGen, playlists, subtitle
     * formats — out of reach of an upload that merely starts with accepted magic bytes.
     */
    public String demuxers() {
        return demuxers;
    }
}
