package dev.stt.worker.audio;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the worker runs ffmpeg to normalise and chunk recordings. */
@ConfigMapping(prefix = "stt.audio")
public interface AudioConfig {

    /** The ffmpeg executable: a name looked up on PATH or an absolute path. */
    @WithDefault("ffmpeg")
    String ffmpeg();

    /** The ffprobe executable: a name looked up on PATH or an absolute path. */
    @WithDefault("ffprobe")
    String ffprobe();

    /** Longest a single ffmpeg or ffprobe run may take before it is killed; decoding hours of audio takes minutes. */
    @WithDefault("30m")
    Duration timeout();

    /** Level below which audio counts as silence when looking for places to cut, in dBFS. */
    @WithDefault("-30")
    double silenceThresholdDb();

    /** Shortest pause, in seconds, that counts as a place to cut between words. */
    @WithDefault("0.3")
    double silenceMinSeconds();
}
