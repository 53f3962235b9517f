package dev.stt.api.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stt.common.storage.ObjectKeys;
import dev.stt.common.transcript.Segment;
import dev.stt.common.transcript.Transcript;
import dev.stt.common.transcript.TranscriptFormat;
import dev.stt.common.transcript.Word;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/**
 * Stores a finished transcript for a job in every format, as a worker's merge step leaves it, so the API's readers of
 * transcripts can be tested without a worker. Two segments, five words.
 */
@ApplicationScoped
public class FinishedTranscripts {

    public static final Transcript TRANSCRIPT = new Transcript("hello world this is speech", "en", 4.5, List.of(
            new Segment(0.0, 1.5, "hello world", List.of(new Word(0.1, 0.6, "hello", 0.9), new Word(0.7, 1.4, "world", 0.8))),
            new Segment(2.0, 4.4, "this is speech", List.of(new Word(2.0, 2.4, "this", 0.9), new Word(2.5, 2.8, "is", 0.95),
                    new Word(3.0, 4.3, "speech", 0.7)))), "pocketsphinx");
    public static final String SRT = "1\n00:00:00,000 --> 00:00:01,500\nhello world\n\n2\n00:00:02,000 --> 00:00:04,400\nthis is speech\n\n";
    public static final String VTT = "WEBVTT\n\n00:00:00.000 --> 00:00:01.500\nhello world\n\n00:00:02.000 --> 00:00:04.400\nthis is speech\n\n";

    private final Infra infra;
    private final ObjectMapper json;

    public FinishedTranscripts(Infra infra, ObjectMapper json) {
        this.infra = infra;
        this.json = json;
    }

    public void store(UUID job) {
        try {
            infra.putText(ObjectKeys.transcript(job, TranscriptFormat.JSON), json.writeValueAsString(TRANSCRIPT));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        infra.putText(ObjectKeys.transcript(job, TranscriptFormat.TXT), "hello world\nthis is speech\n");
        infra.putText(ObjectKeys.transcript(job, TranscriptFormat.SRT), SRT);
        infra.putText(ObjectKeys.transcript(job, TranscriptFormat.VTT), VTT);
    }
}
