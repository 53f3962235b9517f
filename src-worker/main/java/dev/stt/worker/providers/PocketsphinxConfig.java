package dev.stt.worker.providers;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The local engine: CMU PocketSphinx with the Debian {@code pocketsphinx-en-us} model. */
@ConfigMapping(prefix = "stt.pocketsphinx")
public interface PocketsphinxConfig {

    /** The {@code pocketsphinx_continuous} executable: a name looked up on PATH or an absolute path. */
    @WithDefault("pocketsphinx_continuous")
    String binary();

    /** Directory of the acoustic model ({@code -hmm}). */
    @WithDefault("/usr/share/pocketsphinx/model/en-us/en-us")
    String hmm();

    /** The language model file ({@code -lm}). */
    @WithDefault("/usr/share/pocketsphinx/model/en-us/en-us.lm.bin")
    String lm();

    /** The pronunciation dictionary ({@code -dict}). */
    @WithDefault("/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict")
    String dict();

    /** Longest one chunk may take before the engine is killed; it runs at about 0.4x real time on one core. */
    @WithDefault("10m")
    Duration timeout();
}
