package io.deepsentiment.hashtag.live;

import java.time.Instant;
import java.util.Map;

/**
 * One minute of a hashtag's live posts.
 *
 * @param minute the minute's start (UTC)
 * @param posts posts scored in it
 * @param counts posts per label
 * @param meanPolarity their mean polarity (0 when there are none)
 */
public record LiveMinute(Instant minute, int posts, Map<String, Integer> counts, double meanPolarity) {

    public LiveMinute {
        counts = Map.copyOf(counts);
    }

    /** The share of posts with this label (0 when there are none). */
    public double share(String label) {
        return posts == 0 ? 0 : counts.getOrDefault(label, 0) / (double) posts;
    }
}
