package io.deepsentiment.train.fit;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.deepsentiment.model.artifact.ModelArtifact;
import io.deepsentiment.model.artifact.ModelManifest;
import io.deepsentiment.model.net.CnnConfig;
import io.deepsentiment.model.net.OwnedArrays;
import io.deepsentiment.model.net.TextCnn;
import io.deepsentiment.model.predict.CnnPredictor;
import io.deepsentiment.model.text.TweetTokenizer;
import io.deepsentiment.model.vocab.Vocabulary;
import io.deepsentiment.model.vocab.VocabularyBuilder;
import io.deepsentiment.train.data.LabelledText;
import io.deepsentiment.train.data.LabelledData;
import io.deepsentiment.train.embedding.EmbeddingMatrix;
import io.deepsentiment.train.embedding.WordVectors;
import io.deepsentiment.train.evaluate.EvaluationReport;
import io.deepsentiment.train.evaluate.ModelEvaluator;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * One training run, from dataset specs to a model artifact: load and de-duplicate the data, make
 * sure no held-out example leaks into training, tokenize, build the vocabulary, start the
 * embeddings from word vectors, optionally take soft targets from a teacher ({@link Distillation})
 * and pre-train on distantly labelled tweets, train with early stopping on the development set,
 * evaluate on the development and test sets, and write the artifact.
 */
public final class TrainingRun {

    private final TrainingOptions options;
    private final PrintStream console;
    private final List<String> command;

    /** The run's texts as tokens: the labelled sets, the distant texts and the teacher's transfer texts. */
    private record Texts(List<String> labels, TweetTokenizer tokenizer, TokenizedSet train, TokenizedSet dev,
            List<List<String>> distant, LabelledData transfer, List<List<String>> transferTokens) {}

    /** The vocabulary, the word vectors its embeddings start from, and where those came from. */
    private record Words(Vocabulary vocabulary, EmbeddingMatrix embedding, Map<String, Object> wordVectors) {}

    /** What the network is fitted to; {@code teacher} describes the teacher of a distilled run, else null. */
    private record TrainingSet(List<int[]> ids, Targets targets, float[] classWeights, Map<String, Object> teacher) {}

    /** The main phase's outcome and, with a bag of n-grams, the mix chosen on dev for its best epoch (else null). */
    private record Fitted(EpochFitter.Outcome outcome, String metric, EnsembleWeights.Choice mix) {}

    /** @param command the command line that started the run, recorded in the artifact */
    public TrainingRun(TrainingOptions options, PrintStream console, List<String> command) {
        this.options = options;
        this.console = console;
        this.command = List.copyOf(command);
    }

    /** Trains, writes the artifact and returns its manifest (with dev and, if given, test metrics). */
    public ModelManifest run() throws IOException {
        Instant started = Instant.now();
        Path logDir = Files.createTempDirectory("deepsentiment-train-");
        Path logFile = logDir.resolve("training.log");
        try (TrainingProgress progress = new TrainingProgress(console, logFile)) {
            Engine.getInstance().setRandomSeed((int) options.seed());
            Random random = new Random(options.seed());
            progress.line("training %s (seed %d) -> %s", options.name(), options.seed(), options.out());

            SplitData data = SplitData.load(options, random, progress);
            LabelledData transfer = options.teacher() == null ? new LabelledData(List.of(), List.of())
                    : new Distillation(options.teacher(), progress).loadTransfer(data);
            Texts texts = tokenize(data, transfer);
            Words words = buildVocabulary(texts, random, progress);
            CnnConfig network = networkShape(texts, words);
            ModelManifest draft = draftManifest(started, texts.labels(), network);
            TrainingSet trainingSet = trainingSet(data, texts, words.vocabulary(), progress);
            EpochFitter fitter = new EpochFitter(progress, options.batchSize(), options.learningRate(),
                    options.maxBatches());
            // The teacher is loaded (in trainingSet) before the network is made: loading initialises a
            // network from the engine's random numbers, so this order is part of what the seed repeats.
            try (Model model = newModel(network, words.embedding())) {
                Map<String, Object> phases = new LinkedHashMap<>();
                if (!texts.distant().isEmpty()) {
                    phases.put("distant", pretrainOnDistantLabels(fitter, data.distant(), texts.distant(),
                            words, network, model, random));
                }
                Fitted fitted = fit(fitter, model, trainingSet, texts, words.vocabulary(), draft, random);
                phases.put("main", outcomeMap(fitted.outcome(), fitted.metric()));
                if (fitted.mix() != null) {
                    phases.put("mix", setMix((TextCnn) model.getBlock(), fitted.mix(), progress));
                }
                Map<String, Object> metrics = new LinkedHashMap<>();
                metrics.put("dev", evaluate("dev (best epoch " + fitted.outcome().bestEpoch() + ")", texts.dev(),
                        data.devSpec(), texts.labels(), words.vocabulary(), draft, model, progress));
                // recorded before the test set is scored: the run's seconds are those of training
                Map<String, Object> training = trainingRecord(data, words, trainingSet, phases, started);
                if (!data.test().examples().isEmpty()) {
                    metrics.put("test", evaluate("test (evaluated once, after training)",
                            TokenizedSet.of(data.test(), texts.tokenizer(), texts.labels()), data.testSpec(),
                            texts.labels(), words.vocabulary(), draft, model, progress));
                }
                progress.line("finished in %s",
                        TrainingProgress.clock(Duration.between(started, Instant.now()).toSeconds()));
                ModelManifest manifest = draft.withTraining(training).withMetrics(metrics);
                return write(manifest, words.vocabulary(), model, logFile, progress);
            }
        } finally {
            Files.deleteIfExists(logFile);
            Files.deleteIfExists(logDir);
        }
    }

