package io.deepsentiment.train.fit;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
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
 * <p>On this machine's CPU, with DJL 0.36/PyTorch 2.7.1 and with DJL 0.33/PyTorch 2.5.1 alike, a
 * training step now and then yields a NaN loss or NaN gradients although inputs and weights are
 * finite, at different batches on every run with the same seed (so not a divergence of the
 * optimisation; long IMDB batches are hit far more often than tweets). DJL clears gradients by
 * subtracting them from themselves, so a single NaN gradient would poison every later step. The
 * stepper therefore checks loss, gradients and weights: a bad batch is skipped with its gradients
 * overwritten by zeros; weights gone bad are restored from a copy taken every
 * {@value #CHECKPOINT_EVERY} steps, with a fresh optimiser. The run stops when more than
 * {@value #MAX_FAILED_SHARE} of its steps fail.
 */
final class GuardedStepper implements AutoCloseable {

    static final int CHECKPOINT_EVERY = 20;
    /** The run stops when more than this share of its steps fail (and more than 50 did). */
    static final double MAX_FAILED_SHARE = 0.25;

    private final Model model;
    private final TrainingConfig config;
    private final Shape inputShape;
    private final TrainingProgress progress;
    private Map<String, float[]> goodWeights;
    private Trainer trainer;
    private int stepsSinceCheckpoint;
    private int recoveries;
    private int steps;

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
        steps++;
        float value;
        try (GradientCollector collector = trainer.newGradientCollector()) {
            NDList logits = trainer.forward(new NDList(input));
            NDArray loss = trainer.getLoss().evaluate(new NDList(target), logits);
            value = loss.getFloat();
            if (Float.isFinite(value)) {
                collector.backward(loss);
            }
        }
        // Repairs happen outside the gradient collector: in-place writes to parameters are refused inside.
        if (!Float.isFinite(value)) {
            skipped(where + ": loss " + value);
            return Float.NaN;
        }
        if (!finite(true)) {
            skipped(where + ": gradient not finite");
            return Float.NaN;
        }
        trainer.step();
        if (!finite(false)) {
            recover(where + ": weights not finite after the update");
            return Float.NaN;
        }
        if (++stepsSinceCheckpoint >= CHECKPOINT_EVERY) {
            save();
        }
        return value;
    }

    /**
     * DJL clears gradients by subtracting them from themselves, so one non-finite gradient would
     * stay NaN for the rest of the run; they are overwritten with zeros instead and the batch is
     * skipped, weights untouched.
     */
    private void skipped(String reason) {
        countFailure(reason + "; batch skipped");
        clearGradients();
    }

    private void clearGradients() {
        for (Pair<String, Parameter> p : model.getBlock().getParameters()) {
            NDArray array = p.getValue().getArray();
            if (array.hasGradient()) {
                array.getGradient().set(new NDIndex(":"), 0f);
            }
        }
    }

    private boolean finite(boolean gradients) {
        for (Pair<String, Parameter> p : model.getBlock().getParameters()) {
            NDArray array = p.getValue().getArray();
            if (gradients && !array.hasGradient()) {
                continue;
            }
            try (NDArray sum = (gradients ? array.getGradient() : array).sum()) {
                if (!Float.isFinite(sum.getFloat())) {
                    return false;
                }
            }
        }
        return true;
    }

    private void countFailure(String reason) {
        recoveries++;
        progress.line("numerical failure (%s) [%d of %d steps]", reason, recoveries, steps);
        if (recoveries > 50 && recoveries > MAX_FAILED_SHARE * steps) {
            throw new IllegalStateException("training failed numerically in " + recoveries + " of " + steps
                    + " steps; try a lower --learning-rate");
        }
    }

    private void recover(String reason) {
        countFailure(reason + "; restoring the weights of " + stepsSinceCheckpoint
                + " steps ago with a fresh optimiser");
        clearGradients();
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
