package dev.stt.worker.transcript;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stt.common.transcript.Segment;
import dev.stt.common.transcript.Transcript;
import dev.stt.common.transcript.TranscriptFormat;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Locale;

/**
 * Renders a transcript in each format clients download:
 * <ul>
 * <li>{@code json}: the {@link Transcript} as is (snake_case);</li>
 * <li>{@code txt}: one segment per line, unwrapped, so each utterance stays whole when copied;</li>
 * <li>{@code srt} and {@code vtt}: subtitle cues of at most about 7 s and 84 characters (see {@link SubtitleCues}).</li>
 * </ul>
 */
@ApplicationScoped
public class TranscriptRenderer {

    private final ObjectMapper objectMapper;

    @Inject
    public TranscriptRenderer(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    public String render(Transcript transcript, TranscriptFormat format) {
        return switch (format) {
            case JSON -> json(transcript);
            case TXT -> text(transcript);
            case SRT -> srt(SubtitleCues.of(transcript));
            case VTT -> vtt(SubtitleCues.of(transcript));
        };
    }

    private String json(Transcript transcript) {
        try {
            return objectMapper.writeValueAsString(transcript);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not serialise a transcript", e);
        }
    }

    private static String text(Transcript transcript) {
        StringBuilder out = new StringBuilder();
        for (Segment segment : transcript.segments()) {
            String line = segment.text() == null ? "" : segment.text().strip().replaceAll("\\s+", " ");
            if (!line.isEmpty()) {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }

    private static String srt(List<Cue> cues) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < cues.size(); i++) {
            Cue cue = cues.get(i);
            out.append(i + 1).append('\n')
                    .append(timestamp(cue.startMillis(), ',')).append(" --> ").append(timestamp(cue.endMillis(), ','))
                    .append('\n').append(cue.text()).append("\n\n");
        }
        return out.toString();
    }

    private static String vtt(List<Cue> cues) {
        StringBuilder out = new StringBuilder("WEBVTT\n\n");
        for (Cue cue : cues) {
            out.append(timestamp(cue.startMillis(), '.')).append(" --> ").append(timestamp(cue.endMillis(), '.'))
                    .append('\n').append(cue.text()).append("\n\n");
        }
        return out.toString();
    }

    /** {@code HH:MM:SS,mmm} (SRT) or {@code HH:MM:SS.mmm} (WebVTT); hours grow past two digits when they must. */
    static String timestamp(long millis, char decimalSeparator) {
        long hours = millis / 3_600_000;
        long minutes = millis / 60_000 % 60;
        long seconds = millis / 1000 % 60;
        return String.format(Locale.ROOT, "%02d:%02d:%02d%c%03d", hours, minutes, seconds, decimalSeparator, millis % 1000);
    }
}
