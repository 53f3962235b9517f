package dev.stt.worker.jobs;

/**
 * What recording a chunk's result did. {@code counted} is false when another delivery of the same
 * chunk got there first; {@code allDone} says the job has every chunk and can be merged.
 */
public record ChunkCompletion(boolean counted, int chunksDone, int chunksTotal) {

    public boolean allDone() {
        return chunksDone >= chunksTotal;
    }
}
