package dev.stt.worker.transcript;

/** One subtitle: shown from {@code startMillis} to {@code endMillis}; {@code text} may hold line breaks. */
record Cue(long startMillis, long endMillis, String text) {
}
