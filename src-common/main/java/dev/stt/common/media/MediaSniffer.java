package dev.stt.common.media;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * Decides from the first bytes of an upload whether it is an audio or video container we accept, and which.
 * Only the bytes count: the client's file name and claimed content type are the client's word.
 */
public final class MediaSniffer {

    /** How many leading bytes {@link #detect} wants: enough to see MPEG-TS sync bytes repeat many times. */
    public static final int PREFIX_BYTES = 4096;

    private static final byte[] RIFF = ascii("RIFF");
    private static final byte[] RIFF_WAVE = ascii("WAVE");
    private static final byte[] RIFF_AVI = ascii("AVI ");
    private static final byte[] ID3 = ascii("ID3");
    private static final byte[] FTYP = ascii("ftyp");
    private static final byte[] FLAC = ascii("fLaC");
    private static final byte[] OGG = ascii("OggS");
    private static final byte[] EBML = bytes(0x1A, 0x45, 0xDF, 0xA3);
    private static final byte[] FLV_VERSION_1 = bytes('F', 'L', 'V', 0x01);
    private static final byte[] ASF_HEADER_GUID = bytes(
            0x30, 0x26, 0xB2, 0x75, 0x8E, 0x66, 0xCF, 0x11, 0xA6, 0xD9, 0x00, 0xAA, 0x00, 0x62, 0xCE, 0x6C);
    private static final byte[] MPEG_PACK_HEADER = bytes(0x00, 0x00, 0x01, 0xBA);
    private static final byte[] MPEG_SEQUENCE_HEADER = bytes(0x00, 0x00, 0x01, 0xB3);

    private static final int ID3_HEADER_BYTES = 10;
    private static final int MPEG_AUDIO_HEADER_BYTES = 3;
    /** Box size, "ftyp", major brand, minor version: anything smaller cannot be a file-type box. */
    private static final int MIN_FTYP_BOX_BYTES = 16;
    /** Brand lists hold a handful of entries; a bigger size means text or garbage where the size belongs. */
    private static final int MAX_FTYP_BOX_BYTES = 4096;
    private static final Set<String> AUDIO_ONLY_BRANDS = Set.of("M4A ", "M4B ", "M4P ");
    private static final int TS_PACKET_BYTES = 188;
    private static final int TS_SYNC_BYTE = 0x47;

    private MediaSniffer() {
    }

    /**
     * What the first {@code length} bytes of {@code prefix} are, or empty when they are nothing we accept
     * or too few to tell.
     */
    public static Optional<DetectedMedia> detect(byte[] prefix, int length) {
        if (length < 0 || length > prefix.length) {
            throw new IllegalArgumentException("length " + length + " outside a buffer of " + prefix.length + " bytes");
        }
        Prefix head = new Prefix(prefix, length);
        if (head.matches(0, RIFF)) {
            return riffForm(head);
        }
        if (head.matches(4, FTYP)) {
            return isoMedia(head);
        }
        if (head.matches(0, ID3)) {
            return isId3v2Header(head) ? Optional.of(DetectedMedia.MP3) : Optional.empty();
        }
        if (isMpegAudioFrame(head)) {
            return Optional.of(DetectedMedia.MP3);
        }
        if (isAdtsFrame(head)) {
            return Optional.of(DetectedMedia.AAC);
        }
        if (head.matches(0, FLAC)) {
            return Optional.of(DetectedMedia.FLAC);
        }
        if (head.matches(0, OGG)) {
            return Optional.of(DetectedMedia.OGG);
        }
        if (head.matches(0, EBML)) {
            return Optional.of(DetectedMedia.WEBM);
        }
        if (head.matches(0, FLV_VERSION_1)) {
            return Optional.of(DetectedMedia.FLV);
        }
        if (head.matches(0, ASF_HEADER_GUID)) {
            return Optional.of(DetectedMedia.ASF);
        }
        if (head.matches(0, MPEG_PACK_HEADER)) {
            return Optional.of(DetectedMedia.MPEG_PS);
        }
        if (head.matches(0, MPEG_SEQUENCE_HEADER)) {
            return Optional.of(DetectedMedia.MPEG_VIDEO);
        }
        if (isTransportStream(head)) {
            return Optional.of(DetectedMedia.MPEG_TS);
        }
        return Optional.empty();
    }

