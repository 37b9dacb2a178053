package io.deepsentiment.train.fit;

import io.deepsentiment.model.net.TextCnn;
import io.deepsentiment.model.predict.CnnPredictor;
import java.util.List;

/**
 * Chooses how much the CNN and the bag of n-grams each count in a prediction
 * ({@link TextCnn#mix(ai.djl.ndarray.NDList)}): of the weight pairs on a grid from 0 to 4, the one
 * with the lowest log-loss on the development set. Both parts are fitted to the training data until
 * each is very sure of it, each to its own degree, so equal weights are not what fits unseen texts
 * best (IMDB dev log-loss 0.2088 with the chosen 0.55 x CNN + 0.75 x bag, 0.2158 with equal
 * weights). Choosing changes nothing in the network: the training run sets the chosen weights
 * ({@link TextCnn#setMix}) once training is done.
 */
final class EnsembleWeights {

    private static final float STEP = 0.05f;
    private static final int STEPS = 80;
    /** Probabilities below this count as this, so that a confident mistake has a finite cost. */
    private static final float FLOOR = 1e-30f;

    /** The weights chosen, the development log-loss with them, and with equal weights (0.5, 0.5). */
    record Choice(float cnn, float bag, double logLoss, double equalWeightsLogLoss) {}

    private EnsembleWeights() {}

    /** Scores the development set with each part alone and returns the best weights for it. */
    static Choice choose(CnnPredictor predictor, List<int[]> devIds, int[] devLabels) {
        double[][] cnn = logs(predictor.withMix(1, 0).probabilities(devIds));
        double[][] bag = logs(predictor.withMix(0, 1).probabilities(devIds));
        return choose(cnn, bag, devLabels);
    }

    /**
     * The grid search itself, on each part's log-probabilities per text: the pair with the lowest
     * log-loss, the first found among equals (i.e. the smallest weights).
     */
    static Choice choose(double[][] cnn, double[][] bag, int[] labels) {
        float bestCnn = 0.5f;
        float bestBag = 0.5f;
        double best = logLoss(cnn, bag, bestCnn, bestBag, labels);
        double equal = best;
        for (int i = 0; i <= STEPS; i++) {
            for (int j = 0; j <= STEPS; j++) {
                if (i == 0 && j == 0) {
                    continue;
                }
                double loss = logLoss(cnn, bag, i * STEP, j * STEP, labels);
                if (loss < best) {
                    best = loss;
                    bestCnn = i * STEP;
                    bestBag = j * STEP;
                }
            }
        }
        return new Choice(bestCnn, bestBag, best, equal);
    }

    private static double[][] logs(List<float[]> probabilities) {
        double[][] out = new double[probabilities.size()][];
        for (int i = 0; i < out.length; i++) {
            float[] p = probabilities.get(i);
            out[i] = new double[p.length];
            for (int c = 0; c < p.length; c++) {
                out[i][c] = Math.log(Math.max(p[c], FLOOR));
            }
        }
        return out;
    }

    /** Mean negative log-probability of the gold label under softmax(a * cnn + b * bag). */
    static double logLoss(double[][] cnn, double[][] bag, double a, double b, int[] labels) {
        double total = 0;
        for (int i = 0; i < labels.length; i++) {
            double max = Double.NEGATIVE_INFINITY;
            double[] z = new double[cnn[i].length];
            for (int c = 0; c < z.length; c++) {
                z[c] = a * cnn[i][c] + b * bag[i][c];
                max = Math.max(max, z[c]);
            }
            double sum = 0;
            for (double v : z) {
                sum += Math.exp(v - max);
            }
            total += max + Math.log(sum) - z[labels[i]];
        }
        return total / labels.length;
    }
}
