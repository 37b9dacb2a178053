package io.deepsentiment.train.finetune;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.deepsentiment.model.artifact.ModelArtifact;
import io.deepsentiment.model.artifact.ModelManifest;
import io.deepsentiment.model.artifact.NamedTensor;
import io.deepsentiment.model.encoder.BaseEncoder;
import io.deepsentiment.model.encoder.EncoderClassifier;
import io.deepsentiment.model.artifact.EncoderConfig;
import io.deepsentiment.model.encoder.EncoderModels;
import io.deepsentiment.model.encoder.EncoderTokenizer;
import io.deepsentiment.model.encoder.EncoderWeights;
import io.deepsentiment.model.encoder.OnnxGraphFile;
import io.deepsentiment.model.net.OwnedArrays;
import io.deepsentiment.model.predict.SentimentPredictor;
import io.deepsentiment.train.data.DataException;
import io.deepsentiment.train.data.LabelledData;
import io.deepsentiment.train.data.LabelledText;
import io.deepsentiment.train.evaluate.Evaluation;
import io.deepsentiment.train.evaluate.EvaluationReport;
import io.deepsentiment.train.evaluate.ModelEvaluator;
import io.deepsentiment.train.fit.BatchPlan;
import io.deepsentiment.train.fit.SplitData;
import io.deepsentiment.train.fit.TrainingProgress;
import io.deepsentiment.train.fit.WeightedCrossEntropy;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Fine-tunes a pretrained encoder into a sentiment classifier ({@code train --encoder}), in two
 * phases: the head alone on the frozen encoder's pooled output, then the top
 * {@code --train-layers} layers and the head together (linear probing then fine-tuning, which
 * Kumar et al. 2022 found to distort pretrained features less, and to generalise better to other
 * data, than fine-tuning from a random head). AdamW, linear warm-up and decay, class-balanced
 * cross-entropy, early stopping on the development set, fixed seeds.
 *
 * <p>The run lives in {@code --run-dir} and checkpoints there often; the same command continues a
 * stopped run from its last checkpoint and ends with the same weights as a run never stopped.
 */
public final class FineTuneRun {

    private static final int SCORING_BATCH = 64;
    private static final float MAX_GRAD_NORM = 1f;
    public static final String WEIGHTS = "encoder-weights.bin";

    private final FineTuneOptions options;
    private final PrintStream console;
    private final List<String> command;
    private List<String> labels = List.of();

    public FineTuneRun(FineTuneOptions options, PrintStream console, List<String> command) {
        this.options = options;
        this.console = console;
        this.command = List.copyOf(command);
    }

    /** Trains (or continues), writes the artifact and returns its manifest; null when stopped by {@code stopAfter}. */
    public ModelManifest run() throws IOException {
        Instant started = Instant.now();
        Files.createDirectories(options.runDir());
        FineTuneCheckpoint checkpoint = new FineTuneCheckpoint(options.runDir());
        boolean resuming = checkpoint.exists();
        Path logFile = options.runDir().resolve("training.log");
        try (TrainingProgress progress = new TrainingProgress(console, logFile, resuming)) {
            BaseEncoder base = BaseEncoder.named(options.encoder());
            progress.line("fine-tuning %s from %s (top %d layers, seed %d) in %s -> %s", options.name(), base.name(),
                    options.trainLayers(), options.seed(), options.runDir(), options.out());
            SplitData data = SplitData.load(options.train(), options.dev(), options.devFraction(), options.test(),
                    List.of(), options.seed(), new Random(options.seed()), progress);
            labels = data.train().labels();
            String fingerprint = fingerprint(data);
            FineTuneCheckpoint.State state = null;
            if (resuming) {
                state = checkpoint.readState();
                if (!state.fingerprint().equals(fingerprint)) {
                    throw new DataException(options.runDir() + " holds a checkpoint of another run (other options or"
                            + " data: fingerprint " + state.fingerprint() + ", this run's " + fingerprint + "); delete "
                            + checkpoint.dir() + " to start afresh, or give another --run-dir");
                }
                progress.line("resuming from the checkpoint at step %d (best dev score %.4f at step %d)",
                        state.step(), state.bestScore(), state.bestStep());
            }
            EncoderConfig config = EncoderConfig.small(labels.size()).withDropout(options.dropout());
            if (options.trainLayers() < 0 || options.trainLayers() > config.layers()) {
                throw new DataException("--train-layers must be 0.." + config.layers());
            }
            byte[] onnx = base.onnxBytes(base.sha256());
            EncoderWeights baseWeights = EncoderWeights.of(OnnxGraphFile.parse(onnx));
            try (EncoderTokenizer tokenizer = new EncoderTokenizer(base.tokenizerBytes(), base.prefix(),
                    options.maxPieces())) {
                Sets sets = new Sets(labels, tokenizer, data);
                Engine.getInstance().setRandomSeed((int) options.seed());
                try (Model model = EncoderModels.create(options.name(), config)) {
                    return train(model, baseWeights, sets, data, base, config, checkpoint, state, fingerprint,
                            progress, logFile, started);
                }
            }
        }
    }

