package dev.stt.api.jobs;

import dev.stt.common.jobs.JobEvent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** {@code GET /api/v1/jobs/{id}/logs}: the job's last lines, oldest first. */
public record JobLogView(UUID jobId, List<Line> lines) {

    public record Line(Instant timestamp, String level, String source, String message, String requestId) {

        public static Line of(JobEvent event) {
            return new Line(event.createdAt, event.level, event.source, event.message, event.requestId);
        }
    }

    public static JobLogView of(UUID jobId, List<JobEvent> events) {
        return new JobLogView(jobId, events.stream().map(Line::of).toList());
    }
}
