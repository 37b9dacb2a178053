package io.deepsentiment.train.fit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.deepsentiment.model.net.OwnedArrays;

/**
 * What each training example is fitted to: a hand label, or a distribution over the classes (a
 * teacher model's probabilities, mixed with the hand label where there is one).
 */
final class Targets {

    private final int classes;
    private final int[] labels;
    private final float[][] distributions;

    private Targets(int classes, int[] labels, float[][] distributions) {
        this.classes = classes;
        this.labels = labels;
        this.distributions = distributions;
    }

    /** One class index per example. */
    static Targets hard(int[] labels, int classes) {
        return new Targets(classes, labels.clone(), null);
    }

    /** One probability distribution per example, each of {@code classes} values summing to 1. */
    static Targets soft(float[][] distributions, int classes) {
        for (int i = 0; i < distributions.length; i++) {
            if (distributions[i].length != classes) {
                throw new IllegalArgumentException("target " + i + " has " + distributions[i].length
                        + " classes, not " + classes);
            }
        }
        return new Targets(classes, null, distributions);
    }

    int size() {
        return labels != null ? labels.length : distributions.length;
    }

    int classes() {
        return classes;
    }

    /** The targets of some examples: class indices [rows] (int64) or distributions [rows, classes] (float32). */
    NDArray batch(NDManager manager, int[] rows) {
        if (labels != null) {
            long[] gold = new long[rows.length];
            for (int i = 0; i < rows.length; i++) {
                gold[i] = labels[rows[i]];
            }
            return OwnedArrays.of(manager, gold, new Shape(rows.length));
        }
        float[] flat = new float[rows.length * classes];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(distributions[rows[i]], 0, flat, i * classes, classes);
        }
        return OwnedArrays.of(manager, flat, new Shape(rows.length, classes));
    }

    /**
     * Class weights as {@link WeightedCrossEntropy#classWeights}, with a class's frequency taken
     * as the probability mass the targets give it.
     */
    float[] classWeights(String mode) {
        if (labels != null) {
            return WeightedCrossEntropy.classWeights(labels, classes, mode);
        }
        float[] weights = new float[classes];
        java.util.Arrays.fill(weights, 1f);
        if (mode.equals("balanced")) {
            double[] mass = new double[classes];
            for (float[] d : distributions) {
                for (int c = 0; c < classes; c++) {
                    mass[c] += d[c];
                }
            }
            for (int c = 0; c < classes; c++) {
                weights[c] = mass[c] == 0 ? 0f : (float) (distributions.length / (classes * mass[c]));
            }
        }
        return weights;
    }
}
