package io.deepsentiment.bench;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.deepsentiment.model.artifact.ModelArtifact;
import io.deepsentiment.model.artifact.ModelManifest;
import io.deepsentiment.model.artifact.WeightsFile;
import io.deepsentiment.model.encoder.BaseEncoder;
import io.deepsentiment.model.encoder.EncoderClassifier;
import io.deepsentiment.model.encoder.EncoderModels;
import io.deepsentiment.model.encoder.EncoderWeights;
import io.deepsentiment.model.encoder.OnnxGraphFile;
import io.deepsentiment.model.net.OwnedArrays;
import io.deepsentiment.model.predict.SentimentPredictor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Scores the same tweets with a fine-tuned encoder model in ONNX Runtime (as served) and in DJL's
 * PyTorch engine (the block training uses), batched by length in the same way, and prints tweets
 * per second of each: the measurement behind the choice of ONNX Runtime for serving. Run by
 * {@code scripts/bench-encoder-engines.sh}.
 *
 * <p>Arguments: model directory, file with one tweet per line.
 */
public final class EncoderEngineBenchmark {

    private static final int BATCH = 32;

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        List<String> texts = Files.readAllLines(Path.of(args[1]));
        try (SentimentPredictor served = SentimentPredictor.load(dir)) {
            List<int[]> ids = new ArrayList<>();
            for (String t : texts) {
                ids.add(served.toIds(served.tokens(t)));
            }
            served.probabilities(ids.subList(0, Math.min(ids.size(), 256))); // warm-up
            long start = System.nanoTime();
            served.probabilities(ids);
            report("ONNX Runtime (fp32, as served)", ids.size(), System.nanoTime() - start);
            djl(dir, ids);
        }
    }

    private static void djl(Path dir, List<int[]> ids) throws Exception {
        ModelManifest manifest = ModelArtifact.readManifest(dir);
        BaseEncoder base = BaseEncoder.E5_SMALL_V2;
        try (Model model = EncoderModels.create("bench", manifest.encoder().network())) {
            EncoderClassifier net = (EncoderClassifier) model.getBlock();
            EncoderModels.copy(net, EncoderWeights.of(OnnxGraphFile.parse(base.onnxBytes(base.sha256()))).all(),
                    model.getNDManager());
            EncoderModels.copy(net, WeightsFile.readTensors(dir.resolve(manifest.encoder().weights())),
                    model.getNDManager());
            net.freezeParameters(true);
            Integer[] order = new Integer[ids.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, Comparator.comparingInt(i -> ids.get(i).length));
            run(model, net, ids, order, 256); // warm-up
            long start = System.nanoTime();
            run(model, net, ids, order, ids.size());
            report("DJL PyTorch " + ai.djl.engine.Engine.getInstance().getVersion() + " (fp32, eager)", ids.size(),
                    System.nanoTime() - start);
        }
    }

    private static void run(Model model, EncoderClassifier net, List<int[]> ids, Integer[] order, int count) {
        for (int start = 0; start < count; start += BATCH) {
            int end = Math.min(count, start + BATCH);
            int length = 1;
            for (int k = start; k < end; k++) {
                length = Math.max(length, ids.get(order[k]).length);
            }
            long[] flat = new long[(end - start) * length];
            long[] mask = new long[flat.length];
            for (int k = start; k < end; k++) {
                int[] row = ids.get(order[k]);
                for (int j = 0; j < row.length; j++) {
                    flat[(k - start) * length + j] = row[j];
                    mask[(k - start) * length + j] = 1;
                }
            }
            try (NDManager manager = model.getNDManager().newSubManager()) {
                Shape shape = new Shape(end - start, length);
                NDArray out = net.forward(new ParameterStore(manager, false),
                        new NDList(OwnedArrays.of(manager, flat, shape), OwnedArrays.of(manager, mask, shape)), false)
                        .singletonOrThrow();
                out.softmax(1).toFloatArray();
            }
        }
    }

    private static void report(String engine, int texts, long nanos) {
        System.out.printf(Locale.ROOT, "%-40s %6d tweets in %6.2f s: %7.1f tweets/s%n", engine, texts, nanos / 1e9,
                texts / (nanos / 1e9));
    }
}
