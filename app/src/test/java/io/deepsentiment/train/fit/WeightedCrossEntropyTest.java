package io.deepsentiment.train.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class WeightedCrossEntropyTest {

    private static final float[] LOGITS = {2f, 0.5f, -1f, -0.3f, 0.1f, 1.7f};

    @Test
    void a_one_hot_distribution_costs_what_its_label_costs_and_a_soft_one_its_cross_entropy() {
        float[] weights = {2f, 0.5f, 1f};
        WeightedCrossEntropy loss = new WeightedCrossEntropy(weights);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList logits = new NDList(manager.create(LOGITS, new Shape(2, 3)));
            float hard = loss.evaluate(new NDList(manager.create(new long[] {0, 2})), logits).getFloat();
            float oneHot = loss.evaluate(new NDList(manager.create(new float[] {1, 0, 0, 0, 0, 1}, new Shape(2, 3))),
                    logits).getFloat();
            assertThat(oneHot).isCloseTo(hard, within(1e-6f));

            float[] soft = {0.7f, 0.2f, 0.1f, 0f, 0.5f, 0.5f};
            float got = loss.evaluate(new NDList(manager.create(soft, new Shape(2, 3))), logits).getFloat();
            assertThat(got).isCloseTo((float) expected(soft, weights), within(1e-5f));
        }
    }

    @Test
    void balanced_weights_of_soft_targets_follow_the_mass_each_class_gets() {
        Targets targets = Targets.soft(new float[][] {{1f, 0f}, {0.5f, 0.5f}, {0.5f, 0.5f}, {1f, 0f}}, 2);
        // class 0 gets 3 of 4 units of mass, class 1 gets 1
        assertThat(targets.classWeights("balanced")).containsExactly(4f / (2 * 3f), 4f / (2 * 1f));
        assertThat(targets.classWeights("none")).containsExactly(1f, 1f);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray batch = targets.batch(manager, new int[] {1, 3});
            assertThat(batch.getShape()).isEqualTo(new Shape(2, 2));
            assertThat(batch.toFloatArray()).containsExactly(0.5f, 0.5f, 1f, 0f);
        }
    }

    /** Mean over rows of -sum_c w_c t_c log softmax(z)_c, computed directly. */
    private static double expected(float[] targets, float[] weights) {
        double total = 0;
        for (int r = 0; r < 2; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < 3; c++) {
                max = Math.max(max, LOGITS[r * 3 + c]);
            }
            double sum = 0;
            for (int c = 0; c < 3; c++) {
                sum += Math.exp(LOGITS[r * 3 + c] - max);
            }
            for (int c = 0; c < 3; c++) {
                double logP = LOGITS[r * 3 + c] - max - Math.log(sum);
                total -= weights[c] * targets[r * 3 + c] * logP;
            }
        }
        return total / 2;
    }
}
