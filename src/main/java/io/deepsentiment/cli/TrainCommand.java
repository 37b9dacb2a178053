package io.deepsentiment.cli;

import io.deepsentiment.model.artifact.ModelManifest;
import io.deepsentiment.train.fit.TrainingOptions;
import io.deepsentiment.train.fit.TrainingRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Trains a CNN on labelled data and writes a model artifact. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train a sentiment CNN and write a self-describing model directory.")
final class TrainCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--name", defaultValue = "custom", description = "model name (default: ${DEFAULT-VALUE})")
    String name;

    @Option(names = "--out", description = "model directory to write (default: models/NAME)")
    Path out;

    @Option(names = "--train", required = true, description = "training data spec, e.g. semeval:a.tsv,b.tsv, imdb:ARCHIVE?split=train, csv:FILE?text=COL&label=COL (repeatable)")
    List<String> train;

    @Option(names = "--dev", description = "development data spec for early stopping (repeatable); default: hold out --dev-fraction of train")
    List<String> dev = new ArrayList<>();

    @Option(names = "--dev-fraction", defaultValue = "0.1", description = "share of train held out when no --dev is given (default: ${DEFAULT-VALUE})")
    double devFraction;

    @Option(names = "--test", description = "test data spec, evaluated once after training and recorded (repeatable)")
    List<String> test = new ArrayList<>();

    @Option(names = "--vectors", description = "pre-trained word vectors: word2vec binary/text or GloVe text (.gz too)")
    Path vectors;

    @Option(names = "--skip-gram", description = "pre-train word vectors with skip-gram on the training texts and --pretrain corpora")
    boolean skipGram;

    @Option(names = "--pretrain", description = "extra corpus for --skip-gram, e.g. s140:positive.txt,negative.txt (repeatable)")
    List<String> pretrain = new ArrayList<>();

    @Option(names = "--distant", description = "distantly labelled data to pre-train the network on first, e.g. Sentiment140 (repeatable)")
    List<String> distant = new ArrayList<>();

    @Option(names = "--distant-epochs", defaultValue = "1", description = "epochs on the --distant data (default: ${DEFAULT-VALUE})")
    int distantEpochs;

    @Option(names = "--dim", defaultValue = "100", description = "word vector size (default: ${DEFAULT-VALUE})")
    int dim;

    @Option(names = "--static-embeddings", description = "keep the word vectors fixed (Kim's CNN-static) instead of fine-tuning them")
    boolean staticEmbeddings;

    @Option(names = "--widths", defaultValue = "3,4,5", split = ",", description = "filter widths (default: ${DEFAULT-VALUE})")
    List<Integer> widths;

    @Option(names = "--filters", defaultValue = "100", description = "filters per width (default: ${DEFAULT-VALUE})")
    int filters;

    @Option(names = "--dropout", defaultValue = "0.5", description = "dropout rate (default: ${DEFAULT-VALUE})")
    float dropout;

    @Option(names = "--max-tokens", defaultValue = "64", description = "texts are cut to this many tokens (default: ${DEFAULT-VALUE})")
    int maxTokens;

    @Option(names = "--mean-pooling", description = "pool feature maps by their mean as well as their maximum (for long texts)")
    boolean meanPooling;

    @Option(names = "--ngram-buckets", defaultValue = "0", description = "train a linear bag of words and word pairs, hashed into this many buckets, beside the CNN; prediction mixes the two (default: ${DEFAULT-VALUE}, none)")
    int ngramBuckets;

    @Option(names = "--min-count", defaultValue = "2", description = "minimum count of a training word to get its own vector (default: ${DEFAULT-VALUE})")
    int minCount;

    @Option(names = "--max-vocabulary", defaultValue = "40000", description = "vocabulary size cap (default: ${DEFAULT-VALUE})")
    int maxVocabulary;

    @Option(names = "--negation", negatable = true, defaultValue = "false", fallbackValue = "true",
            description = "mark words in negation scope with _neg (default: ${DEFAULT-VALUE})")
    boolean negation;

    @Option(names = "--class-weights", defaultValue = "balanced", description = "balanced or none (default: ${DEFAULT-VALUE})")
    String classWeights;

    @Option(names = "--epochs", defaultValue = "10", description = "maximum epochs (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--patience", defaultValue = "3", description = "stop after this many epochs without dev improvement (default: ${DEFAULT-VALUE})")
    int patience;

    @Option(names = "--batch-size", defaultValue = "50", description = "mini-batch size (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--learning-rate", defaultValue = "0.001", description = "Adam learning rate (default: ${DEFAULT-VALUE})")
    float learningRate;

    @Option(names = "--seed", defaultValue = "42", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--max-batches", defaultValue = "0", description = "stop each epoch after N batches, for smoke tests (default: no limit)")
    int maxBatches;

    @Override
    public Integer call() throws Exception {
        TrainingOptions options = new TrainingOptions(name, out != null ? out : Path.of("models", name), train, dev,
                devFraction, test, vectors, skipGram, pretrain, distant, distantEpochs, dim, staticEmbeddings, widths, filters, dropout,
                maxTokens, meanPooling, ngramBuckets, minCount, maxVocabulary, negation, classWeights, epochs, patience, batchSize, learningRate,
                seed, maxBatches);
        List<String> command = new ArrayList<>();
        command.add("./deepsentiment train");
        command.addAll(spec.commandLine().getParseResult().originalArgs().subList(1,
                spec.commandLine().getParseResult().originalArgs().size()));
        ModelManifest manifest = new TrainingRun(options, System.out, command).run();
        System.out.println("done: " + manifest.name() + " " + manifest.version() + " metrics " + manifest.metrics());
        return 0;
    }
}
