package dev.stt.worker.audio;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Prepares an uploaded recording for transcription: normalise it, find its pauses, plan chunks of about the target
 * length cut at pauses, and write each chunk as its own WAV. Blocking (runs ffmpeg): call it on a worker thread.
 */
@ApplicationScoped
public class AudioChunker {

    private final AudioNormalizer normalizer;
    private final SilenceDetector silenceDetector;

    @Inject
    public AudioChunker(AudioConfig config) {
        FfmpegRunner ffmpeg = FfmpegRunner.from(config);
        this.normalizer = new AudioNormalizer(ffmpeg);
        this.silenceDetector = new SilenceDetector(ffmpeg, config.silenceThresholdDb(), config.silenceMinSeconds());
    }

    /**
     * Writes {@code normalized.wav} and {@code chunks/chunk-NNNNN.wav} into {@code workDir}.
     *
     * @throws InvalidAudioException when the source is not usable audio
     * @throws FfmpegException       when ffmpeg fails for another reason
     */
    public PreparedAudio prepare(Path source, Path workDir, double targetSeconds) {
        try {
            Files.createDirectories(workDir);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create " + workDir, e);
        }
        Path normalizedPath = workDir.resolve("normalized.wav");
        WavFile normalized = normalizer.normalize(source, normalizedPath);
        double duration = normalized.durationSeconds();
        // a recording that stays one chunk needs no pauses
        List<Silence> silences = duration > ChunkPlanner.SINGLE_CHUNK_LIMIT * targetSeconds
                ? silenceDetector.detect(normalizedPath, duration)
                : List.of();
        List<ChunkSpan> spans = ChunkPlanner.plan(duration, silences, targetSeconds);
        List<AudioChunk> chunks = WavSlicer.slice(normalized, spans, workDir.resolve("chunks"));
        return new PreparedAudio(normalizedPath, duration, chunks);
    }
}
