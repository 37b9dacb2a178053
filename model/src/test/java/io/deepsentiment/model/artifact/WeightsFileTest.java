package io.deepsentiment.model.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.deepsentiment.model.net.CnnConfig;
import io.deepsentiment.model.net.TextCnn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeightsFileTest {

    @TempDir
    Path dir;

    private static TextCnn network(NDManager manager) {
        TextCnn net = new TextCnn(new CnnConfig(20, 4, List.of(2, 3), 3, 0.5f, 3, 10, false, 0));
        net.initialize(manager, DataType.FLOAT32, new Shape(1, 3));
        return net;
    }

    @Test
    void write_then_read_gives_the_same_weights_in_another_network() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            TextCnn a = network(manager);
            TextCnn b = network(manager);
            Path file = dir.resolve("weights.bin");
            WeightsFile.write(a, file);
            WeightsFile.read(b, file, manager);
            Map<String, float[]> wa = WeightsFile.snapshot(a);
            Map<String, float[]> wb = WeightsFile.snapshot(b);
            assertThat(wb.keySet()).isEqualTo(wa.keySet());
            wa.forEach((name, values) -> assertThat(wb.get(name)).containsExactly(values));
        }
    }

    @Test
    void restoring_overwrites_weights_that_went_nan() {
        try (NDManager manager = NDManager.newBaseManager()) {
            TextCnn net = network(manager);
            Map<String, float[]> good = WeightsFile.snapshot(net);
            NDArray embedding = net.embedding().getArray();
            embedding.muli(Float.NaN);
            assertThat(embedding.isNaN().all().getBoolean()).isTrue();
            WeightsFile.restore(net, good, manager);
            assertThat(net.embedding().getArray().toFloatArray()).containsExactly(good.get(net.getParameters().keys().get(0)));
        }
    }

    @Test
    void a_truncated_file_is_a_clear_error() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            TextCnn net = network(manager);
            Path file = dir.resolve("weights.bin");
            WeightsFile.write(net, file);
            byte[] bytes = Files.readAllBytes(file);
            Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
            assertThatThrownBy(() -> WeightsFile.read(network(manager), file, manager))
                    .isInstanceOf(ArtifactException.class).hasMessageContaining("truncated");
        }
    }

    @Test
    void int8_matrices_come_back_within_half_a_step_of_their_row_and_vectors_exactly() throws IOException {
        java.util.Random random = new java.util.Random(3);
        float[] matrix = new float[6 * 50];
        for (int i = 0; i < matrix.length; i++) {
            matrix[i] = (float) random.nextGaussian() * (1 + i / 50);  // rows of different scales
        }
        float[] zeros = new float[2 * 4];
        float[] vector = {0.1f, -2.5f, 3e-7f};
        Path file = dir.resolve("int8.bin");
        WeightsFile.writeTensorsInt8(List.of(new NamedTensor("m", new long[] {6, 50}, matrix),
                new NamedTensor("z", new long[] {2, 4}, zeros), new NamedTensor("v", new long[] {3}, vector)), file);
        Map<String, NamedTensor> read = WeightsFile.readTensors(file);
        assertThat(read.keySet()).containsExactly("m", "z", "v");
        assertThat(read.get("v").values()).containsExactly(vector);
        assertThat(read.get("z").values()).containsExactly(zeros);
        float[] back = read.get("m").values();
        for (int row = 0; row < 6; row++) {
            float max = 0;
            for (int j = 0; j < 50; j++) {
                max = Math.max(max, Math.abs(matrix[row * 50 + j]));
            }
            for (int j = 0; j < 50; j++) {
                assertThat((double) back[row * 50 + j]).isCloseTo(matrix[row * 50 + j],
                        org.assertj.core.data.Offset.offset(max / 127.0 / 2 + 1e-6));
            }
        }
        // about a quarter of the float32 size: a byte per weight and a scale per row, with the headers
        assertThat(Files.size(file)).isLessThan(6 * 50 * 4 / 2);
    }
}
