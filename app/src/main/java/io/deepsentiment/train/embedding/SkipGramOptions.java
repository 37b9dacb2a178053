package io.deepsentiment.train.embedding;

/**
 * Settings of {@link SkipGramTrainer}, named as in the word2vec tool (Mikolov et al. 2013).
 *
 * @param dimension length of the learned vectors ({@code -size})
 * @param window largest distance between a word and its context words; each position uses a random
 *     window of 1..window, so near words weigh more ({@code -window})
 * @param negatives negative samples per (word, context) pair ({@code -negative})
 * @param minCount words occurring fewer times get no vector ({@code -min-count})
 * @param epochs passes over the sentences ({@code -iter})
 * @param subsample frequent-word down-sampling threshold, 0 to keep every word ({@code -sample})
 * @param learningRate starting learning rate, decaying linearly towards 0 ({@code -alpha})
 * @param seed seed of all randomness; with one thread the result depends on nothing else
 * @param threads worker threads; more than one trades exact reproducibility for speed
 */
public record SkipGramOptions(
        int dimension,
        int window,
        int negatives,
        int minCount,
        int epochs,
        double subsample,
        float learningRate,
        long seed,
        int threads) {

    /** Checks that every setting is in range. */
    public SkipGramOptions {
        requirePositive("dimension", dimension);
        requirePositive("window", window);
        requirePositive("negatives", negatives);
        requirePositive("minCount", minCount);
        requirePositive("epochs", epochs);
        requirePositive("threads", threads);
        if (!(subsample >= 0)) {
            throw new IllegalArgumentException("subsample must be 0 (off) or positive: " + subsample);
        }
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learningRate must be positive: " + learningRate);
        }
    }

    /**
     * Returns the word2vec skip-gram defaults, with vectors of dimension 100 and one thread per
     * available processor.
     *
     * @return dimension 100, window 5, 5 negatives, minCount 3, 5 epochs, subsample 1e-4, learning
     *     rate 0.025, seed 42
     */
    public static SkipGramOptions defaults() {
        return new SkipGramOptions(100, 5, 5, 3, 5, 1e-4, 0.025f, 42, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Returns these options with another number of threads.
     *
     * @param threads worker threads, at least 1
     * @return a copy with {@code threads} changed
     */
    public SkipGramOptions withThreads(int threads) {
        return new SkipGramOptions(
                dimension, window, negatives, minCount, epochs, subsample, learningRate, seed, threads);
    }

    /**
     * Returns these options with another seed.
     *
     * @param seed the new seed
     * @return a copy with {@code seed} changed
     */
    public SkipGramOptions withSeed(long seed) {
        return new SkipGramOptions(
                dimension, window, negatives, minCount, epochs, subsample, learningRate, seed, threads);
    }

    private static void requirePositive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1: " + value);
        }
    }
}