    private static Optional<DetectedMedia> riffForm(Prefix head) {
        if (head.matches(8, RIFF_WAVE)) {
            return Optional.of(DetectedMedia.WAV);
        }
        if (head.matches(8, RIFF_AVI)) {
            return Optional.of(DetectedMedia.AVI);
        }
        return Optional.empty();
    }

    private static Optional<DetectedMedia> isoMedia(Prefix head) {
        if (!head.has(12)) {
            return Optional.empty();
        }
        long boxSize = head.uint32(0);
        if (boxSize < MIN_FTYP_BOX_BYTES || boxSize > MAX_FTYP_BOX_BYTES) {
            return Optional.empty();
        }
        String majorBrand = head.ascii(8, 4);
        return Optional.of(AUDIO_ONLY_BRANDS.contains(majorBrand) ? DetectedMedia.M4A : DetectedMedia.MP4);
    }

    /** Three letters alone could start a text file: the version and the sync-safe size must fit ID3v2 too. */
    private static boolean isId3v2Header(Prefix head) {
        if (!head.has(ID3_HEADER_BYTES)) {
            return false;
        }
        int majorVersion = head.at(3);
        int revision = head.at(4);
        boolean syncSafeSize = (head.at(6) | head.at(7) | head.at(8) | head.at(9)) < 0x80;
        return majorVersion >= 2 && majorVersion <= 4 && revision != 0xFF && syncSafeSize;
    }

    /** An 11-bit frame sync is common in any binary; the header fields must also name a real stream. */
    private static boolean isMpegAudioFrame(Prefix head) {
        if (!head.has(MPEG_AUDIO_HEADER_BYTES) || head.at(0) != 0xFF || (head.at(1) & 0xE0) != 0xE0) {
            return false;
        }
        int version = (head.at(1) >> 3) & 0b11;
        int layer = (head.at(1) >> 1) & 0b11;
        int bitrateIndex = head.at(2) >> 4;
        int sampleRateIndex = (head.at(2) >> 2) & 0b11;
        return version != 0b01 && layer != 0b00 && bitrateIndex != 0b1111 && sampleRateIndex != 0b11;
    }

    /** ADTS shares the MPEG audio sync and marks itself with layer 00, which MPEG audio reserves. */
    private static boolean isAdtsFrame(Prefix head) {
        if (!head.has(MPEG_AUDIO_HEADER_BYTES) || head.at(0) != 0xFF || (head.at(1) & 0xF6) != 0xF0) {
            return false;
        }
        // indexes 13 to 15 name no sample rate; decoders refuse them
        int sampleRateIndex = (head.at(2) >> 2) & 0b1111;
        return sampleRateIndex <= 12;
    }

    /** One 0x47 is just a 'G': the sync byte must start every 188-byte packet we can see, at least two of them. */
    private static boolean isTransportStream(Prefix head) {
        if (!head.has(TS_PACKET_BYTES + 1)) {
            return false;
        }
        for (int offset = 0; offset < head.length(); offset += TS_PACKET_BYTES) {
            if (head.at(offset) != TS_SYNC_BYTE) {
                return false;
            }
        }
        return true;
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] bytes(int... values) {
        byte[] result = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = (byte) values[i];
        }
        return result;
    }

    /** The first {@code length} bytes of an upload; every read checks that they reach that far. */
    private record Prefix(byte[] bytes, int length) {

        boolean has(int count) {
            return length >= count;
        }

        /** The unsigned byte at {@code offset}, or -1 past the end. */
        int at(int offset) {
            return offset < length ? bytes[offset] & 0xFF : -1;
        }

        boolean matches(int offset, byte[] signature) {
            return has(offset + signature.length)
                    && Arrays.equals(bytes, offset, offset + signature.length, signature, 0, signature.length);
        }

        /** Big-endian; callers check {@link #has} first. */
        long uint32(int offset) {
            return ((long) at(offset) << 24) | (at(offset + 1) << 16) | (at(offset + 2) << 8) | at(offset + 3);
        }

        String ascii(int offset, int count) {
            return new String(bytes, offset, count, StandardCharsets.US_ASCII);
        }
    }
}
