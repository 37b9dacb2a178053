package io.deepsentiment.train.fit;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.TrainingConfig;
import ai.djl.util.Pair;
import io.deepsentiment.model.artifact.WeightsFile;
import java.util.Map;

/**
 * One optimisation step at a time, with a guard against numerical failure.
 *
 * <p>With DJL 0.36 on PyTorch 2.7.1 (CPU) a step now and then yielded NaN logits or NaN embedding
 * weights although inputs and weights were finite, at a different batch on every run with the same
 * seed (so not a divergence of the optimisation); the project therefore uses DJL 0.33 with PyTorch
 * 2.5.1, where this was not seen. This guard stays as a safety net: rather than lose a run, the
 * stepper keeps a copy of the last good weights (every {@value #CHECKPOINT_EVERY} steps), and when a
 * step fails it reloads them, starts a fresh optimiser and skips that batch. More than
 * {@value #MAX_RECOVERIES} failures in one phase stop the run with an error.
 */
final class GuardedStepper implements AutoCloseable {

    static final int CHECKPOINT_EVERY = 20;
    static final int MAX_RECOVERIES = 20;

    private final Model model;
    private final TrainingConfig config;
    private final Shape inputShape;
    private final TrainingProgress progress;
    private Map<String, float[]> goodWeights;
    private Trainer trainer;
    private int stepsSinceCheckpoint;
    private int recoveries;

    GuardedStepper(Model model, TrainingConfig config, Shape inputShape, TrainingProgress progress) {
        this.model = model;
        this.config = config;
        this.inputShape = inputShape;
        this.progress = progress;
        this.trainer = newTrainer();
        save();
    }

    Trainer trainer() {
        return trainer;
    }

    int recoveries() {
        return recoveries;
    }

    /** Trains on one batch; returns its loss, or NaN when the step failed and was undone. */
    float step(NDArray input, NDArray target, String where) {
        float value;
        try (GradientCollector collector = trainer.newGradientCollector()) {
            NDList logits = trainer.forward(new NDList(input));
            NDArray loss = trainer.getLoss().evaluate(new NDList(target), logits);
            value = loss.getFloat();
            if (Float.isFinite(value)) {
                collector.backward(loss);
            }
        }
        // Weights are restored only outside the gradient collector: in-place writes to parameters are refused inside.
        if (!Float.isFinite(value)) {
            recover(where + ": loss " + value);
            return Float.NaN;
        }
        trainer.step();
        if (!weightsFinite()) {
            recover(where + ": weights not finite after the update");
            return Float.NaN;
        }
        if (++stepsSinceCheckpoint >= CHECKPOINT_EVERY) {
            save();
        }
        return value;
    }

    private boolean weightsFinite() {
        for (Pair<String, Parameter> p : model.getBlock().getParameters()) {
            if (!Float.isFinite(p.getValue().getArray().sum().getFloat())) {
                return false;
            }
        }
        return true;
    }

    private void recover(String reason) {
        recoveries++;
        progress.line("numerical failure (%s); restoring the weights of %d steps ago with a fresh optimiser "
                + "and skipping the batch (%d of at most %d)", reason, stepsSinceCheckpoint, recoveries, MAX_RECOVERIES);
        if (recoveries > MAX_RECOVERIES) {
            throw new IllegalStateException("training failed numerically " + recoveries
                    + " times; try a lower --learning-rate");
        }
        trainer.close();
        WeightsFile.restore(model.getBlock(), goodWeights, model.getNDManager());
        trainer = newTrainer();
        stepsSinceCheckpoint = 0;
    }

    private Trainer newTrainer() {
        Trainer t = model.newTrainer(config);
        // The block is already initialised (embeddings set); this only attaches gradients.
        t.initialize(inputShape);
        return t;
    }

    private void save() {
        goodWeights = WeightsFile.snapshot(model.getBlock());
        stepsSinceCheckpoint = 0;
    }

    @Override
    public void close() {
        trainer.close();
    }
}
