package io.deepsentiment.train.fit;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import io.deepsentiment.model.artifact.WeightsFile;
import io.deepsentiment.model.net.OwnedArrays;
import io.deepsentiment.model.net.TextCnn;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.ToDoubleFunction;

/**
 * Mini-batch training of a {@link TextCnn} with Adam, scored on a development set after every
 * epoch; keeps the weights of the best epoch and stops after {@code patience} epochs without
 * improvement (early stopping).
 */
final class EpochFitter {

    /** What a phase of training produced. */
    record Outcome(int bestEpoch, int epochsRun, double bestScore, double seconds) {}

    /** Element-wise gradient clipping: keeps a rare huge gradient from throwing the weights off. */
    private static final float CLIP_GRADIENT = 5f;

    private final TrainingProgress progress;
    private final int batchSize;
    private final float learningRate;
    private final int maxBatches;

    EpochFitter(TrainingProgress progress, int batchSize, float learningRate, int maxBatches) {
        this.progress = progress;
        this.batchSize = batchSize;
        this.learningRate = learningRate;
        this.maxBatches = maxBatches;
    }

    /**
     * @param devScore scores the model on the development set (higher is better); null to keep the last epoch
     */
    Outcome fit(String phase, Model model, List<int[]> examples, Targets targets, float[] classWeights,
            int epochs, int patience, Random random, ToDoubleFunction<Model> devScore) {
        if (targets.size() != examples.size()) {
            throw new IllegalArgumentException(examples.size() + " examples but " + targets.size() + " targets");
        }
        TextCnn net = (TextCnn) model.getBlock();
        DefaultTrainingConfig config = new DefaultTrainingConfig(new WeightedCrossEntropy(classWeights))
                .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(learningRate))
                        .optClipGrad(CLIP_GRADIENT).build());
        long started = System.nanoTime();
        double best = Double.NEGATIVE_INFINITY;
        int bestEpoch = 0;
        int epoch = 0;
        Map<String, float[]> bestWeights = null;
        try (GuardedStepper stepper = new GuardedStepper(model, config,
                new Shape(batchSize, net.config().maxTokens()), progress)) {
            for (epoch = 1; epoch <= epochs; epoch++) {
                double loss = trainEpoch(phase, stepper, net, examples, targets, epoch, epochs, random);
                if (devScore == null) {
                    progress.line("%s epoch %d/%d: train loss %.4f", phase, epoch, epochs, loss);
                    continue;
                }
                double score = devScore.applyAsDouble(model);
                boolean improved = score > best;
                progress.line("%s epoch %d/%d: train loss %.4f, dev score %.4f%s", phase, epoch, epochs, loss, score,
                        improved ? " (best so far)" : "");
                if (improved) {
                    best = score;
                    bestEpoch = epoch;
                    bestWeights = WeightsFile.snapshot(net);
                } else if (epoch - bestEpoch >= patience) {
                    progress.line("%s: no improvement for %d epochs, stopping early", phase, patience);
                    break;
                }
            }
        }
        if (bestWeights != null) {
            WeightsFile.restore(net, bestWeights, model.getNDManager());
        }
        int run = Math.min(epoch, epochs);
        return new Outcome(devScore == null ? run : bestEpoch, run, best, (System.nanoTime() - started) / 1e9);
    }

    private double trainEpoch(String phase, GuardedStepper stepper, TextCnn net, List<int[]> examples,
            Targets targets, int epoch, int epochs, Random random) {
        List<int[]> batches = BatchPlan.epoch(examples, batchSize, random);
        if (maxBatches > 0 && batches.size() > maxBatches) {
            batches = batches.subList(0, maxBatches);
        }
        progress.startEpoch();
        double lossSum = 0;
        int counted = 0;
        int minLength = net.config().widestFilter();
        int maxLength = net.config().maxTokens();
        for (int b = 0; b < batches.size(); b++) {
            int[] batch = batches.get(b);
            try (NDManager manager = stepper.trainer().getManager().newSubManager()) {
                NDArray input = padded(manager, examples, batch, minLength, maxLength);
                NDArray target = targets.batch(manager, batch);
                float loss = stepper.step(input, target, phase + " epoch " + epoch + " batch " + (b + 1));
                if (!Float.isNaN(loss)) {
                    lossSum += loss;
                    counted++;
                }
            }
            progress.batch(phase, epoch, epochs, b + 1, batches.size(), lossSum / Math.max(1, counted));
        }
        return lossSum / Math.max(1, counted);
    }

    private static NDArray padded(NDManager manager, List<int[]> examples, int[] batch, int minLength,
            int maxLength) {
        int length = minLength;
        for (int i : batch) {
            length = Math.max(length, Math.min(maxLength, examples.get(i).length));
        }
        long[] flat = new long[batch.length * length];
        for (int r = 0; r < batch.length; r++) {
            int[] ids = examples.get(batch[r]);
            for (int j = 0; j < Math.min(length, ids.length); j++) {
                flat[r * length + j] = ids[j];
            }
        }
        return OwnedArrays.of(manager, flat, new Shape(batch.length, length));
    }

    /**
     * Copies the learned features (word vectors, convolutions) from one network into another of the
     * same shape; the output layer and the bag of n-grams, whose shapes depend on the labels, stay.
     */
    static void transferFeatures(TextCnn from, TextCnn to, ai.djl.ndarray.NDManager manager) {
        Map<String, float[]> weights = WeightsFile.snapshot(from);
        for (Pair<String, Parameter> p : to.getParameters()) {
            String key = p.getKey();
            if (key.endsWith("output_weight") || key.endsWith("output_bias") || key.endsWith("ngrams")
                    || key.endsWith("ngramBias")) {
                weights.put(p.getKey(), p.getValue().getArray().toFloatArray());
            }
        }
        WeightsFile.restore(to, weights, manager);
    }
}