    private Texts tokenize(SplitData data, LabelledData transfer) {
        List<String> labels = data.train().labels();
        TweetTokenizer tokenizer = new TweetTokenizer(options.markNegation());
        return new Texts(labels, tokenizer, TokenizedSet.of(data.train(), tokenizer, labels),
                TokenizedSet.of(data.dev(), tokenizer, labels), tokens(data.distant(), tokenizer), transfer,
                tokens(transfer, tokenizer));
    }

    private static List<List<String>> tokens(LabelledData data, TweetTokenizer tokenizer) {
        List<List<String>> tokens = new ArrayList<>(data.size());
        for (LabelledText example : data.examples()) {
            tokens.add(tokenizer.tokenize(example.text()));
        }
        return tokens;
    }

    /**
     * The vocabulary (words of the training and transfer texts, then words the vectors know) and
     * its embeddings, started from word vectors read or pre-trained on all the run's texts.
     */
    private Words buildVocabulary(Texts texts, Random random, TrainingProgress progress) {
        WordVectorSource vectorSource = new WordVectorSource(options, progress);
        VocabularyBuilder trainCounts = new VocabularyBuilder();
        texts.train().tokens().forEach(trainCounts::add);
        texts.transferTokens().forEach(trainCounts::add);
        List<List<String>> corpus = new ArrayList<>(texts.train().tokens());
        corpus.addAll(texts.transferTokens());
        corpus.addAll(texts.distant());
        corpus.addAll(vectorSource.pretrainCorpus(texts.tokenizer()));
        VocabularyBuilder corpusCounts = new VocabularyBuilder();
        corpus.forEach(corpusCounts::add);
        WordVectors vectors = vectorSource.vectors(corpus, corpusCounts);
        Vocabulary vocabulary = vocabulary(trainCounts, corpusCounts, vectors);
        int dim = vectors != null ? vectors.dimension() : options.embeddingDim();
        EmbeddingMatrix embedding = EmbeddingMatrix.build(vocabulary, vectors, dim, random);
        progress.line("vocabulary: %d tokens, %d start from pre-trained vectors", vocabulary.size(),
                embedding.covered());
        return new Words(vocabulary, embedding, vectorSource.describe(vectors));
    }

    private Vocabulary vocabulary(VocabularyBuilder trainCounts, VocabularyBuilder corpusCounts,
            WordVectors vectors) {
        int room = options.maxVocabulary() - 2;
        List<String> words = new ArrayList<>(trainCounts.frequentTokens(options.minCount(), room));
        if (vectors != null && words.size() < room) {
            // Words the labelled data lacks but the vectors know keep their pre-trained meaning at test time.
            java.util.Set<String> taken = new java.util.HashSet<>(words);
            for (String w : corpusCounts.frequentTokens(1, Integer.MAX_VALUE)) {
                if (words.size() >= room) {
                    break;
                }
                if (vectors.contains(w) && taken.add(w)) {
                    words.add(w);
                }
            }
        }
        return Vocabulary.of(words);
    }

