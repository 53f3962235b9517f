package dev.stt.worker.audio;

import dev.stt.common.media.DetectedMedia;
import dev.stt.common.media.MediaSniffer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns any audio or video file ffmpeg can read into the one format the engines take: 16 kHz mono 16-bit PCM WAV
 * of its first audio stream.
 */
public final class AudioNormalizer {

    public static final int SAMPLE_RATE = 16_000;

    private final FfmpegRunner ffmpeg;

    public AudioNormalizer(FfmpegRunner ffmpeg) {
        this.ffmpeg = ffmpeg;
    }

    /**
     * Writes {@code source}'s audio to {@code target} (replacing it) and returns the result's layout.
     *
     * @throws InvalidAudioException when the source is not readable media, has no audio, or decodes to nothing
     * @throws FfmpegException       when ffmpeg fails for another reason (timeout, cannot start)
     */
    public WavFile normalize(Path source, Path target) {
        String demuxers = acceptedDemuxers(source);
        requireAudioStream(source, demuxers);
        List<String> arguments = new ArrayList<>(FfmpegRunner.input(source, demuxers));
        arguments.addAll(List.of("-vn", "-map", "0:a:0", "-ac", "1", "-ar", Integer.toString(SAMPLE_RATE),
                "-c:a", "pcm_s16le", "-f", "wav", "-y", FfmpegRunner.fileUrl(target)));
        try {
            ffmpeg.ffmpeg(arguments, line -> { });
        } catch (FfmpegException e) {
            if (e.timedOut() || e.exitCode() < 0) {
                throw e;
            }
            // ffprobe accepted the container, so a decoding failure means damaged audio rather than a server fault
            throw new InvalidAudioException("the audio stream could not be decoded", e);
        }
        WavFile wav = WavFile.read(target);
        if (wav.frames() == 0) {
            throw new InvalidAudioException("the file contains no audio samples");
        }
        return wav;
    }

    /**
     * The demuxers allowed to open {@code source}: those of the container its first bytes name (the same check the
     * API made on upload, made again here on the bytes actually stored or downloaded).
     */
    private static String acceptedDemuxers(Path source) {
        byte[] prefix = new byte[MediaSniffer.PREFIX_BYTES];
        int length;
        try (InputStream in = Files.newInputStream(source)) {
            length = in.readNBytes(prefix, 0, prefix.length);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the source audio", e);
        }
        return MediaSniffer.detect(prefix, length)
                .map(DetectedMedia::demuxers)
                .orElseThrow(() -> new InvalidAudioException("the file is not an audio or video format that is accepted"));
    }

    private void requireAudioStream(Path source, String demuxers) {
        String probe;
        try {
            probe = ffmpeg.ffprobe(List.of("-protocol_whitelist", "file", "-format_whitelist", demuxers,
                    "-show_entries", "stream=codec_type",
                    "-of", "default=noprint_wrappers=1", FfmpegRunner.fileUrl(source)));
        } catch (FfmpegException e) {
            if (e.timedOut() || e.exitCode() < 0) {
                throw e;
            }
            throw new InvalidAudioException("the file is not an audio or video format that can be read", e);
        }
        boolean hasAudio = probe.lines().map(String::strip).anyMatch("codec_type=audio"::equals);
        if (!hasAudio) {
            throw new InvalidAudioException("the file has no audio stream");
        }
    }
}
