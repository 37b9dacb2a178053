package io.deepsentiment.train.fit;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything a training run needs, as given on the command line. Recorded in the artifact so the
 * run can be repeated.
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
}
