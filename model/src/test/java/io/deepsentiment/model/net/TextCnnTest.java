package io.deepsentiment.model.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.deepsentiment.model.artifact.WeightsFile;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The CNN with its bag of n-grams, checked against sums computed by hand from its weights. */
class TextCnnTest {

    private static final int VOCABULARY = 20;
    private static final int BUCKETS = 7;
    private static final int CLASSES = 3;

    private NDManager manager;
    private TextCnn net;
    private float[] table;
    private float[] bias;

    @BeforeEach
    void randomNetwork() {
        manager = NDManager.newBaseManager();
        // No dropout, so that a training-mode pass is deterministic and comparable.
        net = new TextCnn(new CnnConfig(VOCABULARY, 4, List.of(2, 3), 3, 0f, CLASSES, 10, true, BUCKETS));
        net.initialize(manager, DataType.FLOAT32, new Shape(1, 3));
        Map<String, float[]> weights = WeightsFile.snapshot(net);
        Random random = new Random(3);
        table = new float[(VOCABULARY + BUCKETS) * CLASSES];
        for (int i = 0; i < table.length; i++) {
            table[i] = (float) random.nextGaussian();
        }
        bias = new float[] {0.1f, -0.2f, 0.3f};
        weights.put("ngrams", table);
        weights.put("ngramBias", bias);
        WeightsFile.restore(net, weights, manager);
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private NDList forward(long[] ids, int rows, boolean training) {
        NDArray input = OwnedArrays.of(manager, ids, new Shape(rows, ids.length / rows));
        return net.forward(new ParameterStore(manager, false), new NDList(input), training);
    }

    @Test
    void the_forward_pass_gives_the_cnn_and_the_bag_apart_in_training_and_prediction_alike() {
        long[] ids = {5, 9, 3, 12, 0, 0};
        NDList training = forward(ids, 1, true);
        NDList prediction = forward(ids, 1, false);
        assertThat(training).hasSize(2);
        assertThat(prediction).hasSize(2);
        for (int i = 0; i < 2; i++) {
            assertThat(prediction.get(i).toFloatArray()).containsExactly(training.get(i).toFloatArray());
        }
        assertThat(net.getOutputShapes(new Shape[] {new Shape(1, 6)}))
                .containsExactly(new Shape(1, CLASSES), new Shape(1, CLASSES));
    }

    @Test
    void the_mix_is_by_default_the_mean_of_the_two_parts() {
        NDList parts = forward(new long[] {5, 9, 3, 12, 0, 0}, 1, false);
        float[] cnn = parts.get(0).toFloatArray();
        float[] bag = parts.get(1).toFloatArray();
        float[] mixed = net.mix(parts).toFloatArray();
        for (int c = 0; c < CLASSES; c++) {
            assertThat(mixed[c]).isCloseTo((cnn[c] + bag[c]) / 2, within(1e-5f));
        }
    }

    @Test
    void the_mix_weighs_the_two_parts_as_set_or_as_given() {
        NDList parts = forward(new long[] {5, 9, 3, 12, 0, 0}, 1, false);
        float[] cnn = parts.get(0).toFloatArray();
        float[] bag = parts.get(1).toFloatArray();
        net.setMix(0.2f, 1.5f);
        float[] mixed = net.mix(parts).toFloatArray();
        float[] cnnOnly = TextCnn.mix(parts, OwnedArrays.of(manager, new float[] {1, 0}, new Shape(2))).toFloatArray();
        for (int c = 0; c < CLASSES; c++) {
            assertThat(mixed[c]).isCloseTo(0.2f * cnn[c] + 1.5f * bag[c], within(1e-4f));
            assertThat(cnnOnly[c]).isEqualTo(cnn[c]);
        }
    }

    @Test
    void without_a_bag_the_forward_pass_and_the_mix_are_the_cnns_logits() {
        TextCnn plain = new TextCnn(new CnnConfig(VOCABULARY, 4, List.of(2, 3), 3, 0f, CLASSES, 10, true, 0));
        plain.initialize(manager, DataType.FLOAT32, new Shape(1, 3));
        NDArray input = OwnedArrays.of(manager, new long[] {5, 9, 3}, new Shape(1, 3));
        NDList outputs = plain.forward(new ParameterStore(manager, false), new NDList(input), false);
        assertThat(outputs).hasSize(1);
        assertThat(plain.hasBag()).isFalse();
        assertThat(plain.mix(outputs).toFloatArray()).containsExactly(outputs.get(0).toFloatArray());
        assertThat(plain.getOutputShapes(new Shape[] {new Shape(1, 3)})).containsExactly(new Shape(1, CLASSES));
    }

    @Test
    void the_bag_sums_the_rows_of_words_and_hashed_word_pairs() {
        long[] text = {5, 9, 3, 12};
        float[] bag = forward(new long[] {5, 9, 3, 12, 0, 0}, 1, true).get(1).toFloatArray();
        double[] expected = new double[CLASSES];
        int grams = 0;
        for (int i = 0; i < text.length; i++) {
            add(expected, (int) text[i]);
            grams++;
            if (i + 1 < text.length) {
                add(expected, VOCABULARY + (int) ((text[i] * TextCnn.PAIR_HASH + text[i + 1]) % BUCKETS));
                grams++;
            }
        }
        for (int c = 0; c < CLASSES; c++) {
            double value = expected[c] / Math.sqrt(grams) * TextCnn.BAG_SCALE + bias[c];
            assertThat((double) bag[c]).isCloseTo(value, within(1e-4));
        }
    }

    @Test
    void padding_and_batch_neighbours_do_not_change_a_texts_scores() {
        NDList alone = forward(new long[] {5, 9, 3}, 1, false);
        NDList batched = forward(new long[] {5, 9, 3, 0, 0, 0, 0, 0, 7, 7, 8, 1, 2, 19, 4, 6}, 2, false);
        for (int part = 0; part < 2; part++) {
            float[] a = alone.get(part).toFloatArray();
            float[] b = batched.get(part).toFloatArray();
            for (int c = 0; c < CLASSES; c++) {
                assertThat(b[c]).isCloseTo(a[c], within(1e-5f));
            }
        }
    }

    private void add(double[] sum, int row) {
        for (int c = 0; c < CLASSES; c++) {
            sum[c] += table[row * CLASSES + c];
        }
    }
}
