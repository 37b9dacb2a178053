package io.deepsentiment.cli;

import io.deepsentiment.model.artifact.ModelLocation;
import io.deepsentiment.model.artifact.ModelManifest;
import io.deepsentiment.train.fit.TeacherOptions;
import io.deepsentiment.train.fit.TrainingOptions;
import io.deepsentiment.train.finetune.FineTuneOptions;
import io.deepsentiment.train.finetune.FineTuneRun;
import io.deepsentiment.train.fit.TrainingRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Trains a CNN, or fine-tunes a pretrained encoder (--encoder), on labelled data and writes a model artifact. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train a sentiment CNN, or fine-tune a pretrained transformer encoder (--encoder), and write a"
                + " self-describing model directory.")
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

    @Option(names = "--dropout", description = "dropout rate (default: 0.5; 0.1 with --encoder)")
    Float dropout;

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

    @Option(names = "--epochs", description = "maximum epochs (default: 10; 2 with --encoder)")
    Integer epochs;

    @Option(names = "--patience", description = "stop after this many epochs without dev improvement (default: 3; with --encoder, dev scorings: 8)")
    Integer patience;

    @Option(names = "--batch-size", description = "mini-batch size (default: 50; 32 with --encoder)")
    Integer batchSize;

    @Option(names = "--learning-rate", description = "Adam learning rate (default: 0.001; 3e-5 with --encoder)")
    Float learningRate;

    @Option(names = "--seed", defaultValue = "42", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--max-batches", defaultValue = "0", description = "stop each epoch after N batches, for smoke tests (default: no limit)")
    int maxBatches;

    @Option(names = "--teacher", description = "distil from this trained model (a directory or a bundled name such as tweets-accurate): the CNN learns its probabilities beside the hand labels")
    String teacher;

    @Option(names = "--transfer", description = "with --teacher: more texts for the teacher to label, e.g. s140:positive.txt,negative.txt (their own labels are not used; repeatable)")
    List<String> transfer = new ArrayList<>();

    @Option(names = "--teacher-weight", defaultValue = "0.5", description = "with --teacher: share of the teacher's probabilities in the target of a hand-labelled tweet (default: ${DEFAULT-VALUE})")
    float teacherWeight;

    @Option(names = "--teacher-cache", defaultValue = "runs/teacher", description = "with --teacher: where the teacher's scores are kept for repeated or stopped runs (default: ${DEFAULT-VALUE})")
    Path teacherCache;

    @Option(names = "--encoder", description = "fine-tune this pretrained encoder instead of training a CNN: e5-small-v2")
    String encoder;

    @Option(names = "--train-layers", defaultValue = "12", description = "with --encoder: fine-tune this many of its top layers (default: ${DEFAULT-VALUE})")
    int trainLayers;

    @Option(names = "--max-pieces", defaultValue = "128", description = "with --encoder: texts are cut to this many word pieces (default: ${DEFAULT-VALUE})")
    int maxPieces;

    @Option(names = "--head-epochs", defaultValue = "10", description = "with --encoder: epochs of the head alone on the frozen encoder first (default: ${DEFAULT-VALUE})")
    int headEpochs;

    @Option(names = "--head-learning-rate", defaultValue = "0.003", description = "with --encoder: learning rate of the head-only phase (default: ${DEFAULT-VALUE})")
    float headLearningRate;

    @Option(names = "--weight-decay", defaultValue = "0.01", description = "with --encoder: AdamW weight decay (default: ${DEFAULT-VALUE})")
    float weightDecay;

    @Option(names = "--warmup", defaultValue = "0.06", description = "with --encoder: share of steps of learning-rate warm-up (default: ${DEFAULT-VALUE})")
    float warmup;

    @Option(names = "--evals-per-epoch", defaultValue = "4", description = "with --encoder: dev scorings per epoch, for early stopping (default: ${DEFAULT-VALUE})")
    int evalsPerEpoch;

    @Option(names = "--run-dir", description = "with --encoder: where the run checkpoints; the same command continues a stopped run (default: runs/NAME)")
    Path runDir;

    @Option(names = "--checkpoint-steps", defaultValue = "100", description = "with --encoder: checkpoint every N steps (default: ${DEFAULT-VALUE})")
    int checkpointSteps;

    @Option(names = "--stop-after", defaultValue = "0", description = "with --encoder: stop after N steps with a checkpoint, to continue later (default: no limit)")
    int stopAfter;

    @Override
    public Integer call() throws Exception {
        List<String> command = new ArrayList<>();
        command.add("./deepsentiment train");
        command.addAll(spec.commandLine().getParseResult().originalArgs().subList(1,
                spec.commandLine().getParseResult().originalArgs().size()));
        if (encoder != null) {
            if (teacher != null) {
                throw new IllegalArgumentException("--teacher trains a CNN from a model; it does not go with --encoder");
            }
            return fineTune(command);
        }
        TrainingOptions options = cnnOptions();
        if (teacher == null && !transfer.isEmpty()) {
            throw new IllegalArgumentException("--transfer needs a --teacher to label its texts");
        }
        ModelManifest manifest = new TrainingRun(options, System.out, command).run();
        System.out.println("done: " + manifest.name() + " " + manifest.version() + " metrics " + manifest.metrics());
        return 0;
    }

    private int fineTune(List<String> command) throws Exception {
        FineTuneOptions options = fineTuneOptions();
        ModelManifest manifest = new FineTuneRun(options, System.out, command).run();
        if (manifest == null) {
            System.out.println("stopped: run the same command to continue from " + options.runDir());
            return 0;
        }
        System.out.println("done: " + manifest.name() + " " + manifest.version() + " metrics " + manifest.metrics());
        return 0;
    }

    /** The options of a CNN run; the flags whose default depends on the kind of run default to the CNN's. */
    TrainingOptions cnnOptions() {
        return TrainingOptions.builder()
                .name(name).out(out).train(train).dev(dev).devFraction(devFraction).test(test)
                .vectors(vectors).skipGram(skipGram).pretrain(pretrain).distant(distant).distantEpochs(distantEpochs)
                .embeddingDim(dim).staticEmbeddings(staticEmbeddings).filterWidths(widths).filters(filters)
                .dropout(or(dropout, 0.5f)).maxTokens(maxTokens).meanPooling(meanPooling).ngramBuckets(ngramBuckets)
                .minCount(minCount).maxVocabulary(maxVocabulary).markNegation(negation).classWeights(classWeights)
                .epochs(or(epochs, 10)).patience(or(patience, 3)).batchSize(or(batchSize, 50))
                .learningRate(or(learningRate, 0.001f)).seed(seed).maxBatches(maxBatches)
                .teacher(teacher == null ? null
                        : new TeacherOptions(ModelLocation.resolve(teacher), transfer, teacherWeight, teacherCache))
                .build();
    }

    /** The options of an encoder fine-tuning run; the flags whose default depends on the kind of run default to its. */
    FineTuneOptions fineTuneOptions() {
        return FineTuneOptions.builder()
                .name(name).out(out).runDir(runDir).train(train).dev(dev).devFraction(devFraction).test(test)
                .encoder(encoder).trainLayers(trainLayers).maxPieces(maxPieces).classWeights(classWeights)
                .headEpochs(headEpochs).headLearningRate(headLearningRate)
                .epochs(or(epochs, 2)).batchSize(or(batchSize, 32)).learningRate(or(learningRate, 3e-5f))
                .weightDecay(weightDecay).warmup(warmup).dropout(or(dropout, 0.1f)).evalsPerEpoch(evalsPerEpoch)
                .patience(or(patience, 8)).seed(seed).checkpointSteps(checkpointSteps).stopAfter(stopAfter)
                .maxBatches(maxBatches)
                .build();
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
