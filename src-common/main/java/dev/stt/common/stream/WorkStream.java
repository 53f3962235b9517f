package dev.stt.common.stream;

/** Names of the Redis Stream that carries work from the API to the workers. */
public final class WorkStream {

    /** Split jobs and chunk transcriptions travel on one stream so the backlog is one number to scale on. */
    public static final String KEY = "stt:work";

    /** Every worker reads as a consumer of this group, so each entry goes to one worker at a time. */
    public static final String GROUP = "stt-workers";

    /** Entries that failed too often end here, for a human to look at. */
    public static final String DEAD_LETTER_KEY = "stt:work:dead";

    private WorkStream() {
    }
}
