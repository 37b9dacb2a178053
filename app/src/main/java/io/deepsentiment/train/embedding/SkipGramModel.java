package io.deepsentiment.train.embedding;

import java.util.SplittableRandom;

/**
 * The state shared by all skip-gram worker threads: the two weight matrices and the fixed
 * settings and tables they are trained with.
 *
 * <p>{@code input} holds the word vectors being learned (word2vec's syn0), one row per word,
 * started at small random values; {@code output} holds the context vectors (syn1neg), started at
 * zero. Fields are accessed directly because the workers read them in their innermost loop.
 */
final class SkipGramModel {

    final int dimension;
    final int window;
    final int negatives;
    final int epochs;
    final float[] input;
    final float[] output;
    final float[] keepProbability;
    final NegativeSampler negativeSampler;

    SkipGramModel(CorpusVocabulary vocabulary, SkipGramOptions options, SplittableRandom random) {
        long cells = (long) vocabulary.size() * options.dimension();
        if (cells > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(vocabulary.size() + " words of dimension " + options.dimension()
                    + " do not fit in one array; raise minCount or lower the dimension");
        }
        this.dimension = options.dimension();
        this.window = options.window();
        this.negatives = options.negatives();
        this.epochs = options.epochs();
        this.input = new float[(int) cells];
        this.output = new float[(int) cells];
        for (int i = 0; i < input.length; i++) {
            input[i] = (random.nextFloat() - 0.5f) / dimension;
        }
        this.keepProbability = vocabulary.keepProbabilities(options.subsample());
        this.negativeSampler = new NegativeSampler(vocabulary);
    }
}
