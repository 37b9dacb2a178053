package io.deepsentiment.train.fit;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.deepsentiment.model.artifact.WeightsFile;
import io.deepsentiment.model.net.CnnConfig;
import io.deepsentiment.model.net.TextCnn;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Early stopping: the fitter stops after {@code patience} epochs without a better dev score and keeps the best epoch's weights. */
class EpochFitterTest {

    @TempDir
    Path dir;

    @Test
    void stops_after_patience_epochs_without_improvement_and_restores_the_best_epoch() {
        CnnConfig config = new CnnConfig(50, 8, List.of(2), 4, 0.0f, 3, 12, false, 0);
        List<int[]> examples = new ArrayList<>();
        int[] labels = new int[60];
        Random random = new Random(3);
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 3;
            examples.add(new int[] {2 + labels[i], 2 + random.nextInt(40), 2 + random.nextInt(40)});
        }
        double[] devScores = {0.50, 0.70, 0.60, 0.65, 0.90};
        List<Map<String, float[]>> weightsPerEpoch = new ArrayList<>();
        try (Model model = Model.newInstance("t");
                TrainingProgress progress = new TrainingProgress(
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), dir.resolve("log"))) {
            TextCnn net = new TextCnn(config);
            model.setBlock(net);
            net.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(16, 12));
            EpochFitter fitter = new EpochFitter(progress, 16, 0.01f, 0);

            EpochFitter.Outcome outcome = fitter.fit("t", model, examples, Targets.hard(labels, 3),
                    new float[] {1, 1, 1}, 10, 2, new Random(1), m -> {
                        weightsPerEpoch.add(WeightsFile.snapshot(net));
                        return devScores[weightsPerEpoch.size() - 1];
                    });

            // epoch 2 was best; epochs 3 and 4 did not beat it, so epoch 5 (which would have) never ran
            assertThat(outcome.epochsRun()).isEqualTo(4);
            assertThat(outcome.bestEpoch()).isEqualTo(2);
            assertThat(outcome.bestScore()).isEqualTo(0.70);
            Map<String, float[]> restored = WeightsFile.snapshot(net);
            Map<String, float[]> best = weightsPerEpoch.get(1);
            assertThat(restored.keySet()).isEqualTo(best.keySet());
            for (String name : best.keySet()) {
                assertThat(restored.get(name)).as(name).containsExactly(best.get(name));
            }
            // and the last epoch's weights were different: the restore did something
            Map<String, float[]> last = weightsPerEpoch.get(3);
            assertThat(best.keySet()).anyMatch(name -> !java.util.Arrays.equals(best.get(name), last.get(name)));
        }
    }
}
