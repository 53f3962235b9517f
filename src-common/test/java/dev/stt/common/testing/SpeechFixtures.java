package dev.stt.common.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Real read speech for tests: the LibriVox clips of the Debian {@code pocketsphinx-testdata} package with their
 * reference transcription, assembled and re-encoded with the real ffmpeg. Built files are cached in the directory
 * the caller passes, so a test class can build them once in a {@code @TempDir} shared by its tests.
 */
public final class SpeechFixtures {

    public static final Path LIBRIVOX_DIR = Path.of("/usr/share/pocketsphinx/test/data/librivox");

    /** Silence put between clips: long enough that silence detection sees a place to cut. */
    public static final double GAP_SECONDS = 0.5;

    public static final int SAMPLE_RATE = 16_000;

    private static final Pattern TRANSCRIPTION_LINE = Pattern.compile("^(.*)\\((\\S+)\\)\\s*$");
    private static final long FFMPEG_TIMEOUT_SECONDS = 120;

    private static volatile Double speechSeconds;

    private SpeechFixtures() {
    }

    /** The clips in {@code fileids} order. */
    public static List<Path> clips() {
        return fileIds().stream().map(id -> LIBRIVOX_DIR.resolve(id + ".wav")).toList();
    }

    /** Every clip's reference words in {@code fileids} order, without sentence markers and ids. */
    public static String referenceText() {
        Map<String, String> textById = new HashMap<>();
        for (String line : readLines(LIBRIVOX_DIR.resolve("transcription"))) {
            Matcher m = TRANSCRIPTION_LINE.matcher(line.trim());
            if (!m.matches()) {
                throw new IllegalStateException("unexpected transcription line: " + line);
            }
            String words = m.group(1).replace("<s>", " ").replace("</s>", " ").trim().replaceAll("\\s+", " ");
            textById.put(m.group(2), words);
        }
        return fileIds().stream()
                .map(id -> {
                    String text = textById.get(id);
                    if (text == null) {
                        throw new IllegalStateException("no reference transcription for " + id);
                    }
                    return text;
                })
                .collect(Collectors.joining(" "));
    }

    /** The reference text of {@link #repeatedSpeechWav} built from that many repetitions. */
    public static String repeatedReferenceText(int repetitions) {
        String once = referenceText();
        return IntStream.range(0, repetitions).mapToObj(i -> once).collect(Collectors.joining(" "));
    }

    /** The five clips, {@link #GAP_SECONDS} of silence between them, as one 16 kHz mono 16-bit WAV (about 27 s). */
    public static Path speechWav(Path dir) {
        Path target = dir.resolve("speech.wav");
        if (Files.isRegularFile(target)) {
            return target;
        }
        List<Path> clips = clips();
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-hide_banner", "-y"));
        for (Path clip : clips) {
            command.addAll(List.of("-i", clip.toString()));
        }
        command.addAll(List.of("-f", "lavfi", "-t", Double.toString(GAP_SECONDS),
                "-i", "anullsrc=r=" + SAMPLE_RATE + ":cl=mono"));
        int gapInput = clips.size();
        StringBuilder filter = new StringBuilder();
        for (int i = 0; i < clips.size(); i++) {
            if (i > 0) {
                filter.append('[').append(gapInput).append(":a]");
            }
            filter.append('[').append(i).append(":a]");
        }
        filter.append("concat=n=").append(2 * clips.size() - 1).append(":v=0:a=1[speech]");
        command.addAll(List.of("-filter_complex", filter.toString(), "-map", "[speech]",
                "-ac", "1", "-ar", Integer.toString(SAMPLE_RATE), "-c:a", "pcm_s16le", "-f", "wav"));
        return writeAtomically(target, command);
    }

    /** Duration of {@link #speechWav}, from the clips themselves. */
    public static double speechSeconds() {
        Double seconds = speechSeconds;
        if (seconds == null) {
            double total = GAP_SECONDS * (clips().size() - 1);
            for (Path clip : clips()) {
                total += durationSeconds(clip);
            }
            seconds = total;
            speechSeconds = seconds;
        }
        return seconds;
    }

    /** How many repetitions of the speech {@link #repeatedSpeechWav} uses to last at least {@code minSeconds}. */
    public static int repetitionsFor(double minSeconds) {
        return Math.max(1, (int) Math.ceil((minSeconds + GAP_SECONDS) / (speechSeconds() + GAP_SECONDS)));
    }