    private CnnConfig networkShape(Texts texts, Words words) {
        return new CnnConfig(words.vocabulary().size(), words.embedding().dimension(), options.filterWidths(),
                options.filters(), options.dropout(), texts.labels().size(), options.maxTokens(), options.meanPooling(),
                options.ngramBuckets());
    }

    /** The manifest as far as it is known before training: what the model is, not how it did. */
    private ModelManifest draftManifest(Instant started, List<String> labels, CnnConfig network) {
        String version = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(started);
        return new ModelManifest(ModelManifest.FORMAT, ModelManifest.FORMAT_VERSION, options.name(), version,
                started.toString(), labels,
                new ModelManifest.TokenizerSpec(TweetTokenizer.VERSION, options.markNegation(), options.maxTokens()),
                network, null, null, null, null);
    }

    /**
     * The training texts' ids and targets: the hand labels, or with a teacher its soft targets on
     * them and on the transfer texts.
     */
    private TrainingSet trainingSet(SplitData data, Texts texts, Vocabulary vocabulary, TrainingProgress progress) {
        List<int[]> ids = ids(texts.train().tokens(), vocabulary);
        Targets targets = Targets.hard(texts.train().labels(), texts.labels().size());
        Map<String, Object> teacher = null;
        if (options.teacher() != null) {
            Distillation distillation = new Distillation(options.teacher(), progress);
            Distillation.Taught taught = distillation.targets(data.train(), texts.train().labels(), texts.transfer(),
                    texts.labels());
            targets = taught.targets();
            ids.addAll(ids(texts.transferTokens(), vocabulary));
            teacher = distillation.record(texts.transfer(), taught.agreement());
        }
        return new TrainingSet(ids, targets, targets.classWeights(options.classWeights()), teacher);
    }