    /** The word-piece ids and gold label indices of the train, dev and test sets. */
    private record Sets(List<int[]> trainIds, int[] trainGold, List<int[]> devIds, int[] devGold,
            List<int[]> testIds, int[] testGold) {

        Sets(List<String> labels, EncoderTokenizer tokenizer, SplitData data) {
            this(ids(tokenizer, data.train()), gold(labels, data.train()), ids(tokenizer, data.dev()),
                    gold(labels, data.dev()), ids(tokenizer, data.test()), gold(labels, data.test()));
        }

        static List<int[]> ids(EncoderTokenizer tokenizer, LabelledData set) {
            List<int[]> out = new ArrayList<>(set.size());
            for (LabelledText e : set.examples()) {
                out.add(tokenizer.ids(e.text()));
            }
            return out;
        }

        static int[] gold(List<String> labels, LabelledData set) {
            int[] out = new int[set.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = labels.indexOf(set.examples().get(i).label());
            }
            return out;
        }
    }

    private ModelManifest train(Model model, EncoderWeights baseWeights, Sets sets, SplitData data, BaseEncoder base,
            EncoderConfig config, FineTuneCheckpoint checkpoint, FineTuneCheckpoint.State resumed, String fingerprint,
            TrainingProgress progress, Path logFile, Instant started) throws IOException {
        EncoderClassifier net = (EncoderClassifier) model.getBlock();
        NDManager manager = model.getNDManager();
        EncoderModels.copy(net, baseWeights.all(), manager);
        Map<String, Parameter> all = net.namedParameters();
        for (String head : List.of(EncoderClassifier.HEAD_WEIGHT, EncoderClassifier.HEAD_BIAS)) {
            NDArray a = all.get(head).getArray();
            OwnedArrays.copyInto(a, new float[Math.toIntExact(a.size())], manager);
        }
        all.values().forEach(p -> p.freeze(true));
        int split = config.layers() - options.trainLayers();
        Map<String, Parameter> trained = trainedParameters(all, split);
        Map<String, Parameter> headParameters = new LinkedHashMap<>();
        headParameters.put(EncoderClassifier.HEAD_WEIGHT, all.get(EncoderClassifier.HEAD_WEIGHT));
        headParameters.put(EncoderClassifier.HEAD_BIAS, all.get(EncoderClassifier.HEAD_BIAS));
        float[] classWeights = WeightedCrossEntropy.classWeights(sets.trainGold(), config.classes(),
                options.classWeights());

        long cacheStart = System.nanoTime();
        HiddenStates train = states(net, manager, sets.trainIds(), split, "train", progress);
        HiddenStates dev = states(net, manager, sets.devIds(), split, "dev", progress);
        double cacheSeconds = (System.nanoTime() - cacheStart) / 1e9;
        progress.line("states of the %d frozen layers computed in %.0f s", split, cacheSeconds);

        double secondsBefore = resumed == null ? 0 : resumed.seconds();
        long invocationStart = System.nanoTime();
        FineTuneCheckpoint.State state = resumed;
        Map<String, NamedTensor> saved = resumed == null ? Map.of() : checkpoint.readTensors();
        if (state == null || !state.headDone()) {
            Map<String, Object> headPhase = fitHead(net, manager, headParameters, train, dev, sets, split, classWeights,
                    progress);
            double score = ((Number) headPhase.get("bestDevScore")).doubleValue();
            state = new FineTuneCheckpoint.State(fingerprint, true, 0, score, 0, 0, false, List.of(), headPhase,
                    secondsBefore + (System.nanoTime() - invocationStart) / 1e9);
            Map<String, float[]> best = snapshot(trained);
            AdamW fresh = new AdamW(trained, manager, options.weightDecay(), MAX_GRAD_NORM);
            checkpoint.write(state, checkpointTensors(trained, best, fresh));
            saved = checkpoint.readTensors();
        }
        restore(trained, saved, "now:", manager);
        Map<String, float[]> best = new LinkedHashMap<>();
        for (String name : trained.keySet()) {
            best.put(name, saved.get("best:" + name).values());
        }
        AdamW adam = new AdamW(trained, manager, options.weightDecay(), MAX_GRAD_NORM);
        adam.restore(saved, state.step(), manager);

        int stepsPerEpoch = (sets.trainIds().size() + options.batchSize() - 1) / options.batchSize();
        if (options.maxBatches() > 0) {
            stepsPerEpoch = Math.min(stepsPerEpoch, options.maxBatches());
        }
        long total = (long) stepsPerEpoch * options.epochs();
        long warmupSteps = Math.round(total * (double) options.warmup());
        int scoreEvery = Math.max(1, stepsPerEpoch / Math.max(1, options.evalsPerEpoch()));
        List<Map<String, Object>> history = new ArrayList<>(state.history());
        double bestScore = state.bestScore();
        long bestStep = state.bestStep();
        int withoutImprovement = state.scoringsWithoutImprovement();
        boolean stopped = state.stopped();
        long step = state.step();
        long invocationSteps = 0;
        trained.values().forEach(p -> p.freeze(false));
        List<int[]> plan = null;
        int planEpoch = -1;
        double lossSum = 0;
        int lossCount = 0;
        progress.startEpoch();
        while (!stopped && step < total) {
            int epoch = (int) (step / stepsPerEpoch);
            int inEpoch = (int) (step % stepsPerEpoch);
            if (epoch != planEpoch) {
                plan = BatchPlan.epoch(sets.trainIds(), options.batchSize(), new Random(options.seed() * 31 + epoch));
                planEpoch = epoch;
            }
            step++;
            float lr = learningRate(step, total, warmupSteps);
            // Dropout draws from PyTorch's generator: seeding it per step makes a resumed run draw
            // what the uninterrupted one would have.
            Engine.getInstance().setRandomSeed((int) (options.seed() * 1_000_003L + step));
            float loss = trainStep(net, manager, adam, train, plan.get(inEpoch), sets.trainGold(), classWeights, split, lr);
            lossSum += loss;
            lossCount++;
            invocationSteps++;
            progress.batch("fine-tune", epoch + 1, options.epochs(), inEpoch + 1, stepsPerEpoch, lossSum / lossCount);
            boolean scoring = step % scoreEvery == 0 || step == total;
            if (scoring) {
                double score = score(net, manager, dev, sets.devGold(), split, config.classes()).avgRec();
                boolean improved = score > bestScore;
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("step", step);
                entry.put("epoch", Math.round(step * 100.0 / stepsPerEpoch) / 100.0);
                entry.put("trainLoss", Math.round(lossSum / lossCount * 10_000) / 10_000.0);
                entry.put("devAvgRec", Math.round(score * 10_000) / 10_000.0);
                history.add(entry);
                progress.line("step %d (epoch %.2f): train loss %.4f, dev AvgRec %.4f%s", step,
                        step / (double) stepsPerEpoch, lossSum / lossCount, score, improved ? " (best so far)" : "");
                lossSum = 0;
                lossCount = 0;
                if (improved) {
                    bestScore = score;
                    bestStep = step;
                    withoutImprovement = 0;
                    best = snapshot(trained);
                } else if (++withoutImprovement >= options.patience()) {
                    progress.line("no improvement in %d scorings, stopping early", options.patience());
                    stopped = true;
                }
            }
            boolean stopNow = options.stopAfter() > 0 && invocationSteps >= options.stopAfter();
            if (scoring || step % options.checkpointSteps() == 0 || stopNow || stopped || step == total) {
                state = new FineTuneCheckpoint.State(fingerprint, true, step, bestScore, bestStep, withoutImprovement,
                        stopped, history, state.headPhase(), secondsBefore + (System.nanoTime() - invocationStart) / 1e9);
                checkpoint.write(state, checkpointTensors(trained, best, adam));
            }
            if (stopNow && step < total && !stopped) {
                progress.line("stopped after %d steps as asked (--stop-after); the same command continues", invocationSteps);
                return null;
            }
        }
        trained.values().forEach(p -> p.freeze(true));
        restoreValues(trained, best, manager);
        progress.line("fine-tuning done: best dev AvgRec %.4f at step %d of %d", bestScore, bestStep, total);

        EvaluationReport devReport = score(net, manager, dev, sets.devGold(), split, config.classes());
        progress.line("dev (best step %d):%n%s", bestStep, devReport.describe());
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("dev", ModelEvaluator.summary(devReport, data.devSpec()));
        if (!sets.testIds().isEmpty()) {
            HiddenStates test = states(net, manager, sets.testIds(), split, "test", progress);
            EvaluationReport testReport = score(net, manager, test, sets.testGold(), split, config.classes());
            progress.line("test (evaluated once, after training):%n%s", testReport.describe());
            metrics.put("test", ModelEvaluator.summary(testReport, data.testSpec()));
        }

        Map<String, Object> finetune = new LinkedHashMap<>();
        finetune.put("stepsRun", step);
        finetune.put("stepsPlanned", total);
        finetune.put("stepsPerEpoch", stepsPerEpoch);
        finetune.put("bestStep", bestStep);
        finetune.put("selectedBy", "dev avgRec");
        finetune.put("bestDevScore", bestScore);
        finetune.put("stoppedEarly", stopped);
        finetune.put("history", history);
        Map<String, Object> phases = new LinkedHashMap<>();
        phases.put("head", state.headPhase());
        phases.put("finetune", finetune);
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("command", String.join(" ", command));
        training.put("options", options);
        training.put("data", data.record());
        training.put("classWeights", classWeights);
        training.put("phases", phases);
        training.put("frozenStatesSeconds", Math.round(cacheSeconds));
        training.put("engine", Engine.getInstance().getEngineName() + " " + Engine.getInstance().getVersion());
        training.put("threads", Runtime.getRuntime().availableProcessors());
        training.put("seconds", Math.round(secondsBefore + (System.nanoTime() - invocationStart) / 1e9));

        String version = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(started);
        ModelManifest.EncoderSpec encoder = new ModelManifest.EncoderSpec(base.name(), base.maven(),
                base.onnxResource(), base.sha256(), base.tokenizerResource(), base.tokenizerSha256(), base.prefix(),
                EncoderTokenizer.VERSION, options.maxPieces(), config, options.trainLayers(), WEIGHTS);
        ModelManifest manifest = new ModelManifest(ModelManifest.FORMAT, ModelManifest.FORMAT_VERSION, options.name(),
                version, started.toString(), data.train().labels(), null, null, encoder, training, metrics, null);
        List<NamedTensor> changed = new ArrayList<>();
        for (Map.Entry<String, Parameter> p : trained.entrySet()) {
            NDArray a = p.getValue().getArray();
            changed.add(new NamedTensor(p.getKey(), a.getShape().getShape(), a.toFloatArray()));
        }
        ModelManifest written = ModelArtifact.writeEncoder(options.out(), manifest, changed, List.of(logFile));
        // The model as stored (int8 matrices) and as served (ONNX Runtime) is what users get: its
        // dev score is the one recorded, beside the score of the float32 weights training ended with.
        try (SentimentPredictor served = SentimentPredictor.load(options.out())) {
            EvaluationReport servedDev = ModelEvaluator.of(served, data.dev().examples()).evaluate(served);
            progress.line("dev, the stored model in ONNX Runtime:%n%s", servedDev.describe());
            Map<String, Object> recorded = new LinkedHashMap<>(written.metrics());
            recorded.put("devBeforeQuantization", recorded.get("dev"));
            recorded.put("dev", ModelEvaluator.summary(servedDev, data.devSpec()));
            written = written.withMetrics(recorded);
            ModelArtifact.writeManifest(options.out(), written);
        }
        progress.line("model written to %s", options.out());
        return written;
    }

