package io.deepsentiment.model.encoder;

import io.deepsentiment.model.artifact.EncoderConfig;
import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.deepsentiment.model.net.OwnedArrays;
import java.nio.LongBuffer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Our BERT block in DJL against ONNX Runtime on the same weights and inputs: a small random
 * encoder written as an ONNX graph from the BERT equations, and the real e5-small-v2 from its Maven
 * artifact. Padding is included: the real tokens' states must not depend on it.
 */
class BertLayerParityTest {

    private static final EncoderConfig TINY = new EncoderConfig(50, 8, 2, 2, 16, 16, 2, 1e-12f, 3, 0.1f);

    @Test
    void tinyRandomEncoderMatchesOnnxRuntime() throws Exception {
        TinyBertOnnx tiny = new TinyBertOnnx(TINY, 7);
        byte[] onnx = tiny.build();
        EncoderWeights weights = EncoderWeights.of(OnnxGraphFile.parse(onnx));
        // every matrix was found and named after its bias
        assertThat(weights.get("encoder.layer.1.intermediate.dense.weight").dims()).containsExactly(16, 8);
        assertThat(weights.onnxName("encoder.layer.1.intermediate.dense.weight")).startsWith("onnx::MatMul_");
        long[][] ids = {{2, 17, 33, 49, 5, 3}, {2, 8, 3, 0, 0, 0}};
        long[][] mask = {{1, 1, 1, 1, 1, 1}, {1, 1, 1, 0, 0, 0}};
        assertMatches(onnx, weights, TINY, ids, mask, 1e-4);
    }

    @Test
    void e5SmallV2MatchesOnnxRuntime() throws Exception {
        BaseEncoder base = BaseEncoder.E5_SMALL_V2;
        byte[] onnx = base.onnxBytes(base.sha256());
        EncoderWeights weights = EncoderWeights.of(OnnxGraphFile.parse(onnx));
        assertThat(weights.all()).hasSize(197);
        try (EncoderTokenizer tokenizer = new EncoderTokenizer(base.tokenizerBytes(), base.prefix(), 128)) {
            int[] a = tokenizer.ids("@united worst airline, lost my bag again http://t.co/x");
            int[] b = tokenizer.ids("this made my day 😍");
            int length = Math.max(a.length, b.length);
            long[][] ids = new long[2][length];
            long[][] mask = new long[2][length];
            for (int j = 0; j < a.length; j++) {
                ids[0][j] = a[j];
                mask[0][j] = 1;
            }
            for (int j = 0; j < b.length; j++) {
                ids[1][j] = b[j];
                mask[1][j] = 1;
            }
            assertMatches(onnx, weights, EncoderConfig.small(3), ids, mask, 1e-4);
        }
    }

    private static void assertMatches(byte[] onnx, EncoderWeights weights, EncoderConfig config, long[][] ids,
            long[][] mask, double tolerance) throws Exception {
        int rows = ids.length;
        int length = ids[0].length;
        float[][][] expected = onnxRuntime(onnx, ids, mask);
        try (Model model = EncoderModels.create("parity", config); NDManager manager = model.getNDManager().newSubManager()) {
            EncoderClassifier net = (EncoderClassifier) model.getBlock();
            EncoderModels.copy(net, weights.all(), model.getNDManager());
            long[] flatIds = new long[rows * length];
            long[] flatMask = new long[rows * length];
            for (int i = 0; i < rows; i++) {
                System.arraycopy(ids[i], 0, flatIds, i * length, length);
                System.arraycopy(mask[i], 0, flatMask, i * length, length);
            }
            NDArray input = OwnedArrays.of(manager, flatIds, new Shape(rows, length));
            NDArray attention = OwnedArrays.of(manager, flatMask, new Shape(rows, length));
            ParameterStore store = new ParameterStore(manager, false);
            float[] actual = net.layers(store, net.embed(store, input, false), EncoderClassifier.additiveMask(attention),
                    0, config.layers(), false).toFloatArray();
            double worst = 0;
            for (int i = 0; i < rows; i++) {
                for (int t = 0; t < length; t++) {
                    if (mask[i][t] == 0) {
                        continue;
                    }
                    for (int j = 0; j < config.hidden(); j++) {
                        worst = Math.max(worst, Math.abs(actual[(i * length + t) * config.hidden() + j] - expected[i][t][j]));
                    }
                }
            }
            assertThat(worst).isLessThan(tolerance);
        }
    }

    private static float[][][] onnxRuntime(byte[] onnx, long[][] ids, long[][] mask) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(onnx, new OrtSession.SessionOptions());
                OnnxTensor idTensor = OnnxTensor.createTensor(env, ids);
                OnnxTensor maskTensor = OnnxTensor.createTensor(env, mask);
                OnnxTensor types = OnnxTensor.createTensor(env, LongBuffer.wrap(new long[ids.length * ids[0].length]),
                        new long[] {ids.length, ids[0].length})) {
            try (OrtSession.Result result = session.run(Map.of("input_ids", idTensor, "attention_mask", maskTensor,
                    "token_type_ids", types))) {
                return (float[][][]) result.get(0).getValue();
            }
        }
    }
}
