package dev.stt.worker.transcript;

import dev.stt.common.transcript.Segment;
import dev.stt.common.transcript.Transcript;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Joins the chunks' transcripts into the recording's, with times counted from the start of the whole recording. */
public final class TranscriptMerger {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private TranscriptMerger() {
    }

    /**
     * @param chunks   every chunk's result; sorted by start here, so arrival order does not matter
     * @param language the job's language as recorded in the transcript
     * @return segments shifted by their chunk's start; {@code provider} lists the distinct providers in order of first
     *         use, comma-separated, when chunks were transcribed by more than one
     */
    public static Transcript merge(List<ChunkTranscript> chunks, String language, double durationSeconds) {
        List<ChunkTranscript> ordered = chunks.stream()
                .sorted(Comparator.comparingDouble(ChunkTranscript::startSeconds))
                .toList();
        List<Segment> segments = new ArrayList<>();
        Set<String> providers = new LinkedHashSet<>();
        for (ChunkTranscript chunk : ordered) {
            if (chunk.provider() != null && !chunk.provider().isBlank()) {
                providers.add(chunk.provider());
            }
            for (Segment segment : chunk.segments()) {
                if (segment.text() != null && !segment.text().isBlank()) {
                    segments.add(segment.shiftedBy(chunk.startSeconds()));
                }
            }
        }
        String text = segments.stream()
                .map(s -> WHITESPACE.matcher(s.text().strip()).replaceAll(" "))
                .collect(Collectors.joining(" "));
        return new Transcript(text, language, durationSeconds, segments,
                providers.isEmpty() ? null : String.join(",", providers));
    }
}
