package dev.stt.worker.audio;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Turns any audio or video file ffmpeg can read into the one format the engines take: 16 kHz mono 16-bit PCM WAV
 * of its first audio stream.
 */
public final class AudioNormalizer {

    public static final int SAMPLE_RATE = 16_000;

    /**
     * Demuxers that read other files named inside the input (playlists, concat lists). Local files only, thanks to
     * the protocol whitelist, but an upload must still not pull in files that are not its own.
     */
    private static final Set<String> INDIRECT_FORMATS = Set.of("concat", "hls", "dash", "imf");

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
        requireAudioStream(source);
        List<String> arguments = new ArrayList<>(FfmpegRunner.input(source));
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

    private void requireAudioStream(Path source) {
        String probe;
        try {
            probe = ffmpeg.ffprobe(List.of("-protocol_whitelist", "file",
                    "-show_entries", "format=format_name:stream=codec_type",
                    "-of", "default=noprint_wrappers=1", FfmpegRunner.fileUrl(source)));
        } catch (FfmpegException e) {
            if (e.timedOut() || e.exitCode() < 0) {
                throw e;
            }
            throw new InvalidAudioException("the file is not an audio or video format that can be read", e);
        }
        boolean hasAudio = false;
        for (String line : probe.split("\n")) {
            String entry = line.trim();
            if (entry.equals("codec_type=audio")) {
                hasAudio = true;
            } else if (entry.startsWith("format_name=")) {
                for (String format : entry.substring("format_name=".length()).split(",")) {
                    if (INDIRECT_FORMATS.contains(format)) {
                        throw new InvalidAudioException("playlists and file lists are not accepted; upload the media itself");
                    }
                }
            }
        }
        if (!hasAudio) {
            throw new InvalidAudioException("the file has no audio stream");
        }
    }
}