    /**
     * The speech repeated {@link #repetitionsFor(double)} times, {@link #GAP_SECONDS} of silence between
     * repetitions, as one 16 kHz mono WAV; its reference is {@link #repeatedReferenceText(int)}.
     */
    public static Path repeatedSpeechWav(Path dir, double minSeconds) {
        int repetitions = repetitionsFor(minSeconds);
        Path target = dir.resolve("speech-x" + repetitions + ".wav");
        if (Files.isRegularFile(target)) {
            return target;
        }
        Path speech = speechWav(dir);
        Path gap = writeAtomically(dir.resolve("gap.wav"), List.of("ffmpeg", "-nostdin", "-hide_banner", "-y",
                "-f", "lavfi", "-t", Double.toString(GAP_SECONDS), "-i", "anullsrc=r=" + SAMPLE_RATE + ":cl=mono",
                "-c:a", "pcm_s16le", "-f", "wav"));
        List<String> playlist = new ArrayList<>(List.of("ffconcat version 1.0"));
        for (int i = 0; i < repetitions; i++) {
            if (i > 0) {
                playlist.add("file '" + gap.getFileName() + "'");
            }
            playlist.add("file '" + speech.getFileName() + "'");
        }
        Path list = dir.resolve("speech-x" + repetitions + ".ffconcat");
        try {
            Files.write(list, playlist, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return writeAtomically(target, List.of("ffmpeg", "-nostdin", "-hide_banner", "-y",
                "-f", "concat", "-i", list.toString(), "-c:a", "pcm_s16le", "-f", "wav"));
    }

    /** Re-encodes {@code wav} into {@code format} with the real ffmpeg; cached in {@code dir}. */
    public static Path encode(Path wav, AudioFixtureFormat format, Path dir) {
        String base = wav.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        Path target = dir.resolve(base + "-" + format.name().toLowerCase(Locale.ROOT).replace('_', '-')
                + "." + format.extension());
        if (Files.isRegularFile(target)) {
            return target;
        }
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-hide_banner", "-y",
                "-i", wav.toString()));
        if (format.hasVideo()) {
            command.addAll(List.of("-f", "lavfi", "-i", "color=c=0x336699:s=160x120:r=10",
                    "-map", "1:v:0", "-map", "0:a:0"));
        }
        command.addAll(format.encoderArguments());
        return writeAtomically(target, command);
    }

    /** The container's duration in seconds as ffprobe reports it. */
    public static double durationSeconds(Path media) {
        String out = run(List.of("ffprobe", "-v", "error", "-show_entries", "format=duration",
                "-of", "default=noprint_wrappers=1:nokey=1", media.toString()));
        try {
            return Double.parseDouble(out.trim());
        } catch (NumberFormatException e) {
            throw new IllegalStateException("ffprobe gave no duration for " + media + ": " + out, e);
        }
    }

    /** Runs ffmpeg with {@code command} (output file last) into a temporary name, then moves it into place. */
    private static Path writeAtomically(Path target, List<String> command) {
        Path partial = target.resolveSibling(target.getFileName() + "." + UUID.randomUUID() + ".partial");
        List<String> withOutput = new ArrayList<>(command);
        withOutput.add(partial.toString());
        try {
            run(withOutput);
            return Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // best effort: the directory is a test's temporary directory
            }
        }
    }

    /** Runs a tool and returns its combined output; fails with that output when the tool fails. */
    private static String run(List<String> command) {
        Path log = null;
        try {
            log = Files.createTempFile("speech-fixture", ".log");
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .start();
            if (!process.waitFor(FFMPEG_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out after " + FFMPEG_TIMEOUT_SECONDS + " s: " + command);
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException("exit code " + process.exitValue() + " from " + command + "\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        } finally {
            if (log != null) {
                try {
                    Files.deleteIfExists(log);
                } catch (IOException ignored) {
                    // a leftover log in the temp directory is harmless
                }
            }
        }
    }

    private static List<String> fileIds() {
        return readLines(LIBRIVOX_DIR.resolve("fileids")).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("speech fixtures need the Debian package pocketsphinx-testdata: " + file, e);
        }
    }
}
