package io.deepsentiment.train.finetune;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything that decides a fine-tuning run of a pretrained encoder ({@code train --encoder}),
 * recorded in the artifact and, but for where files go and when to stop, in the run's fingerprint.
 * Built by name ({@link #builder()}), with the defaults of {@code train --encoder}.
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

    /** Options by name, each at the default of {@code train --encoder}; give at least train and encoder. */
    public static Builder builder() {
        return new Builder();
    }

    /** These options, to change some of them by name. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.name = name;
        b.out = out;
        b.runDir = runDir;
        b.train = train;
        b.dev = dev;
        b.devFraction = devFraction;
        b.test = test;
        b.encoder = encoder;
        b.trainLayers = trainLayers;
        b.maxPieces = maxPieces;
        b.classWeights = classWeights;
        b.headEpochs = headEpochs;
        b.headLearningRate = headLearningRate;
        b.epochs = epochs;
        b.batchSize = batchSize;
        b.learningRate = learningRate;
        b.weightDecay = weightDecay;
        b.warmup = warmup;
        b.dropout = dropout;
        b.evalsPerEpoch = evalsPerEpoch;
        b.patience = patience;
        b.seed = seed;
        b.checkpointSteps = checkpointSteps;
        b.stopAfter = stopAfter;
        b.maxBatches = maxBatches;
        return b;
    }

    /** Builds {@link FineTuneOptions} by name; every option starts at the default of {@code train --encoder}. */
    public static final class Builder {
        private String name = "custom";
        private Path out;
        private Path runDir;
        private List<String> train = List.of();
        private List<String> dev = List.of();
        private double devFraction = 0.1;
        private List<String> test = List.of();
        private String encoder;
        private int trainLayers = 12;
        private int maxPieces = 128;
        private String classWeights = "balanced";
        private int headEpochs = 10;
        private float headLearningRate = 0.003f;
        private int epochs = 2;
        private int batchSize = 32;
        private float learningRate = 3e-5f;
        private float weightDecay = 0.01f;
        private float warmup = 0.06f;
        private float dropout = 0.1f;
        private int evalsPerEpoch = 4;
        private int patience = 8;
        private long seed = 42;
        private int checkpointSteps = 100;
        private int stopAfter = 0;
        private int maxBatches = 0;

        private Builder() {}

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** The artifact directory; null (the default) for {@code models/NAME}. */
        public Builder out(Path out) {
            this.out = out;
            return this;
        }

        /** Where the run checkpoints; null (the default) for {@code runs/NAME}. */
        public Builder runDir(Path runDir) {
            this.runDir = runDir;
            return this;
        }

        public Builder train(List<String> train) {
            this.train = train;
            return this;
        }

        public Builder dev(List<String> dev) {
            this.dev = dev;
            return this;
        }

        public Builder devFraction(double devFraction) {
            this.devFraction = devFraction;
            return this;
        }

        public Builder test(List<String> test) {
            this.test = test;
            return this;
        }

        public Builder encoder(String encoder) {
            this.encoder = encoder;
            return this;
        }

        public Builder trainLayers(int trainLayers) {
            this.trainLayers = trainLayers;
            return this;
        }

        public Builder maxPieces(int maxPieces) {
            this.maxPieces = maxPieces;
            return this;
        }

        public Builder classWeights(String classWeights) {
            this.classWeights = classWeights;
            return this;
        }

        public Builder headEpochs(int headEpochs) {
            this.headEpochs = headEpochs;
            return this;
        }

        public Builder headLearningRate(float headLearningRate) {
            this.headLearningRate = headLearningRate;
            return this;
        }

        public Builder epochs(int epochs) {
            this.epochs = epochs;
            return this;
        }

        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        public Builder learningRate(float learningRate) {
            this.learningRate = learningRate;
            return this;
        }

        public Builder weightDecay(float weightDecay) {
            this.weightDecay = weightDecay;
            return this;
        }

        public Builder warmup(float warmup) {
            this.warmup = warmup;
            return this;
        }

        public Builder dropout(float dropout) {
            this.dropout = dropout;
            return this;
        }

        public Builder evalsPerEpoch(int evalsPerEpoch) {
            this.evalsPerEpoch = evalsPerEpoch;
            return this;
        }

        public Builder patience(int patience) {
            this.patience = patience;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder checkpointSteps(int checkpointSteps) {
            this.checkpointSteps = checkpointSteps;
            return this;
        }

        public Builder stopAfter(int stopAfter) {
            this.stopAfter = stopAfter;
            return this;
        }

        public Builder maxBatches(int maxBatches) {
            this.maxBatches = maxBatches;
            return this;
        }

        public FineTuneOptions build() {
            return new FineTuneOptions(name, out != null ? out : Path.of("models", name),
                    runDir != null ? runDir : Path.of("runs", name), train, dev, devFraction, test, encoder,
                    trainLayers, maxPieces, classWeights, headEpochs, headLearningRate, epochs, batchSize, learningRate,
                    weightDecay, warmup, dropout, evalsPerEpoch, patience, seed, checkpointSteps, stopAfter, maxBatches);
        }
    }
}
