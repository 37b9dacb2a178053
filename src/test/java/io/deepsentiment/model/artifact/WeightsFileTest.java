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
}
