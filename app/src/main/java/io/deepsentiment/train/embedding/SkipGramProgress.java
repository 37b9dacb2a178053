package io.deepsentiment.train.embedding;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The number of corpus words the skip-gram workers have processed, shared by all of them; the
 * learning rate decays linearly with it, as in word2vec.
 */
final class SkipGramProgress {

    /** word2vec never lets the rate fall below this fraction of the starting rate. */
    private static final float MIN_RATE_FRACTION = 1e-4f;

    private final AtomicLong processed = new AtomicLong();
    private final long total;
    private final float startingRate;
    private final long startNanos = System.nanoTime();

    SkipGramProgress(long total, float startingRate) {
        this.total = total;
        this.startingRate = startingRate;
    }

    void add(long words) {
        processed.addAndGet(words);
    }

    float learningRate() {
        float rate = (float) (startingRate * (1 - processed.get() / (double) (total + 1)));
        return Math.max(rate, startingRate * MIN_RATE_FRACTION);
    }

    double wordsPerSecond() {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        return seconds > 0 ? processed.get() / seconds : 0;
    }

    /**
     * A one-line report such as
     * {@code 42.0% of 6,500,000 words, 612,345 words/s, learning rate 0.014500}.
     */
    String report() {
        double percent = total == 0 ? 100 : 100.0 * processed.get() / total;
        return String.format(Locale.ROOT, "%.1f%% of %,d words, %,.0f words/s, learning rate %.6f",
                percent, total, wordsPerSecond(), learningRate());
    }
}
