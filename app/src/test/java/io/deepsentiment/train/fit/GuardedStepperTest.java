package io.deepsentiment.train.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.deepsentiment.model.artifact.WeightsFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stepper's guard: bad batches skipped, bad weights restored, a hopeless run stopped. */
class GuardedStepperTest {

    private static final Shape INPUT = new Shape(4, 3);

    @TempDir
    Path dir;

    private Model model;
    private NDManager manager;
    private TrainingProgress progress;

    @BeforeEach
    void setUp() {
        model = Model.newInstance("guarded");
        // two layers: with one, the gradients of a softmax loss sum to exactly zero, which DJL's
        // first step takes for "backward was never called"
        model.setBlock(new SequentialBlock().add(Linear.builder().setUnits(4).build()).add(Activation::tanh)
                .add(Linear.builder().setUnits(2).build()));
        // initialised before the stepper, as training does (the stepper's trainer only attaches gradients)
        model.getBlock().initialize(model.getNDManager(), DataType.FLOAT32, INPUT);
        manager = model.getNDManager().newSubManager();
        progress = new TrainingProgress(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                dir.resolve("log"));
    }

    @AfterEach
    void tearDown() {
        progress.close();
        manager.close();
        model.close();
    }

    @Test
    void a_batch_with_a_non_finite_loss_is_skipped_and_leaves_no_poisoned_gradient_behind() throws IOException {
        try (GuardedStepper stepper = new GuardedStepper(model, config(0.1f), INPUT, progress)) {
            assertThat(stepper.step(goodInput(), targets(), "batch 1")).isFinite();
            Map<String, float[]> before = WeightsFile.snapshot(model.getBlock());
            NDArray poisoned = manager.create(new float[] {1, Float.NaN, 0, 1, 0, 1, 0, 1, 1, 0, 0, 1}, INPUT);

            assertThat(stepper.step(poisoned, targets(), "batch 2")).isNaN();

            assertThat(stepper.recoveries()).isEqualTo(1);
            assertThat(Files.readString(dir.resolve("log"))).contains("batch 2: loss NaN; batch skipped");
            assertSameWeights(WeightsFile.snapshot(model.getBlock()), before);
            // the next good batch trains normally: had the NaN gradient stayed, the weights would turn NaN
            float loss = stepper.step(goodInput(), targets(), "batch 3");
            assertThat(loss).isFinite();
            assertThat(WeightsFile.snapshot(model.getBlock()).values())
                    .allSatisfy(values -> assertThat(values).doesNotContain(Float.NaN));
            assertThat(stepper.recoveries()).isEqualTo(1);
        }
    }

    @Test
    void weights_that_an_update_made_infinite_are_restored_from_the_last_checkpoint() throws IOException {
        // an infinite learning rate turns finite loss and gradients into infinite weights on the first update
        try (GuardedStepper stepper = new GuardedStepper(model, config(Float.POSITIVE_INFINITY), INPUT, progress)) {
            Map<String, float[]> checkpoint = WeightsFile.snapshot(model.getBlock());
            assertThat(stepper.step(goodInput(), targets(), "batch 1")).isNaN();

            assertThat(stepper.recoveries()).isEqualTo(1);
            assertThat(Files.readString(dir.resolve("log"))).contains("batch 1: weights not finite after the update; "
                    + "restoring the weights of 0 steps ago with a fresh optimiser");
            assertSameWeights(WeightsFile.snapshot(model.getBlock()), checkpoint);
        }
    }

    @Test
    void a_run_whose_steps_keep_failing_stops_with_advice() {
        try (GuardedStepper stepper = new GuardedStepper(model, config(0.1f), INPUT, progress)) {
            NDArray poisoned = goodInput().mul(Float.NaN);
            for (int i = 1; i <= 50; i++) {
                assertThat(stepper.step(poisoned, targets(), "batch " + i)).isNaN();
            }
            assertThatThrownBy(() -> stepper.step(poisoned, targets(), "batch 51"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("training failed numerically in 51 of 51 steps; try a lower --learning-rate");
        }
    }

    private static DefaultTrainingConfig config(float learningRate) {
        return new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(learningRate)).build());
    }

    private NDArray goodInput() {
        return manager.create(new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 1, 0}, INPUT);
    }

    private NDArray targets() {
        return manager.create(new float[] {0, 1, 0, 1});
    }

    private static void assertSameWeights(Map<String, float[]> actual, Map<String, float[]> expected) {
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        for (String name : expected.keySet()) {
            assertThat(actual.get(name)).as(name).containsExactly(expected.get(name));
        }
    }
}
