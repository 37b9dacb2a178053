package io.deepsentiment.train.finetune;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything that decides a fine-tuning run of a pretrained encoder ({@code train --encoder}),
 * recorded in the artifact and, but for where files go and when to stop, in the run's fingerprint.
 *
 * @param trainLayers how many of the encoder's top layers are fine-tuned (the head always is)
 * @param headEpochs epochs of the head alone on the frozen encoder, before fine-tuning
 * @param headLearningRate learning rate of that first phase
 * @param warmup share of the fine-tuning steps over which the learning rate rises from 0
 * @param evalsPerEpoch how often per epoch the development set is scored (for early stopping)
 * @param patience stop after this many scorings without improvement
 * @param checkpointSteps write a checkpoint every this many steps (and at every scoring)
 * @param stopAfter stop (with a checkpoint) after this many steps in this invocation; 0 for no limit
 */
public record FineTuneOptions(
        String name,
        Path out,
        Path runDir,
        List<String> train,
        List<String> dev,
        double devFraction,
        List<String> test,
        String encoder,
        int trainLayers,
        int maxPieces,
        String classWeights,
        int headEpochs,
        float headLearningRate,
        int epochs,
        int batchSize,
        float learningRate,
        float weightDecay,
        float warmup,
        float dropout,
        int evalsPerEpoch,
        int patience,
        long seed,
        int checkpointSteps,
        int stopAfter,
        int maxBatches) {

    /**
     * The options that decide the steps, for the run's fingerprint: not the model's name or where
     * files go, nor when this invocation stops, nor the patience of early stopping (no step
     * depends on it, so a run not yet stopped may be continued with more patience).
     */
    FineTuneOptions decisive() {
        return new FineTuneOptions(null, null, null, train, dev, devFraction, test, encoder, trainLayers, maxPieces,
                classWeights, headEpochs, headLearningRate, epochs, batchSize, learningRate, weightDecay, warmup,
                dropout, evalsPerEpoch, 0, seed, 0, 0, maxBatches);
    }
}
