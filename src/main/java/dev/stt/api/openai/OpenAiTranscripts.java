package dev.stt.api.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stt.api.jobs.TranscriptService;
import dev.stt.api.security.Owner;
import dev.stt.common.transcript.Transcript;
import dev.stt.common.transcript.TranscriptFormat;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A completed job's transcript in OpenAI's response formats: {@code {"text"}}, plain text, the stored SRT and WebVTT,
 * and {@code verbose_json} built from the stored JSON transcript.
 */
@ApplicationScoped
public class OpenAiTranscripts {

    private final TranscriptService transcripts;
    private final ObjectMapper json;

    public OpenAiTranscripts(TranscriptService transcripts, ObjectMapper json) {
        this.transcripts = transcripts;
        this.json = json;
    }

    Uni<String> render(String jobId, Owner owner, TranscriptionRequest request) {
        return switch (request.format()) {
            case SRT -> stored(jobId, owner, TranscriptFormat.SRT);
            case VTT -> stored(jobId, owner, TranscriptFormat.VTT);
            case TEXT -> transcript(jobId, owner).map(t -> text(t) + "\n");
            case JSON -> transcript(jobId, owner).map(t -> write(new TextTranscription(text(t))));
            case VERBOSE_JSON -> transcript(jobId, owner).map(t -> write(verbose(t, request)));
        };
    }

    static VerboseTranscription verbose(Transcript transcript, TranscriptionRequest request) {
        List<VerboseTranscription.Segment> segments = new ArrayList<>();
        List<VerboseTranscription.Word> words = new ArrayList<>();
        for (var segment : transcript.segments()) {
            segments.add(new VerboseTranscription.Segment(segments.size(), segment.start(), segment.end(),
                    segment.text() == null ? "" : segment.text().strip()));
            segment.words().forEach(word -> words.add(new VerboseTranscription.Word(word.word(), word.start(), word.end())));
        }
        return new VerboseTranscription("transcribe", languageName(transcript.language()), transcript.durationSeconds(),
                text(transcript), request.wantsSegments() ? segments : null, request.wantsWords() ? words : null);
    }

    /** OpenAI names the language in English, lower case ("english"); a tag Java does not know stays as it is. */
    static String languageName(String tag) {
        if (tag == null || tag.isBlank()) {
            return null;
        }
        String name = Locale.forLanguageTag(tag).getDisplayLanguage(Locale.ENGLISH);
        return name.isEmpty() ? tag : name.toLowerCase(Locale.ENGLISH);
    }

    private static String text(Transcript transcript) {
        return transcript.text() == null ? "" : transcript.text().strip();
    }

    private Uni<Transcript> transcript(String jobId, Owner owner) {
        return transcripts.transcript(jobId, owner, TranscriptFormat.JSON).map(bytes -> {
            try {
                return json.readValue(bytes, Transcript.class);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private Uni<String> stored(String jobId, Owner owner, TranscriptFormat format) {
        return transcripts.transcript(jobId, owner, format).map(bytes -> new String(bytes, StandardCharsets.UTF_8));
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
