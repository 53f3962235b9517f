package dev.stt.worker.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ChunkPlannerTest {

    private static final double EXACT = 1e-9;

    static Stream<Arguments> cases() {
        return Stream.of(
                // name, duration, silences, target, expected cut points
                Arguments.of("shorter than the target: one chunk", 40.0, List.of(new Silence(20, 21)), 60.0, List.of()),
                Arguments.of("up to 1.25 targets: one chunk", 75.0, List.of(new Silence(55, 56)), 60.0, List.of()),
                Arguments.of("no silence: hard cuts at the target", 180.5, List.of(), 60.0, List.of(60.0, 120.0)),
                Arguments.of("snaps to the middle of a nearby silence", 150.0, List.of(new Silence(55, 57)), 60.0,
                        List.of(56.0, 116.0)),
                Arguments.of("the silence nearest the target wins", 100.0,
                        List.of(new Silence(50, 51), new Silence(62, 63), new Silence(70, 71)), 60.0, List.of(62.5)),
                Arguments.of("at equal distance the longer silence wins", 100.0,
                        List.of(new Silence(61.75, 62.25), new Silence(57, 59)), 60.0, List.of(58.0)),
                Arguments.of("silences outside the window are ignored", 100.0,
                        List.of(new Silence(30, 31), new Silence(80, 81)), 60.0, List.of(60.0)),
                Arguments.of("a long silence reaching into the window is cut inside the window", 200.0,
                        List.of(new Silence(70, 100)), 60.0, List.of(75.0, 135.0)),
                Arguments.of("a short tail joins the chunk before it", 190.0, List.of(), 60.0, List.of(60.0, 120.0)),
                Arguments.of("a cut never leaves a tail shorter than a quarter target", 150.0,
                        List.of(new Silence(73.5, 74.5), new Silence(140, 141)), 60.0, List.of(74.0, 134.0)),
                Arguments.of("unsorted silences", 130.0,
                        List.of(new Silence(90, 91), new Silence(64, 65), new Silence(20, 21)), 60.0, List.of(64.5)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void cutsWhereExpected(String name, double duration, List<Silence> silences, double target, List<Double> cuts) {
        List<ChunkSpan> spans = ChunkPlanner.plan(duration, silences, target);

        assertCoversWithoutGaps(duration, spans);
        List<Double> actualCuts = spans.stream().skip(1).map(ChunkSpan::startSeconds).toList();
        assertEquals(cuts.size(), actualCuts.size(), "cuts " + actualCuts);
        for (int i = 0; i < cuts.size(); i++) {
            assertEquals(cuts.get(i), actualCuts.get(i), EXACT, "cut " + i + " of " + actualCuts);
        }
    }

    @Test
    void randomRecordingsAreCoveredAndCutAtPausesOrAtTheTarget() {
        Random random = new Random(20240601);
        for (int run = 0; run < 2000; run++) {
            double target = 5 + random.nextDouble() * 115;
            double duration = 0.1 + random.nextDouble() * target * 12;
            List<Silence> silences = new ArrayList<>();
            for (double t = random.nextDouble() * 10; t < duration; t += 0.5 + random.nextDouble() * 20) {
                double length = 0.2 + random.nextDouble() * (random.nextInt(10) == 0 ? 40 : 2);
                silences.add(new Silence(t, Math.min(duration, t + length)));
                t += length;
            }
            String context = "run " + run + ": duration " + duration + ", target " + target + ", silences " + silences;

            List<ChunkSpan> spans = ChunkPlanner.plan(duration, silences, target);

            assertCoversWithoutGaps(duration, spans);
            if (duration <= 1.25 * target) {
                assertEquals(1, spans.size(), context);
                continue;
            }
            for (int i = 0; i < spans.size(); i++) {
                ChunkSpan span = spans.get(i);
                boolean last = i == spans.size() - 1;
                double min = last ? 0.25 * target : 0.75 * target;
                assertTrue(span.durationSeconds() >= min - EXACT && span.durationSeconds() <= 1.25 * target + EXACT,
                        "chunk " + span + " in " + context);
                if (!last) {
                    double cut = span.endSeconds();
                    double ideal = span.startSeconds() + target;
                    boolean inSilence = silences.stream().anyMatch(s -> s.start() - EXACT <= cut && cut <= s.end() + EXACT);
                    boolean hardCut = Math.abs(cut - ideal) < EXACT;
                    assertTrue(inSilence || hardCut, "cut at " + cut + " in " + context);
                }
            }
        }
    }

    @Test
    void rejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> ChunkPlanner.plan(0, List.of(), 60));
        assertThrows(IllegalArgumentException.class, () -> ChunkPlanner.plan(100, List.of(), 0));
        assertThrows(IllegalArgumentException.class, () -> ChunkPlanner.plan(Double.NaN, List.of(), 60));
        assertThrows(IllegalArgumentException.class, () -> ChunkPlanner.plan(Double.POSITIVE_INFINITY, List.of(), 60));
    }

    private static void assertCoversWithoutGaps(double duration, List<ChunkSpan> spans) {
        assertEquals(0.0, spans.get(0).startSeconds(), "starts at 0: " + spans);
        assertEquals(duration, spans.get(spans.size() - 1).endSeconds(), "ends at the duration: " + spans);
        for (int i = 0; i < spans.size(); i++) {
            assertEquals(i, spans.get(i).index());
            if (i > 0) {
                assertEquals(spans.get(i - 1).endSeconds(), spans.get(i).startSeconds(), "contiguous: " + spans);
            }
        }
    }
}
