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
import io.deepsentiment.model.predict.SentimentPredictor;
import io.deepsentiment.model.text.TweetTokenizer;
import io.deepsentiment.model.vocab.Vocabulary;
import io.deepsentiment.model.vocab.VocabularyBuilder;
import io.deepsentiment.train.data.DataException;
import io.deepsentiment.train.data.DataSplits;
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
 * embeddings from word vectors, optionally pre-train on distantly labelled tweets, train with
 * early stopping on the development set, write the artifact, and evaluate it on the test set.
 */
public final class TrainingRun {

    private final TrainingOptions options;
    private final PrintStream console;
    private final List<String> command;

    /** @param command the command line that started the run, recorded in the artifact */
    public TrainingRun(TrainingOptions options, PrintStream console, List<String> command) {
        this.options = options;
        this.console = console;
        this.command = List.copyOf(command);
    }

    /** Trains, writes the artifact and returns its manifest (with dev and, if given, test metrics). */
    public ModelManifest run() throws IOException {
        Instant started = Instant.now();
        String version = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(started);
        Path logDir = Files.createTempDirectory("deepsentiment-train-");
        Path logFile = logDir.resolve("training.log");
        try (TrainingProgress progress = new TrainingProgress(console, logFile)) {
            Engine.getInstance().setRandomSeed((int) options.seed());
            Random random = new Random(options.seed());
            progress.line("training %s (seed %d) -> %s", options.name(), options.seed(), options.out());

            SplitData data = SplitData.load(options, random, progress);
            List<String> labels = data.train().labels();
            TweetTokenizer tokenizer = new TweetTokenizer(options.markNegation());
            TokenizedSet train = TokenizedSet.of(data.train(), tokenizer, labels);
            TokenizedSet dev = TokenizedSet.of(data.dev(), tokenizer, labels);
            List<List<String>> distantTokens = new ArrayList<>();
            for (var example : data.distant().examples()) {
                distantTokens.add(tokenizer.tokenize(example.text()));
            }

            WordVectorSource vectorSource = new WordVectorSource(options, progress);
            VocabularyBuilder trainCounts = new VocabularyBuilder();
            train.tokens().forEach(trainCounts::add);
            List<List<String>> corpus = new ArrayList<>(train.tokens());
            corpus.addAll(distantTokens);
            corpus.addAll(vectorSource.pretrainCorpus(tokenizer));
            VocabularyBuilder corpusCounts = new VocabularyBuilder();
            corpus.forEach(corpusCounts::add);
            WordVectors vectors = vectorSource.vectors(corpus, corpusCounts);
            Vocabulary vocabulary = buildVocabulary(trainCounts, corpusCounts, vectors);
            int dim = vectors != null ? vectors.dimension() : options.embeddingDim();
            EmbeddingMatrix embedding = EmbeddingMatrix.build(vocabulary, vectors, dim, random);
            progress.line("vocabulary: %d tokens, %d start from pre-trained vectors", vocabulary.size(),
                    embedding.covered());

            CnnConfig network = new CnnConfig(vocabulary.size(), dim, options.filterWidths(), options.filters(),
                    options.dropout(), labels.size(), options.maxTokens(), options.meanPooling(), options.ngramBuckets());
            ModelManifest draft = new ModelManifest(ModelManifest.FORMAT, ModelManifest.FORMAT_VERSION,
                    options.name(), version, started.toString(), labels,
                    new ModelManifest.TokenizerSpec(TweetTokenizer.VERSION, options.markNegation(), options.maxTokens()),
                    network, null, null, null, null);
            List<int[]> trainIds = ids(train.tokens(), vocabulary);
            List<int[]> devIds = ids(dev.tokens(), vocabulary);
            EpochFitter fitter = new EpochFitter(progress, options.batchSize(), options.learningRate(),
                    options.maxBatches());

            try (Model model = newModel(network, embedding)) {
                Map<String, Object> phases = new LinkedHashMap<>();
                if (!distantTokens.isEmpty()) {
                    phases.put("distant", pretrainOnDistantLabels(fitter, data.distant(), distantTokens, vocabulary,
                            network, embedding, model, random));
                }
                float[] weights = classWeights(train.labels(), labels.size());
                String metric = labels.size() == 3 ? "avgRec" : "accuracy";
                ModelEvaluator devEvaluator = new ModelEvaluator(labels, devIds, dev.labels());
                TextCnn net = (TextCnn) model.getBlock();
                // With a bag of n-grams, each epoch is scored with the mix of CNN and bag chosen for it;
                // the best epoch's weights, mix included, are restored after training.
                List<EnsembleWeights.Choice> mixPerEpoch = new ArrayList<>();
                EpochFitter.Outcome outcome = fitter.fit("train", model, trainIds, train.labels(), weights,
                        options.epochs(), options.patience(), random, m -> {
                            SentimentPredictor predictor = new CnnPredictor(draft, vocabulary, m);
                            if (net.mix() != null) {
                                mixPerEpoch.add(EnsembleWeights.choose(net, predictor, devIds, dev.labels()));
                            }
                            return devEvaluator.score(predictor, metric);
                        });
                phases.put("main", outcomeMap(outcome, metric));
                if (net.mix() != null) {
                    EnsembleWeights.Choice mix = mixPerEpoch.get(outcome.bestEpoch() - 1);
                    progress.line("mix of CNN and bag in prediction, chosen on dev: %.2f x CNN + %.2f x bag "
                            + "(dev log-loss %.4f; %.4f with equal weights)", mix.cnn(), mix.bag(), mix.logLoss(),
                            mix.equalWeightsLogLoss());
                    Map<String, Object> record = new LinkedHashMap<>();
                    record.put("cnn", mix.cnn());
                    record.put("bag", mix.bag());
                    record.put("devLogLoss", mix.logLoss());
                    record.put("devLogLossEqualWeights", mix.equalWeightsLogLoss());
                    phases.put("mix", record);
                }
                EvaluationReport devReport = devEvaluator.evaluate(new CnnPredictor(draft, vocabulary, model));
                progress.line("dev (best epoch %d):%n%s", outcome.bestEpoch(), devReport.describe());

                Map<String, Object> metrics = new LinkedHashMap<>();
                metrics.put("dev", ModelEvaluator.summary(devReport, data.devSpec()));
                Map<String, Object> training = trainingRecord(data, vocabulary, vectorSource.describe(vectors), embedding,
                        weights, phases, started);
                ModelManifest manifest = new ModelManifest(draft.format(), draft.formatVersion(), draft.name(),
                        draft.version(), draft.createdAt(), labels, draft.tokenizer(), network, null, training, metrics, null);

                if (!data.test().examples().isEmpty()) {
                    TokenizedSet test = TokenizedSet.of(data.test(), tokenizer, labels);
                    EvaluationReport testReport = new ModelEvaluator(labels, ids(test.tokens(), vocabulary), test.labels())
                            .evaluate(new CnnPredictor(draft, vocabulary, model));
                    progress.line("test (evaluated once, after training):%n%s", testReport.describe());
                    metrics.put("test", ModelEvaluator.summary(testReport, data.testSpec()));
                }
                progress.line("finished in %s",
                        TrainingProgress.clock(Duration.between(started, Instant.now()).toSeconds()));
                ModelManifest written = ModelArtifact.write(options.out(), manifest, vocabulary, model,
                        List.of(logFile));
                progress.line("model written to %s", options.out());
                return written;
            }
        } finally {
            Files.deleteIfExists(logFile);
            Files.deleteIfExists(logDir);
        }
    }

