package io.deepsentiment.train.fit;

import io.deepsentiment.model.net.TextCnn;
import io.deepsentiment.model.predict.SentimentPredictor;
import java.util.List;

/**
 * Chooses how much the CNN and the bag of n-grams each count in a prediction
 * ({@link TextCnn#setMix}): of the weight pairs on a grid from 0 to 4, the one with the lowest
 * log-loss on the development set. Both parts are fitted to the training data until each is very
 * sure of it, each to its own degree, so equal weights are not what fits unseen texts best (IMDB
 * dev log-loss 0.2088 with the chosen 0.55 x CNN + 0.75 x bag, 0.2158 with equal weights).
 */
final class EnsembleWeights {

    private static final float STEP = 0.05f;
    private static final int STEPS = 80;
    /** Probabilities below this count as this, so that a confident mistake has a finite cost. */
    private static final float FLOOR = 1e-30f;

    /** The weights chosen, the development log-loss with them, and with equal weights (0.5, 0.5). */
    record Choice(float cnn, float bag, double logLoss, double equalWeightsLogLoss) {}

    private EnsembleWeights() {}

    /** Scores the development set with each part alone, sets the chosen weights on the network and returns them. */
    static Choice choose(TextCnn net, SentimentPredictor predictor, List<int[]> devIds, int[] devLabels) {
        net.setMix(1, 0);
        double[][] cnn = logs(predictor.probabilities(devIds));
        net.setMix(0, 1);
        double[][] bag = logs(predictor.probabilities(devIds));
        Choice choice = choose(cnn, bag, devLabels);
        net.setMix(choice.cnn(), choice.bag());
        return choice;
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
