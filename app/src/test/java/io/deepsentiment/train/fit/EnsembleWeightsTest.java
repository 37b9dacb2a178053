package io.deepsentiment.train.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The choice of how much the CNN and the bag count, on log-probabilities made up in the test. */
class EnsembleWeightsTest {

    private static final double LOG_HALF = Math.log(0.5);

    @Test
    void an_overconfident_part_is_tempered_to_its_calibrated_weight() {
        // the CNN says 0.9 for its label on every text and is right 70% of the time; the bag knows
        // nothing (0.5 / 0.5). The best weight a solves sigmoid(a * ln 9) = 0.7: a = ln(7/3) / ln 9.
        int n = 1000;
        double[][] cnn = new double[n][];
        double[][] bag = new double[n][];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            cnn[i] = new double[] {Math.log(0.9), Math.log(0.1)};
            bag[i] = new double[] {LOG_HALF, LOG_HALF};
            labels[i] = i % 10 < 7 ? 0 : 1;
        }

        EnsembleWeights.Choice choice = EnsembleWeights.choose(cnn, bag, labels);

        double calibrated = Math.log(7.0 / 3.0) / Math.log(9);
        assertThat((double) choice.cnn()).isCloseTo(calibrated, within(0.025 + 1e-6)); // the grid's step is 0.05
        assertThat(choice.bag()).isZero(); // uniform log-probabilities change nothing: the smallest weight is kept
        double exact = -(0.7 * Math.log(0.7) + 0.3 * Math.log(0.3));
        assertThat(choice.logLoss()).isCloseTo(exact, within(1e-3)).isLessThan(choice.equalWeightsLogLoss());
        assertThat(choice.logLoss()).isEqualTo(EnsembleWeights.logLoss(cnn, bag, choice.cnn(), choice.bag(), labels));
    }

    @Test
    void a_part_that_is_always_right_gets_the_largest_weight_and_a_part_that_is_always_wrong_none() {
        int n = 200;
        double[][] cnn = new double[n][];
        double[][] bag = new double[n][];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
            cnn[i] = oneHotish(labels[i], 3, 0.6);
            bag[i] = oneHotish((labels[i] + 1) % 3, 3, 0.6);
        }

        EnsembleWeights.Choice choice = EnsembleWeights.choose(cnn, bag, labels);

        assertThat(choice.cnn()).isEqualTo(4.0f);
        assertThat(choice.bag()).isZero();
    }

    @Test
    void two_independent_informative_parts_both_count() {
        Random random = new Random(5);
        int n = 2000;
        double[][] cnn = new double[n][];
        double[][] bag = new double[n][];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextInt(2);
            // each part says 0.7 for the right label 70% of the time, independently of the other
            cnn[i] = oneHotish(random.nextDouble() < 0.7 ? labels[i] : 1 - labels[i], 2, 0.7);
            bag[i] = oneHotish(random.nextDouble() < 0.7 ? labels[i] : 1 - labels[i], 2, 0.7);
        }

        EnsembleWeights.Choice choice = EnsembleWeights.choose(cnn, bag, labels);

        // calibrated parts that are independent add up as evidence: both weights near 1
        assertThat((double) choice.cnn()).isCloseTo(1.0, within(0.2));
        assertThat((double) choice.bag()).isCloseTo(1.0, within(0.2));
        assertThat(choice.logLoss()).isLessThan(EnsembleWeights.logLoss(cnn, bag, 1, 0, labels));
        assertThat(choice.logLoss()).isLessThan(EnsembleWeights.logLoss(cnn, bag, 0, 1, labels));
    }

    private static double[] oneHotish(int label, int classes, double p) {
        double[] logs = new double[classes];
        for (int c = 0; c < classes; c++) {
            logs[c] = Math.log(c == label ? p : (1 - p) / (classes - 1));
        }
        return logs;
    }
}