    private Model newModel(CnnConfig network, EmbeddingMatrix embedding) {
        Model model = Model.newInstance(options.name());
        TextCnn net = new TextCnn(network);
        model.setBlock(net);
        net.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(options.batchSize(), network.maxTokens()));
        OwnedArrays.copyInto(net.embedding().getArray(), embedding.values(), model.getNDManager());
        if (options.staticEmbeddings()) {
            net.embedding().freeze(true);
        }
        return model;
    }

    /**
     * The main phase: fits the network with early stopping on the dev set's {@code avgRec} (three
     * labels) or accuracy. With a bag of n-grams each epoch is scored with the mix of CNN and bag
     * chosen on dev for it; the network's own mix is left as it is.
     */
    private Fitted fit(EpochFitter fitter, Model model, TrainingSet trainingSet, Texts texts, Vocabulary vocabulary,
            ModelManifest draft, Random random) {
        String metric = texts.labels().size() == 3 ? "avgRec" : "accuracy";
        List<int[]> devIds = ids(texts.dev().tokens(), vocabulary);
        ModelEvaluator devEvaluator = new ModelEvaluator(texts.labels(), devIds, texts.dev().labels());
        boolean hasBag = ((TextCnn) model.getBlock()).hasBag();
        List<EnsembleWeights.Choice> mixPerEpoch = new ArrayList<>();
        EpochFitter.Outcome outcome = fitter.fit("train", model, trainingSet.ids(), trainingSet.targets(),
                trainingSet.classWeights(), options.epochs(), options.patience(), random, m -> {
                    CnnPredictor predictor = new CnnPredictor(draft, vocabulary, m);
                    if (hasBag) {
                        EnsembleWeights.Choice choice = EnsembleWeights.choose(predictor, devIds, texts.dev().labels());
                        mixPerEpoch.add(choice);
                        predictor = predictor.withMix(choice.cnn(), choice.bag());
                    }
                    return devEvaluator.score(predictor, metric);
                });
        return new Fitted(outcome, metric, hasBag ? mixPerEpoch.get(outcome.bestEpoch() - 1) : null);
    }

    /** Sets the network's mix of CNN and bag, the one chosen for the best epoch; returns its record. */
    private static Map<String, Object> setMix(TextCnn net, EnsembleWeights.Choice mix, TrainingProgress progress) {
        net.setMix(mix.cnn(), mix.bag());
        progress.line("mix of CNN and bag in prediction, chosen on dev: %.2f x CNN + %.2f x bag "
                + "(dev log-loss %.4f; %.4f with equal weights)", mix.cnn(), mix.bag(), mix.logLoss(),
                mix.equalWeightsLogLoss());
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("cnn", mix.cnn());
        record.put("bag", mix.bag());
        record.put("devLogLoss", mix.logLoss());
        record.put("devLogLossEqualWeights", mix.equalWeightsLogLoss());
        return record;
    }

    /** Scores the finished model on one labelled set, prints the report under {@code heading} and returns its summary. */
    private Map<String, Object> evaluate(String heading, TokenizedSet set, String spec, List<String> labels,
            Vocabulary vocabulary, ModelManifest draft, Model model, TrainingProgress progress) {
        EvaluationReport report = new ModelEvaluator(labels, ids(set.tokens(), vocabulary), set.labels())
                .evaluate(new CnnPredictor(draft, vocabulary, model));
        progress.line("%s:%n%s", heading, report.describe());
        return ModelEvaluator.summary(report, spec);
    }

    private ModelManifest write(ModelManifest manifest, Vocabulary vocabulary, Model model, Path logFile,
            TrainingProgress progress) throws IOException {
        ModelManifest written = ModelArtifact.write(options.out(), manifest, vocabulary, model, List.of(logFile));
        progress.line("model written to %s", options.out());
        return written;
    }

    /** Distant supervision (as SwissCheese, SemEval-2016): learn features on noisy emoticon labels first. */
    private Map<String, Object> pretrainOnDistantLabels(EpochFitter fitter, LabelledData distant,
            List<List<String>> tokens, Words words, CnnConfig network, Model target, Random random) {
        List<String> distantLabels = distant.labels();
        CnnConfig distantNet = new CnnConfig(network.vocabularySize(), network.embeddingDim(), network.filterWidths(),
                network.filtersPerWidth(), network.dropout(), distantLabels.size(), network.maxTokens(),
                network.meanPooling(), network.ngramBuckets());
        int[] labels = new int[tokens.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = distantLabels.indexOf(distant.examples().get(i).label());
        }
        try (Model model = newModel(distantNet, words.embedding())) {
            EpochFitter.Outcome outcome = fitter.fit("distant", model, ids(tokens, words.vocabulary()),
                    Targets.hard(labels, distantLabels.size()),
                    classWeights(labels, distantLabels.size()), options.distantEpochs(), Integer.MAX_VALUE, random, null);
            EpochFitter.transferFeatures((TextCnn) model.getBlock(), (TextCnn) target.getBlock(), target.getNDManager());
            Map<String, Object> record = outcomeMap(outcome, null);
            record.put("examples", tokens.size());
            record.put("labels", distantLabels);
            return record;
        }
    }

    private float[] classWeights(int[] labels, int classes) {
        return WeightedCrossEntropy.classWeights(labels, classes, options.classWeights());
    }

    private List<int[]> ids(List<List<String>> tokens, Vocabulary vocabulary) {
        List<int[]> out = new ArrayList<>(tokens.size());
        for (List<String> t : tokens) {
            out.add(vocabulary.ids(t, 0, options.maxTokens()));
        }
        return out;
    }

    private static Map<String, Object> outcomeMap(EpochFitter.Outcome outcome, String metric) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epochsRun", outcome.epochsRun());
        m.put("bestEpoch", outcome.bestEpoch());
        if (metric != null) {
            m.put("selectedBy", "dev " + metric);
            m.put("bestDevScore", outcome.bestScore());
        }
        m.put("seconds", Math.round(outcome.seconds()));
        return m;
    }

    private Map<String, Object> trainingRecord(SplitData data, Words words, TrainingSet trainingSet,
            Map<String, Object> phases, Instant started) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("command", String.join(" ", command));
        t.put("options", options);
        t.put("data", data.record());
        t.put("classWeights", trainingSet.classWeights());
        // Map.of would list its keys in an order that changes from one JVM to the next
        Map<String, Object> vocabulary = new LinkedHashMap<>();
        vocabulary.put("size", words.vocabulary().size());
        vocabulary.put("pretrainedRows", words.embedding().covered());
        t.put("vocabulary", vocabulary);
        t.put("wordVectors", words.wordVectors());
        t.put("phases", phases);
        t.put("engine", Engine.getInstance().getEngineName() + " " + Engine.getInstance().getVersion());
        t.put("threads", Runtime.getRuntime().availableProcessors());
        t.put("seconds", Math.round((Instant.now().toEpochMilli() - started.toEpochMilli()) / 1000.0));
        if (trainingSet.teacher() != null) {
            t.put("teacher", trainingSet.teacher());
        }
        return t;
    }
}
