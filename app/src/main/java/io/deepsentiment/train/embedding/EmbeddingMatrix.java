package io.deepsentiment.train.embedding;

import io.deepsentiment.model.vocab.Vocabulary;
import java.util.Random;

/**
 * The starting embedding matrix of a CNN: the pre-trained vector of every vocabulary word that has
 * one, and for the rest small random vectors with the same variance as the pre-trained ones
 * (Kim 2014), so unknown words neither dominate nor vanish. Padding starts at zero.
 */
public final class EmbeddingMatrix {

    private final float[] values;
    private final int dimension;
    private final int covered;

    private EmbeddingMatrix(float[] values, int dimension, int covered) {
        this.values = values;
        this.dimension = dimension;
        this.covered = covered;
    }

    /**
     * @param vectors pre-trained vectors of dimension {@code dim}, or null for a random start
     */
    public static EmbeddingMatrix build(Vocabulary vocabulary, WordVectors vectors, int dim, Random random) {
        float[] values = new float[vocabulary.size() * dim];
        double limit = 0.25;
        if (vectors != null && vectors.size() > 0) {
            if (vectors.dimension() != dim) {
                throw new IllegalArgumentException("word vectors have dimension " + vectors.dimension()
                        + ", the model expects " + dim);
            }
            limit = Math.sqrt(3 * variance(vocabulary, vectors));
        }
        int covered = 0;
        for (int id = 0; id < vocabulary.size(); id++) {
            if (id == Vocabulary.PAD_ID) {
                continue;
            }
            float[] vector = vectors == null ? null : vectors.vector(vocabulary.token(id));
            if (vector != null) {
                System.arraycopy(vector, 0, values, id * dim, dim);
                covered++;
            } else {
                for (int j = 0; j < dim; j++) {
                    values[id * dim + j] = (float) ((random.nextDouble() * 2 - 1) * limit);
                }
            }
        }
        return new EmbeddingMatrix(values, dim, covered);
    }

    private static double variance(Vocabulary vocabulary, WordVectors vectors) {
        double sum = 0;
        double squares = 0;
        long n = 0;
        for (String token : vocabulary.tokens()) {
            float[] v = vectors.vector(token);
            if (v != null) {
                for (float x : v) {
                    sum += x;
                    squares += x * x;
                    n++;
                }
            }
        }
        if (n == 0) {
            return 0.25 * 0.25 / 3;
        }
        double mean = sum / n;
        return Math.max(1e-6, squares / n - mean * mean);
    }

    /** Row-major values, {@code vocabulary.size() x dim}. */
    public float[] values() {
        return values;
    }

    /** The width of a word vector. */
    public int dimension() {
        return dimension;
    }

    /** How many vocabulary words started from a pre-trained vector. */
    public int covered() {
        return covered;
    }
}
