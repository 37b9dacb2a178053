package io.deepsentiment.model.encoder;

import io.deepsentiment.model.encoder.OnnxGraphFile.Node;
import io.deepsentiment.model.artifact.NamedTensor;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The weights of a Hugging Face BERT export, by their Hugging Face names, from an ONNX file.
 *
 * <p>Biases and LayerNorm parameters keep their names in the export; the matrices of the linear
 * layers are initializers with generic names ({@code onnx::MatMul_1525}) stored (in, out). Each is
 * named after the bias added to its product: {@code MatMul(x, W) -> Add(bias, .)} with a bias
 * called {@code encoder.layer.0.attention.self.query.bias} makes W
 * {@code encoder.layer.0.attention.self.query.weight}.
 */
public final class EncoderWeights {

    private final Map<String, NamedTensor> byName;
    private final Map<String, String> onnxNames;

    private EncoderWeights(Map<String, NamedTensor> byName, Map<String, String> onnxNames) {
        this.byName = byName;
        this.onnxNames = onnxNames;
    }

    public static EncoderWeights of(OnnxGraphFile graph) {
        Map<String, NamedTensor> initializers = graph.initializers();
        Map<String, Node> consumerOf = new HashMap<>();
        for (Node node : graph.nodes()) {
            for (String input : node.inputs()) {
                consumerOf.putIfAbsent(input, node);
            }
        }
        Map<String, NamedTensor> byName = new LinkedHashMap<>();
        Map<String, String> onnxNames = new LinkedHashMap<>();
        for (NamedTensor t : initializers.values()) {
            if (!t.name().startsWith("onnx::")) {
                byName.put(t.name(), t);
                onnxNames.put(t.name(), t.name());
            }
        }
        for (Node node : graph.nodes()) {
            if (!node.opType().equals("MatMul") || node.inputs().size() != 2) {
                continue;
            }
            NamedTensor matrix = initializers.get(node.inputs().get(1));
            Node add = consumerOf.get(node.outputs().get(0));
            if (matrix == null || add == null || !add.opType().equals("Add")) {
                continue;
            }
            for (String input : add.inputs()) {
                if (input.endsWith(".bias") && initializers.containsKey(input)) {
                    String name = input.substring(0, input.length() - ".bias".length()) + ".weight";
                    byName.put(name, transposed(name, matrix));
                    onnxNames.put(name, matrix.name());
                }
            }
        }
        return new EncoderWeights(byName, onnxNames);
    }

    /** A weight under its Hugging Face name; matrices in PyTorch's (out, in) layout. */
    public NamedTensor get(String name) {
        NamedTensor t = byName.get(name);
        if (t == null) {
            throw new IllegalArgumentException("the encoder has no weight " + name);
        }
        return t;
    }

    public Map<String, NamedTensor> all() {
        return byName;
    }

    /** The initializer's name in the ONNX graph. */
    public String onnxName(String name) {
        String onnx = onnxNames.get(name);
        if (onnx == null) {
            throw new IllegalArgumentException("the encoder has no weight " + name);
        }
        return onnx;
    }

    /** Whether the ONNX graph stores this weight transposed, (in, out), as it does the linear layers' matrices. */
    public boolean storedTransposed(String name) {
        return !onnxName(name).equals(name);
    }

    /** A (rows, cols) matrix as (cols, rows), named {@code name}. */
    public static NamedTensor transposed(String name, NamedTensor t) {
        int rows = Math.toIntExact(t.dims()[0]);
        int cols = Math.toIntExact(t.dims()[1]);
        float[] out = new float[rows * cols];
        float[] in = t.values();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[c * rows + r] = in[r * cols + c];
            }
        }
        return new NamedTensor(name, new long[] {cols, rows}, out);
    }
}
