package dev.stt.worker.stream;

import dev.stt.common.stream.WorkItem;

/**
 * Does one unit of work. Returning normally means the effect is stored and the entry may be acknowledged;
 * throwing leaves the entry pending, to be delivered again.
 */
public interface WorkHandler {

    void handle(WorkItem item) throws Exception;

    /** Called instead of {@link #handle} when the entry was delivered too often: end its job cleanly. */
    void giveUp(WorkItem item, int deliveries);
}
