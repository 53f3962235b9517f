package dev.stt.common.transcript;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * The whole recording's transcript as clients receive it ({@code format=json}).
 * Segment and word times are seconds from the start of the recording, not of a chunk.
 */
@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Transcript(String text, String language, double durationSeconds, List<Segment> segments, String provider) {

    public Transcript {
        segments = segments == null ? List.of() : List.copyOf(segments);
    }
}
