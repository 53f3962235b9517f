package dev.stt.worker.providers;

import dev.stt.common.errors.ErrorCode;
import dev.stt.common.transcript.Segment;
import dev.stt.worker.audio.ExternalCommand;
import dev.stt.worker.audio.WavFile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The local engine, needing no account: runs {@code pocketsphinx_continuous} on the chunk. It only has an English
 * model, so other languages are transcribed as English, with a warning logged once per language.
 */
@ApplicationScoped
public class PocketsphinxProvider implements TranscriptionProvider {

    public static final String NAME = "pocketsphinx";

    private static final Logger LOG = Logger.getLogger(PocketsphinxProvider.class);
    private static final int SAMPLE_RATE = 16_000;
    private static final int MAX_OUTPUT_BYTES = 16 * 1024 * 1024;

    private final PocketsphinxConfig config;
    private final Set<String> languagesWarnedAbout = ConcurrentHashMap.newKeySet();

    @Inject
    public PocketsphinxProvider(PocketsphinxConfig config) {
        this.config = config;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Duration chunkTimeout() {
        return config.timeout();
    }

    @Override
    public List<Segment> transcribe(Path chunkWav, String language) {
        warnIfNotEnglish(language);
        requireModel();
        // the engine logs to /dev/null, so a bad input would fail without a word: check it here and say why
        requireEngineInput(chunkWav);
        ExternalCommand.Result result;
        try {
            result = ExternalCommand.of(List.of(config.binary(),
                            "-infile", chunkWav.toString(),
                            "-time", "yes",
                            "-logfn", "/dev/null",
                            "-hmm", config.hmm(),
                            "-lm", config.lm(),
                            "-dict", config.dict()))
                    .timeout(config.timeout())
                    .stdoutLimitBytes(MAX_OUTPUT_BYTES)
                    .run();
        } catch (UncheckedIOException e) {
            throw new ProviderException(ErrorCode.PROVIDER_UNAVAILABLE, false,
                    "pocketsphinx could not be started (" + config.binary() + "): " + e.getCause().getMessage(), e);
        }
        if (result.timedOut()) {
            throw new ProviderException(ErrorCode.TIMEOUT, true,
                    "pocketsphinx did not finish a chunk within " + config.timeout());
        }
        if (result.exitCode() != 0) {
            throw new ProviderException(ErrorCode.UNKNOWN, true,
                    "pocketsphinx failed with exit code " + result.exitCode()
                            + (result.stderrTail().isBlank() ? "" : ": " + result.stderrTail()));
        }
        if (result.stdoutTruncated()) {
            throw new ProviderException(ErrorCode.UNKNOWN, false,
                    "pocketsphinx printed more than " + MAX_OUTPUT_BYTES + " bytes for one chunk");
        }
        return PocketsphinxOutputParser.parse(result.stdout());
    }

    private void warnIfNotEnglish(String language) {
        if (language == null || language.isBlank()) {
            return;
        }
        String wanted = language.strip().toLowerCase(Locale.ROOT);
        if (!wanted.startsWith("en") && !wanted.equals("auto") && languagesWarnedAbout.add(wanted)) {
            LOG.warnf("pocketsphinx has only an English model: audio in '%s' is transcribed as English", wanted);
        }
    }

    private void requireModel() {
        for (String path : List.of(config.hmm(), config.lm(), config.dict())) {
            if (!Files.exists(Path.of(path))) {
                throw new ProviderException(ErrorCode.PROVIDER_UNAVAILABLE, false,
                        "pocketsphinx model file missing: " + path + " (install pocketsphinx-en-us or set stt.pocketsphinx.*)");
            }
        }
    }

    private static void requireEngineInput(Path chunkWav) {
        WavFile wav;
        try {
            wav = WavFile.read(chunkWav);
        } catch (IllegalArgumentException e) {
            throw new ProviderException(ErrorCode.INVALID_AUDIO, false, "the chunk is not a PCM WAV file: " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new ProviderException(ErrorCode.UNKNOWN, false, "the chunk file could not be read: " + e.getMessage(), e);
        }
        if (wav.sampleRate() != SAMPLE_RATE || wav.channels() != 1 || wav.bitsPerSample() != 16) {
            throw new ProviderException(ErrorCode.INVALID_AUDIO, false, "pocketsphinx needs 16 kHz mono 16-bit PCM, got "
                    + wav.sampleRate() + " Hz, " + wav.channels() + " channels, " + wav.bitsPerSample() + " bits");
        }
    }
}
