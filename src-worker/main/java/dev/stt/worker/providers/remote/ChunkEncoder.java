package dev.stt.worker.providers.remote;

import dev.stt.common.errors.ErrorCode;
import dev.stt.worker.audio.AudioConfig;
import dev.stt.worker.audio.FfmpegException;
import dev.stt.worker.audio.FfmpegRunner;
import dev.stt.worker.audio.WavFile;
import dev.stt.worker.providers.ProviderException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes a chunk small enough for a provider's upload limit: lossless FLAC (about half the size of the WAV) when it
 * fits, else Opus at speech bitrate (an hour of audio in about 11 MB). Remote providers are paid by the minute and
 * limited by the byte, so the WAV chunks never travel as they are.
 */
@ApplicationScoped
public class ChunkEncoder {

    private static final String OPUS_BITRATE = "24k";

    private record Format(String extension, String mediaType, List<String> codecArguments) {
    }

    private static final List<Format> SMALLEST_LAST = List.of(
            new Format("flac", "audio/flac", List.of("-c:a", "flac")),
            new Format("ogg", "audio/ogg", List.of("-c:a", "libopus", "-b:a", OPUS_BITRATE, "-application", "voip")));

    private final FfmpegRunner ffmpeg;

    public ChunkEncoder(AudioConfig config) {
        this.ffmpeg = FfmpegRunner.from(config);
    }

    /**
     * Encodes {@code wav} into a new file next to it, in the first format that fits {@code maxBytes}.
     *
     * @throws ProviderException {@code invalid_audio} when not even Opus fits: the chunks are too long for this provider
     */
    public EncodedAudio encode(Path wav, long maxBytes) {
        double duration = durationOf(wav);
        long smallest = Long.MAX_VALUE;
        for (Format format : SMALLEST_LAST) {
            Path target = scratchFile(wav, format.extension());
            List<String> arguments = new ArrayList<>(List.of("-y"));
            arguments.addAll(FfmpegRunner.wavInput(wav));
            arguments.addAll(List.of("-vn", "-ac", "1"));
            arguments.addAll(format.codecArguments());
            arguments.add(FfmpegRunner.fileUrl(target));
            try {
                ffmpeg.ffmpeg(arguments, line -> { });
            } catch (FfmpegException e) {
                // our own WAV: ffmpeg would fail the same way again, and the provider is not to blame
                throw new ProviderException(ErrorCode.UNKNOWN, false,
                        "could not encode the chunk as " + format.extension() + ": " + e.getMessage(), e);
            }
            long size = sizeOf(target);
            if (size <= maxBytes) {
                return new EncodedAudio(target, format.mediaType(), "chunk." + format.extension(), size, duration);
            }
            smallest = Math.min(smallest, size);
            delete(target);
        }
        throw new ProviderException(ErrorCode.INVALID_AUDIO, false, String.format(
                "a %.0f s chunk is %d bytes even as Opus, over the provider's limit of %d bytes; lower STT_CHUNK_SECONDS",
                duration, smallest, maxBytes));
    }

    public static void delete(EncodedAudio audio) {
        delete(audio.file());
    }

    private static double durationOf(Path wav) {
        try {
            return WavFile.read(wav).durationSeconds();
        } catch (RuntimeException e) {
            throw new ProviderException(ErrorCode.INVALID_AUDIO, false, "the chunk is not a PCM WAV file: " + e.getMessage(), e);
        }
    }

    /** A fresh name beside the chunk: two encodings of the same chunk at once must not write one file. */
    private static Path scratchFile(Path wav, String extension) {
        try {
            Path dir = wav.toAbsolutePath().getParent();
            return Files.createTempFile(dir, "upload-", "." + extension);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // scratch space: the step removes its whole directory afterwards anyway
        }
    }
}