    private Vocabulary buildVocabulary(VocabularyBuilder trainCounts, VocabularyBuilder corpusCounts,
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

    private Model newModel(CnnConfig network, EmbeddingMatrix embedding) {
        Model model = Model.newInstance(options.name());
        TextCnn net = new TextCnn(network);
        model.setBlock(net);
        net.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(options.batchSize(), network.maxTokens()));
        OwnedArrays.copyInto(net.embedding().getArray(), embedding.values(), model.getNDManager());
        if (options.staticEmbeddings()) {
            net.embedding().freeze(true);
        }
        if (net.mix() != null) {
            net.mix().freeze(true);
        }
        return model;
    }

    /** Distant supervision (as SwissCheese, SemEval-2016): learn features on noisy emoticon labels first. */
    private Map<String, Object> pretrainOnDistantLabels(EpochFitter fitter, LabelledData distant,
            List<List<String>> tokens, Vocabulary vocabulary, CnnConfig network, EmbeddingMatrix embedding,
            Model target, Random random) {
        List<String> distantLabels = distant.labels();
        CnnConfig distantNet = new CnnConfig(network.vocabularySize(), network.embeddingDim(), network.filterWidths(),
                network.filtersPerWidth(), network.dropout(), distantLabels.size(), network.maxTokens(),
                network.meanPooling(), network.ngramBuckets());
        int[] labels = new int[tokens.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = distantLabels.indexOf(distant.examples().get(i).label());
        }
        try (Model model = newModel(distantNet, embedding)) {
            EpochFitter.Outcome outcome = fitter.fit("distant", model, ids(tokens, vocabulary), labels,
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

    private Map<String, Object> trainingRecord(SplitData data, Vocabulary vocabulary, Map<String, Object> wordVectors,
            EmbeddingMatrix embedding, float[] weights, Map<String, Object> phases, Instant started) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("command", String.join(" ", command));
        t.put("options", options);
        t.put("data", data.record());
        t.put("classWeights", weights);
        t.put("vocabulary", Map.of("size", vocabulary.size(), "pretrainedRows", embedding.covered()));
        t.put("wordVectors", wordVectors);
        t.put("phases", phases);
        t.put("engine", Engine.getInstance().getEngineName() + " " + Engine.getInstance().getVersion());
        t.put("threads", Runtime.getRuntime().availableProcessors());
        t.put("seconds", Math.round((Instant.now().toEpochMilli() - started.toEpochMilli()) / 1000.0));
        return t;
    }

    static void checkLabels(String what, LabelledData data, List<String> labels) {
        for (String l : data.labels()) {
            if (!labels.contains(l)) {
                throw new DataException(what + " has label '" + l + "' that the training data lacks " + labels);
            }
        }
    }

    static LabelledData noLeak(LabelledData train, LabelledData... heldOut) {
        LabelledData clean = DataSplits.removeOverlap(train, heldOut);
        DataSplits.checkNoLeak(clean, heldOut);
        return clean;
    }
}