    /** The top layers' parameters and the head's, by Hugging Face name. */
    static Map<String, Parameter> trainedParameters(Map<String, Parameter> all, int firstTrainedLayer) {
        Map<String, Parameter> out = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> p : all.entrySet()) {
            String name = p.getKey();
            boolean head = name.equals(EncoderClassifier.HEAD_WEIGHT) || name.equals(EncoderClassifier.HEAD_BIAS);
            if (head || layerOf(name) >= firstTrainedLayer) {
                out.put(name, p.getValue());
            }
        }
        return out;
    }

    private static int layerOf(String name) {
        String prefix = "encoder.layer.";
        if (!name.startsWith(prefix)) {
            return -1;
        }
        return Integer.parseInt(name.substring(prefix.length(), name.indexOf('.', prefix.length())));
    }

    private HiddenStates states(EncoderClassifier net, NDManager manager, List<int[]> ids, int split, String set,
            TrainingProgress progress) {
        progress.startEpoch();
        int batches = (ids.size() + 63) / 64;
        return HiddenStates.compute(net, manager, ids, split,
                done -> progress.batch("frozen layers, " + set, 1, 1, (done + 63) / 64, batches, 0));
    }

    /** The head alone, on the mean-pooled output of the frozen encoder; the best epoch on dev is kept. */
    private Map<String, Object> fitHead(EncoderClassifier net, NDManager manager, Map<String, Parameter> head,
            HiddenStates train, HiddenStates dev, Sets sets, int split, float[] classWeights, TrainingProgress progress) {
        long start = System.nanoTime();
        float[][] trainPooled = pooled(net, manager, train, split);
        float[][] devPooled = pooled(net, manager, dev, split);
        int hidden = net.config().hidden();
        head.values().forEach(p -> p.freeze(false));
        AdamW adam = new AdamW(head, manager, 0f, Float.MAX_VALUE);
        Random random = new Random(options.seed());
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < trainPooled.length; i++) {
            order.add(i);
        }
        double best = Double.NEGATIVE_INFINITY;
        int bestEpoch = 0;
        Map<String, float[]> bestWeights = snapshot(head);
        List<Double> scores = new ArrayList<>();
        for (int epoch = 1; epoch <= options.headEpochs(); epoch++) {
            Collections.shuffle(order, random);
            for (int b = 0; b < order.size(); b += options.batchSize()) {
                List<Integer> rows = order.subList(b, Math.min(order.size(), b + options.batchSize()));
                try (NDManager m = manager.newSubManager()) {
                    float[] x = new float[rows.size() * hidden];
                    long[] gold = new long[rows.size()];
                    for (int r = 0; r < rows.size(); r++) {
                        System.arraycopy(trainPooled[rows.get(r)], 0, x, r * hidden, hidden);
                        gold[r] = sets.trainGold()[rows.get(r)];
                    }
                    NDArray input = OwnedArrays.of(m, x, new Shape(rows.size(), hidden));
                    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                        collector.zeroGradients();
                        NDArray logits = net.classify(new ParameterStore(m, false), input, false);
                        collector.backward(loss(logits, OwnedArrays.of(m, gold, new Shape(gold.length)), classWeights));
                    }
                    adam.step(options.headLearningRate());
                }
            }
            float[] w = head.get(EncoderClassifier.HEAD_WEIGHT).getArray().toFloatArray();
            float[] bias = head.get(EncoderClassifier.HEAD_BIAS).getArray().toFloatArray();
            int[] predicted = new int[devPooled.length];
            for (int i = 0; i < devPooled.length; i++) {
                predicted[i] = ModelEvaluator.argmax(headLogits(w, bias, devPooled[i]));
            }
            double score = Evaluation.of(labels, sets.devGold(), predicted).avgRec();
            scores.add(Math.round(score * 10_000) / 10_000.0);
            boolean improved = score > best;
            progress.line("head epoch %d/%d: dev AvgRec %.4f%s", epoch, options.headEpochs(), score,
                    improved ? " (best so far)" : "");
            if (improved) {
                best = score;
                bestEpoch = epoch;
                bestWeights = snapshot(head);
            }
        }
        head.values().forEach(p -> p.freeze(true));
        restoreValues(head, bestWeights, manager);
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("epochsRun", options.headEpochs());
        record.put("bestEpoch", bestEpoch);
        record.put("selectedBy", "dev avgRec");
        record.put("bestDevScore", best);
        record.put("devAvgRecPerEpoch", scores);
        record.put("seconds", Math.round((System.nanoTime() - start) / 1e9));
        return record;
    }

    private static float[] headLogits(float[] w, float[] bias, float[] x) {
        float[] out = bias.clone();
        for (int c = 0; c < out.length; c++) {
            for (int j = 0; j < x.length; j++) {
                out[c] += w[c * x.length + j] * x[j];
            }
        }
        return out;
    }

    private static float[][] pooled(EncoderClassifier net, NDManager manager, HiddenStates states, int split) {
        int hidden = net.config().hidden();
        float[][] out = new float[states.size()][];
        for (int start = 0; start < states.size(); start += SCORING_BATCH) {
            int[] rows = range(start, Math.min(states.size(), start + SCORING_BATCH));
            try (NDManager m = manager.newSubManager()) {
                NDList batch = states.batch(m, rows);
                ParameterStore store = new ParameterStore(m, false);
                NDArray h = net.layers(store, batch.get(0), EncoderClassifier.additiveMask(batch.get(1)), split,
                        net.config().layers(), false);
                float[] all = EncoderClassifier.meanPool(h, batch.get(1)).toFloatArray();
                for (int r = 0; r < rows.length; r++) {
                    out[rows[r]] = Arrays.copyOfRange(all, r * hidden, (r + 1) * hidden);
                }
            }
        }
        return out;
    }

    private float trainStep(EncoderClassifier net, NDManager manager, AdamW adam, HiddenStates train, int[] rows,
            int[] gold, float[] classWeights, int split, float lr) {
        try (NDManager m = manager.newSubManager()) {
            NDList batch = train.batch(m, rows);
            long[] target = new long[rows.length];
            for (int i = 0; i < rows.length; i++) {
                target[i] = gold[rows[i]];
            }
            float value;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                collector.zeroGradients();
                ParameterStore store = new ParameterStore(m, false);
                NDArray h = net.layers(store, batch.get(0), EncoderClassifier.additiveMask(batch.get(1)), split,
                        net.config().layers(), true);
                NDArray logits = net.head(store, h, batch.get(1), true);
                NDArray loss = loss(logits, OwnedArrays.of(m, target, new Shape(target.length)), classWeights);
                collector.backward(loss);
                value = loss.getFloat();
            }
            adam.step(lr);
            return value;
        }
    }

    /** Class-weighted softmax cross-entropy, the mean over the batch. */
    private static NDArray loss(NDArray logits, NDArray gold, float[] classWeights) {
        return new WeightedCrossEntropy(classWeights).evaluate(new NDList(gold), new NDList(logits));
    }

    private EvaluationReport score(EncoderClassifier net, NDManager manager, HiddenStates states, int[] gold,
            int split, int classes) {
        int[] predicted = new int[states.size()];
        for (int start = 0; start < states.size(); start += SCORING_BATCH) {
            int[] rows = range(start, Math.min(states.size(), start + SCORING_BATCH));
            try (NDManager m = manager.newSubManager()) {
                NDList batch = states.batch(m, rows);
                ParameterStore store = new ParameterStore(m, false);
                NDArray h = net.layers(store, batch.get(0), EncoderClassifier.additiveMask(batch.get(1)), split,
                        net.config().layers(), false);
                float[] logits = net.head(store, h, batch.get(1), false).toFloatArray();
                for (int r = 0; r < rows.length; r++) {
                    predicted[rows[r]] = ModelEvaluator.argmax(
                            Arrays.copyOfRange(logits, r * classes, (r + 1) * classes));
                }
            }
        }
        return Evaluation.of(labels, gold, predicted);
    }

    private static int[] range(int from, int to) {
        int[] out = new int[to - from];
        for (int i = 0; i < out.length; i++) {
            out[i] = from + i;
        }
        return out;
    }

    /** Linear warm-up from 0, then linear decay to 0 at the last step. */
    private float learningRate(long step, long total, long warmupSteps) {
        if (step <= warmupSteps) {
            return options.learningRate() * step / Math.max(1, warmupSteps);
        }
        return options.learningRate() * (total - step + 1) / Math.max(1, total - warmupSteps);
    }

    private static Map<String, float[]> snapshot(Map<String, Parameter> parameters) {
        Map<String, float[]> out = new LinkedHashMap<>();
        parameters.forEach((name, p) -> out.put(name, p.getArray().toFloatArray()));
        return out;
    }

    private static void restoreValues(Map<String, Parameter> parameters, Map<String, float[]> values, NDManager manager) {
        parameters.forEach((name, p) -> OwnedArrays.copyInto(p.getArray(), values.get(name), manager));
    }

    private static void restore(Map<String, Parameter> parameters, Map<String, NamedTensor> saved, String prefix,
            NDManager manager) {
        parameters.forEach((name, p) -> {
            NamedTensor t = saved.get(prefix + name);
            if (t == null) {
                throw new IllegalStateException("the checkpoint lacks " + prefix + name);
            }
            OwnedArrays.copyInto(p.getArray(), t.values(), manager);
        });
    }

    private static List<NamedTensor> checkpointTensors(Map<String, Parameter> trained, Map<String, float[]> best,
            AdamW adam) {
        List<NamedTensor> out = new ArrayList<>();
        for (Map.Entry<String, Parameter> p : trained.entrySet()) {
            long[] dims = p.getValue().getArray().getShape().getShape();
            out.add(new NamedTensor("now:" + p.getKey(), dims, p.getValue().getArray().toFloatArray()));
            out.add(new NamedTensor("best:" + p.getKey(), dims, best.get(p.getKey())));
        }
        out.addAll(adam.state());
        return out;
    }

    private String fingerprint(SplitData data) throws IOException {
        String text = ModelArtifact.json().writeValueAsString(List.of(options.decisive(), data.record()));
        return BaseEncoder.sha256(text.getBytes(StandardCharsets.UTF_8));
    }
}
