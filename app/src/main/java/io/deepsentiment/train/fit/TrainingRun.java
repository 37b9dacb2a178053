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
import io.deepsentiment.train.data.DatasetSpec;
import io.deepsentiment.train.data.LabelledText;
import io.deepsentiment.train.data.ReadSummary;
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

    /** The soft targets of a distilled run, and how often the teacher agreed with the hand labels. */
    private record Taught(Targets targets, double agreement) {}

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
            LabelledData transfer = loadTransfer(data, progress);
            List<List<String>> transferTokens = new ArrayList<>();
            for (var example : transfer.examples()) {
                transferTokens.add(tokenizer.tokenize(example.text()));
            }

            WordVectorSource vectorSource = new WordVectorSource(options, progress);
            VocabularyBuilder trainCounts = new VocabularyBuilder();
            train.tokens().forEach(trainCounts::add);
            transferTokens.forEach(trainCounts::add);
            List<List<String>> corpus = new ArrayList<>(train.tokens());
            corpus.addAll(transferTokens);
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
            Targets targets = Targets.hard(train.labels(), labels.size());
            Map<String, Object> teacherRecord = null;
            if (options.teacher() != null) {
                Taught taught = teacherTargets(data.train(), train.labels(), transfer, labels, progress);
                targets = taught.targets();
                trainIds.addAll(ids(transferTokens, vocabulary));
                teacherRecord = teacherRecord(transfer, taught.agreement());
            }
            List<int[]> devIds = ids(dev.tokens(), vocabulary);
            EpochFitter fitter = new EpochFitter(progress, options.batchSize(), options.learningRate(),
                    options.maxBatches());

            try (Model model = newModel(network, embedding)) {
                Map<String, Object> phases = new LinkedHashMap<>();
                if (!distantTokens.isEmpty()) {
                    phases.put("distant", pretrainOnDistantLabels(fitter, data.distant(), distantTokens, vocabulary,
                            network, embedding, model, random));
                }
                float[] weights = targets.classWeights(options.classWeights());
                String metric = labels.size() == 3 ? "avgRec" : "accuracy";
                ModelEvaluator devEvaluator = new ModelEvaluator(labels, devIds, dev.labels());
                TextCnn net = (TextCnn) model.getBlock();
                // With a bag of n-grams, each epoch is scored with the mix of CNN and bag chosen for it
                // on dev; the network's own mix is set once, to the best epoch's, after training.
                List<EnsembleWeights.Choice> mixPerEpoch = new ArrayList<>();
                EpochFitter.Outcome outcome = fitter.fit("train", model, trainIds, targets, weights,
                        options.epochs(), options.patience(), random, m -> {
                            CnnPredictor predictor = new CnnPredictor(draft, vocabulary, m);
                            if (net.hasBag()) {
                                EnsembleWeights.Choice choice = EnsembleWeights.choose(predictor, devIds, dev.labels());
                                mixPerEpoch.add(choice);
                                predictor = predictor.withMix(choice.cnn(), choice.bag());
                            }
                            return devEvaluator.score(predictor, metric);
                        });
                phases.put("main", outcomeMap(outcome, metric));
                if (net.hasBag()) {
                    EnsembleWeights.Choice mix = mixPerEpoch.get(outcome.bestEpoch() - 1);
                    net.setMix(mix.cnn(), mix.bag());
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
                if (teacherRecord != null) {
                    training.put("teacher", teacherRecord);
                }
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
            EpochFitter.Outcome outcome = fitter.fit("distant", model, ids(tokens, vocabulary),
                    Targets.hard(labels, distantLabels.size()),
                    classWeights(labels, distantLabels.size()), options.distantEpochs(), Integer.MAX_VALUE, random, null);
            EpochFitter.transferFeatures((TextCnn) model.getBlock(), (TextCnn) target.getBlock(), target.getNDManager());
            Map<String, Object> record = outcomeMap(outcome, null);
            record.put("examples", tokens.size());
            record.put("labels", distantLabels);
            return record;
        }
    }

    /** The texts the teacher labels besides the training set, with every held-out example removed. */
    private LabelledData loadTransfer(SplitData data, TrainingProgress progress) {
        if (options.teacher() == null || options.teacher().transfer().isEmpty()) {
            return new LabelledData(List.of(), List.of());
        }
        List<LabelledText> examples = new ArrayList<>();
        List<ReadSummary> summaries = new ArrayList<>();
        for (String spec : options.teacher().transfer()) {
            LabelledData d = DatasetSpec.load(spec);
            examples.addAll(d.examples());
            summaries.addAll(d.summaries());
        }
        LabelledData transfer = noLeak(new LabelledData(examples, summaries), data.dev(), data.test());
        progress.line("transfer (labelled by the teacher): %s", transfer.describe());
        return transfer;
    }

    /**
     * Soft targets: a hand-labelled example's is the teacher's probabilities and its label mixed
     * by {@code weight}; a transfer text's is the teacher's alone.
     */
    private Taught teacherTargets(LabelledData train, int[] trainLabels, LabelledData transfer, List<String> labels,
            TrainingProgress progress) {
        TeacherOptions teacher = options.teacher();
        List<String> texts = new ArrayList<>(train.size() + transfer.size());
        train.examples().forEach(e -> texts.add(e.text()));
        transfer.examples().forEach(e -> texts.add(e.text()));
        float[][] scores;
        try (SentimentPredictor model = SentimentPredictor.load(teacher.model())) {
            progress.line("teacher: %s %s from %s", model.manifest().name(), model.manifest().version(), teacher.model());
            scores = TeacherScores.score(model, texts, labels, teacher.cacheDir(), progress);
        }
        float[][] distributions = new float[texts.size()][];
        int agree = 0;
        for (int i = 0; i < texts.size(); i++) {
            float[] p = scores[i].clone();
            if (i < trainLabels.length) {
                if (ModelEvaluator.argmax(p) == trainLabels[i]) {
                    agree++;
                }
                for (int c = 0; c < p.length; c++) {
                    p[c] = teacher.weight() * p[c] + (1 - teacher.weight()) * (c == trainLabels[i] ? 1f : 0f);
                }
            }
            distributions[i] = p;
        }
        progress.line("teacher agrees with %d of %d training labels (%.1f%%); %d more texts labelled by it alone",
                agree, trainLabels.length, 100.0 * agree / Math.max(1, trainLabels.length), transfer.size());
        return new Taught(Targets.soft(distributions, labels.size()),
                trainLabels.length == 0 ? 0 : (double) agree / trainLabels.length);
    }

    private Map<String, Object> teacherRecord(LabelledData transfer, double agreement) {
        ModelManifest teacher = ModelArtifact.readManifest(options.teacher().model());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", teacher.name());
        m.put("version", teacher.version());
        m.put("weight", options.teacher().weight());
        m.put("agreementWithTrainingLabels", Math.round(agreement * 10_000) / 10_000.0);
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("specs", options.teacher().transfer());
        t.put("examples", transfer.size());
        t.put("sha256", DataSplits.fingerprint(transfer));
        m.put("transfer", t);
        return m;
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
