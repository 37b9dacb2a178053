package io.deepsentiment.train.embedding;

import java.util.SplittableRandom;

/**
 * Draws "negative" words with probability proportional to count^0.75 (Mikolov et al. 2013), by
 * picking a random cell of a table in which each word fills a share of cells of that size.
 *
 * <p>The table has a power-of-two length so a draw is a masked random int, without the division
 * that a bounded draw otherwise costs; negative sampling is in the innermost training loop.
 */
final class NegativeSampler {

    private static final double POWER = 0.75;
    private static final int MIN_TABLE_BITS = 20;
    private static final int MAX_TABLE_BITS = 22;

    private final int[] table;
    private final int mask;

    NegativeSampler(CorpusVocabulary vocabulary) {
        int bits = MIN_TABLE_BITS;
        while (bits < MAX_TABLE_BITS && (1L << bits) < 100L * vocabulary.size()) {
            bits++;
        }
        table = new int[1 << bits];
        mask = table.length - 1;
        double total = 0;
        for (int id = 0; id < vocabulary.size(); id++) {
            total += Math.pow(vocabulary.count(id), POWER);
        }
        int id = 0;
        double filledUpTo = Math.pow(vocabulary.count(0), POWER) / total;
        for (int cell = 0; cell < table.length; cell++) {
            table[cell] = id;
            if ((double) (cell + 1) / table.length > filledUpTo && id < vocabulary.size() - 1) {
                id++;
                filledUpTo += Math.pow(vocabulary.count(id), POWER) / total;
            }
        }
    }

    int sample(SplittableRandom random) {
        return table[random.nextInt() & mask];
    }
}
