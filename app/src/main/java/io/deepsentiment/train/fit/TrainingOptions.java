package io.deepsentiment.train.fit;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything a training run needs, as given on the command line. Recorded in the artifact so the
 * run can be repeated. Built by name ({@link #builder()}), with the defaults of {@code train}.
 *
 * @param name model name (tweets, reviews, ...)
 * @param out artifact directory to write
 * @param train dataset specs for training
 * @param dev dataset specs for early stopping; empty means hold out {@code devFraction} of train
 * @param devFraction share of train held out when no dev set is given
 * @param test dataset specs evaluated once at the end (never used for any choice)
 * @param vectors pre-trained word vectors (word2vec binary/text or GloVe), or null
 * @param skipGram pre-train word vectors with skip-gram on the training, distant and {@code pretrain} texts
 * @param pretrain extra corpora (labels unused) for skip-gram pre-training
 * @param distant distantly labelled specs (e.g. Sentiment140) for a first training phase; empty for none
 * @param distantEpochs epochs of that phase
 * @param embeddingDim word vector width (ignored when {@code vectors} fixes it)
 * @param staticEmbeddings keep the word vectors fixed instead of fine-tuning them (Kim's CNN-static)
 * @param filterWidths convolution widths
 * @param filters feature maps per width
 * @param dropout dropout rate
 * @param maxTokens texts are cut to this many tokens
 * @param meanPooling pool feature maps by mean as well as max
 * @param ngramBuckets hash buckets of the bag of word pairs added to the CNN (0: none)
 * @param minCount minimum training-set count of a word to get its own embedding
 * @param maxVocabulary cap on the vocabulary size (keeps the artifact small)
 * @param markNegation mark tokens in negation scope
 * @param classWeights "balanced" (inverse class frequency) or "none"
 * @param epochs maximum epochs
 * @param patience stop after this many epochs without improvement on dev
 * @param batchSize examples per mini-batch
 * @param learningRate Adam learning rate
 * @param seed seed of every random choice
 * @param maxBatches stop each epoch after this many batches (0 = no limit), for smoke tests
 * @param teacher distil from this trained model, or null to learn from the hand labels alone
 */
public record TrainingOptions(
        String name,
        Path out,
        List<String> train,
        List<String> dev,
        double devFraction,
        List<String> test,
        Path vectors,
        boolean skipGram,
        List<String> pretrain,
        List<String> distant,
        int distantEpochs,
        int embeddingDim,
        boolean staticEmbeddings,
        List<Integer> filterWidths,
        int filters,
        float dropout,
        int maxTokens,
        boolean meanPooling,
        int ngramBuckets,
        int minCount,
        int maxVocabulary,
        boolean markNegation,
        String classWeights,
        int epochs,
        int patience,
        int batchSize,
        float learningRate,
        long seed,
        int maxBatches,
        TeacherOptions teacher) {

    public TrainingOptions {
        train = List.copyOf(train);
        dev = List.copyOf(dev);
        test = List.copyOf(test);
        pretrain = List.copyOf(pretrain);
        distant = List.copyOf(distant);
        filterWidths = List.copyOf(filterWidths);
        if (train.isEmpty()) {
            throw new IllegalArgumentException("no training data: give at least one --train");
        }
        if (vectors != null && skipGram) {
            throw new IllegalArgumentException("give either --vectors or --skip-gram, not both");
        }
        if (!classWeights.equals("balanced") && !classWeights.equals("none")) {
            throw new IllegalArgumentException("--class-weights must be balanced or none, not " + classWeights);
        }
    }

    /** Options by name, each starting at the default of {@code train} (for a CNN); {@code train} must be given. */
    public static Builder builder() {
        return new Builder();
    }

    /** These options, to change some of them by name. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.name = name;
        b.out = out;
        b.train = train;
        b.dev = dev;
        b.devFraction = devFraction;
        b.test = test;
        b.vectors = vectors;
        b.skipGram = skipGram;
        b.pretrain = pretrain;
        b.distant = distant;
        b.distantEpochs = distantEpochs;
        b.embeddingDim = embeddingDim;
        b.staticEmbeddings = staticEmbeddings;
        b.filterWidths = filterWidths;
        b.filters = filters;
        b.dropout = dropout;
        b.maxTokens = maxTokens;
        b.meanPooling = meanPooling;
        b.ngramBuckets = ngramBuckets;
        b.minCount = minCount;
        b.maxVocabulary = maxVocabulary;
        b.markNegation = markNegation;
        b.classWeights = classWeights;
        b.epochs = epochs;
        b.patience = patience;
        b.batchSize = batchSize;
        b.learningRate = learningRate;
        b.seed = seed;
        b.maxBatches = maxBatches;
        b.teacher = teacher;
        return b;
    }

    /** Builds {@link TrainingOptions} by name; every option starts at the default of {@code train}. */
    public static final class Builder {
        private String name = "custom";
        private Path out;
        private List<String> train = List.of();
        private List<String> dev = List.of();
        private double devFraction = 0.1;
        private List<String> test = List.of();
        private Path vectors;
        private boolean skipGram = false;
        private List<String> pretrain = List.of();
        private List<String> distant = List.of();
        private int distantEpochs = 1;
        private int embeddingDim = 100;
        private boolean staticEmbeddings = false;
        private List<Integer> filterWidths = List.of(3, 4, 5);
        private int filters = 100;
        private float dropout = 0.5f;
        private int maxTokens = 64;
        private boolean meanPooling = false;
        private int ngramBuckets = 0;
        private int minCount = 2;
        private int maxVocabulary = 40_000;
        private boolean markNegation = false;
        private String classWeights = "balanced";
        private int epochs = 10;
        private int patience = 3;
        private int batchSize = 50;
        private float learningRate = 0.001f;
        private long seed = 42;
        private int maxBatches = 0;
        private TeacherOptions teacher;

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

        public Builder vectors(Path vectors) {
            this.vectors = vectors;
            return this;
        }

        public Builder skipGram(boolean skipGram) {
            this.skipGram = skipGram;
            return this;
        }

        public Builder pretrain(List<String> pretrain) {
            this.pretrain = pretrain;
            return this;
        }

        public Builder distant(List<String> distant) {
            this.distant = distant;
            return this;
        }

        public Builder distantEpochs(int distantEpochs) {
            this.distantEpochs = distantEpochs;
            return this;
        }

        public Builder embeddingDim(int embeddingDim) {
            this.embeddingDim = embeddingDim;
            return this;
        }

        public Builder staticEmbeddings(boolean staticEmbeddings) {
            this.staticEmbeddings = staticEmbeddings;
            return this;
        }

        public Builder filterWidths(List<Integer> filterWidths) {
            this.filterWidths = filterWidths;
            return this;
        }

        public Builder filters(int filters) {
            this.filters = filters;
            return this;
        }

        public Builder dropout(float dropout) {
            this.dropout = dropout;
            return this;
        }

        public Builder maxTokens(int maxTokens) {
            this.maxTokens = maxTokens;
            return this;
        }

        public Builder meanPooling(boolean meanPooling) {
            this.meanPooling = meanPooling;
            return this;
        }

        public Builder ngramBuckets(int ngramBuckets) {
            this.ngramBuckets = ngramBuckets;
            return this;
        }

        public Builder minCount(int minCount) {
            this.minCount = minCount;
            return this;
        }

        public Builder maxVocabulary(int maxVocabulary) {
            this.maxVocabulary = maxVocabulary;
            return this;
        }

        public Builder markNegation(boolean markNegation) {
            this.markNegation = markNegation;
            return this;
        }

        public Builder classWeights(String classWeights) {
            this.classWeights = classWeights;
            return this;
        }

        public Builder epochs(int epochs) {
            this.epochs = epochs;
            return this;
        }

        public Builder patience(int patience) {
            this.patience = patience;
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

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder maxBatches(int maxBatches) {
            this.maxBatches = maxBatches;
            return this;
        }

        public Builder teacher(TeacherOptions teacher) {
            this.teacher = teacher;
            return this;
        }

        public TrainingOptions build() {
            return new TrainingOptions(name, out != null ? out : Path.of("models", name), train, dev, devFraction,
                    test, vectors, skipGram, pretrain, distant, distantEpochs, embeddingDim, staticEmbeddings,
                    filterWidths, filters, dropout, maxTokens, meanPooling, ngramBuckets, minCount, maxVocabulary,
                    markNegation, classWeights, epochs, patience, batchSize, learningRate, seed, maxBatches, teacher);
        }
    }
}
