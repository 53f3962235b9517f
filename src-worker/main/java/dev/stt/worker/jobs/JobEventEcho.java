package dev.stt.worker.jobs;

import dev.stt.common.jobs.JobEvent;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Repeats each job log line in the worker's own log, tagged with the job and request ids, so operators
 * following a request id through the services' logs see the worker's part too. Job lines are written on
 * Vert.x contexts, whose MDC is not the worker thread's: the ids are set here, for this line.
 */
final class JobEventEcho {

    private static final Logger LOG = Logger.getLogger("dev.stt.worker.jobs.JobLog");

    private JobEventEcho() {
    }

    static void echo(UUID jobId, String level, String source, String message, String requestId) {
        Object previousRequest = MDC.get("request_id");
        Object previousJob = MDC.get("job_id");
        MDC.put("request_id", requestId == null ? "" : requestId);
        MDC.put("job_id", jobId.toString());
        try {
            LOG.logf(levelOf(level), "[%s] %s", source, message);
        } finally {
            restore("request_id", previousRequest);
            restore("job_id", previousJob);
        }
    }

    private static Logger.Level levelOf(String level) {
        return switch (level) {
            case JobEvent.ERROR -> Logger.Level.ERROR;
            case JobEvent.WARN -> Logger.Level.WARN;
            default -> Logger.Level.INFO;
        };
    }

    private static void restore(String key, Object previous) {
        if (previous == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, previous);
        }
    }
}
