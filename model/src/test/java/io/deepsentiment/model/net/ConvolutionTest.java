package io.deepsentiment.model.net;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

/**
 * The CNN's convolution, written as one matrix product (TextCnn#convolve), against DJL's Conv1d
 * block (PyTorch's conv1d) with the same parameters on random inputs.
 */
class ConvolutionTest {

    @Test
    void the_matrix_product_gives_what_conv1d_gives_on_random_inputs() {
        try (NDManager manager = NDManager.newBaseManager()) {
            manager.getEngine().setRandomSeed(5);
            double worst = 0;
            for (int width : new int[] {1, 2, 3, 5}) {
                int batch = 7;
                int dim = 16;
                int length = 23;
                int filters = 12;
                Conv1d conv = Conv1d.builder().setKernelShape(new Shape(width)).setFilters(filters).build();
                conv.initialize(manager, DataType.FLOAT32, new Shape(batch, dim, length));
                NDArray words = manager.randomNormal(new Shape(batch, length, dim));
                ParameterStore store = new ParameterStore(manager, false);

                NDArray ours = TextCnn.convolve(store, conv, words, width, length - width + 1, false);
                // Conv1d reads (batch, dim, length) and gives (batch, filters, windows)
                NDArray theirs = conv.forward(store, new NDList(words.transpose(0, 2, 1)), false)
                        .singletonOrThrow().transpose(0, 2, 1);

                assertThat(ours.getShape()).isEqualTo(theirs.getShape());
                worst = Math.max(worst, ours.sub(theirs).abs().max().getFloat());
            }
            assertThat(worst).as("largest difference").isLessThan(1e-5);
        }
    }
}
