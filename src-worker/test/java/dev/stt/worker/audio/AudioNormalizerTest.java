package dev.stt.worker.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stt.common.errors.ErrorCode;
import dev.stt.common.testing.AudioFixtureFormat;
import dev.stt.common.testing.ConfigMappings;
import dev.stt.common.testing.SpeechFixtures;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AudioNormalizerTest {

    @TempDir
    static Path dir;

    private static FfmpegRunner ffmpeg;
    private static AudioNormalizer normalizer;
    private static Path speech;

    @BeforeAll
    static void setUp() {
        ffmpeg = FfmpegRunner.from(ConfigMappings.withDefaults(AudioConfig.class));
        normalizer = new AudioNormalizer(ffmpeg);
        speech = SpeechFixtures.speechWav(dir);
    }

    @ParameterizedTest
    @EnumSource(AudioFixtureFormat.class)
    void normalisesEveryFormatTo16kHzMonoPcmOfTheSameLength(AudioFixtureFormat format) {
        Path source = SpeechFixtures.encode(speech, format, dir);
        Path target = dir.resolve("normalized-" + format + ".wav");

        WavFile wav = normalizer.normalize(source, target);

        assertEquals(16_000, wav.sampleRate());
        assertEquals(1, wav.channels());
        assertEquals(16, wav.bitsPerSample());
        assertEquals(SpeechFixtures.speechSeconds(), wav.durationSeconds(), 0.1, format.name());
        String stream = ffmpeg.ffprobe(List.of("-show_entries", "stream=codec_name,sample_rate,channels",
                "-of", "default=noprint_wrappers=1", target.toString()));
        assertEquals(List.of("codec_name=pcm_s16le", "sample_rate=16000", "channels=1"), stream.lines().toList());
    }

    @Test
    void acceptsFileNamesThatLookLikeUrls() throws IOException {
        Path source = Files.copy(SpeechFixtures.encode(speech, AudioFixtureFormat.MP3, dir), dir.resolve("http:evil.mp3"));
        WavFile wav = normalizer.normalize(source, dir.resolve("colon.wav"));
        assertEquals(SpeechFixtures.speechSeconds(), wav.durationSeconds(), 0.1);
    }

    @Test
    void rejectsRandomBytes() throws IOException {
        byte[] noise = new byte[64 * 1024];
        new Random(42).nextBytes(noise);
        assertInvalid(Files.write(dir.resolve("noise.wav"), noise));
    }

    @Test
    void rejectsAnHtmlPageNamedMp3() throws IOException {
        assertInvalid(Files.writeString(dir.resolve("page.mp3"),
                "<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>\n"));
    }

    @Test
    void rejectsAnEmptyFile() throws IOException {
        assertInvalid(Files.write(dir.resolve("empty.m4a"), new byte[0]));
    }

    @Test
    void rejectsAVideoWithoutSound() {
        Path silentVideo = dir.resolve("no-audio.mp4");
        ffmpeg.ffmpeg(List.of("-f", "lavfi", "-i", "color=c=black:s=160x120:r=10:d=2", "-c:v", "mpeg4", "-y",
                silentVideo.toString()), line -> { });
        InvalidAudioException e = assertInvalid(silentVideo);
        assertEquals("the file has no audio stream", e.getMessage());
    }

    @Test
    void rejectsAFileListThatPullsInOtherFiles() throws IOException {
        Path list = Files.writeString(dir.resolve("list.mp3"), "ffconcat version 1.0\nfile '" + speech.getFileName() + "'\n");
        InvalidAudioException e = assertInvalid(list);
        // refused before ffmpeg runs: a file list starts with no accepted container's magic bytes
        assertEquals("the file is not an audio or video format that is accepted", e.getMessage());
    }

    @Test
    void neverOpensTheNetworkForAPlaylistPointingThere() throws IOException {
        try (ServerSocket server = new ServerSocket(0)) {
            Path playlist = Files.writeString(dir.resolve("remote.mp3"), "#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10,\n"
                    + "http://127.0.0.1:" + server.getLocalPort() + "/segment.ts\n#EXT-X-ENDLIST\n", StandardCharsets.UTF_8);

            assertInvalid(playlist);

            // ffprobe has exited: a connection it made would be waiting in the backlog already
            server.setSoTimeout(200);
            assertThrows(SocketTimeoutException.class, server::accept, "ffmpeg connected to the URL in the upload");
        }
    }

    /** Issue 15, P8: 58 bytes that pass the magic-byte check and that ffmpeg's probe takes for 30 minutes of SBaGen. */
    @Test
    void aGeneratorScriptBehindAnId3TagIsNotAudio() throws IOException {
        byte[] id3 = {'I', 'D', '3', 3, 0, 0, 0, 0, 0, 0};
        byte[] script = "-SE\nalpha: 200+10/100\nNOW alpha\n+00:30:00 alpha\n".getBytes(StandardCharsets.US_ASCII);
        Path upload = dir.resolve("generator.mp3");
        Files.write(upload, id3);
        Files.write(upload, script, java.nio.file.StandardOpenOption.APPEND);
        assertEquals(58, Files.size(upload));
        Path target = dir.resolve("rejected.wav");
        Files.deleteIfExists(target);

        assertInvalid(upload);

        assertFalse(Files.exists(target), "nothing was decoded");
    }

    @Test
    void userInputsAreRestrictedToLocalFilesAndTheirDemuxers() {
        List<String> input = FfmpegRunner.input(Path.of("/work/job/source"), "mp3,aac,flac");
        assertEquals(List.of("-protocol_whitelist", "file", "-format_whitelist", "mp3,aac,flac", "-i", "file:/work/job/source"),
                input);
    }

    private static InvalidAudioException assertInvalid(Path source) {
        Path target = dir.resolve("rejected.wav");
        InvalidAudioException e = assertThrows(InvalidAudioException.class, () -> normalizer.normalize(source, target));
        assertEquals(ErrorCode.INVALID_AUDIO, e.errorCode());
        assertFalse(e.getMessage().contains(dir.toString()), "the user-facing message names no server path");
        return e;
    }
}
