package dev.stt.worker.providers.openai;

import dev.stt.common.transcript.Segment;
import dev.stt.common.transcript.Word;
import dev.stt.worker.providers.openai.VerboseTranscription.VerboseSegment;
import dev.stt.worker.providers.openai.VerboseTranscription.VerboseWord;
import dev.stt.worker.providers.remote.Segments;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Maps {@code verbose_json} to our segments. Words nested in a segment are used as they are; top-level words (OpenAI's
 * shape) go to the segment during which they are spoken, judged by their midpoint.
 */
final class VerboseJsonSegments {

    private VerboseJsonSegments() {
    }

    static List<Segment> of(VerboseTranscription answer, double chunkSeconds) {
        List<VerboseSegment> segments = sorted(answer.segments(), Comparator.comparingDouble(VerboseSegment::start));
        List<VerboseWord> words = sorted(answer.words(), Comparator.comparingDouble(VerboseWord::start));
        List<Segment> result = new ArrayList<>();
        if (segments.isEmpty()) {
            String text = answer.text() == null || answer.text().isBlank()
                    ? words.stream().map(VerboseWord::word).collect(Collectors.joining(" "))
                    : answer.text();
            double end = words.isEmpty() ? (answer.duration() == null ? chunkSeconds : answer.duration())
                    : words.get(words.size() - 1).end();
            result.add(new Segment(words.isEmpty() ? 0 : words.get(0).start(), end, text, mapped(words)));
            return Segments.withinChunk(result, chunkSeconds);
        }
        List<List<VerboseWord>> wordsBySegment = assign(words, segments);
        for (int i = 0; i < segments.size(); i++) {
            VerboseSegment segment = segments.get(i);
            List<VerboseWord> own = segment.words() == null || segment.words().isEmpty() ? wordsBySegment.get(i)
                    : segment.words();
            result.add(new Segment(segment.start(), segment.end(), segment.text(), mapped(own)));
        }
        return Segments.withinChunk(result, chunkSeconds);
    }

    /** Each top-level word to the last segment that starts before the word's midpoint (the first, for early words). */
    private static List<List<VerboseWord>> assign(List<VerboseWord> words, List<VerboseSegment> segments) {
        List<List<VerboseWord>> bySegment = new ArrayList<>();
        segments.forEach(s -> bySegment.add(new ArrayList<>()));
        int current = 0;
        for (VerboseWord word : words) {
            double middle = (word.start() + word.end()) / 2;
            while (current + 1 < segments.size() && segments.get(current + 1).start() <= middle) {
                current++;
            }
            bySegment.get(current).add(word);
        }
        return bySegment;
    }

    private static List<Word> mapped(List<VerboseWord> words) {
        return words.stream()
                .map(w -> new Word(w.start(), w.end(), w.word(), Segments.confidence(w.probability())))
                .toList();
    }

    private static <T> List<T> sorted(List<T> items, Comparator<T> order) {
        return items == null ? List.of() : items.stream().sorted(order).toList();
    }
}
