package dev.stt.api.jobs;

import java.util.List;

/** {@code GET /api/v1/jobs}: a page of jobs and the cursor of the next one ({@code null} on the last page). */
public record JobPage(List<JobView> jobs, String nextCursor) {
}
