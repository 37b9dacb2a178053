package io.deepsentiment.model.encoder;

import io.deepsentiment.model.artifact.EncoderConfig;
import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import io.deepsentiment.model.artifact.NamedTensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Writes the ONNX graph of a small BERT encoder with random weights, laid out as Hugging Face's
 * export lays out e5 (biases and LayerNorm parameters under their names, each matrix an
 * {@code onnx::MatMul_N} initializer (in, out) whose product is added to its bias), with standard
 * ONNX operators (opset 17). The graph is written independently of {@link BertLayer}, from the
 * BERT equations, so that ONNX Runtime's result on it checks our block.
 *
 * <p>Protobuf field numbers are those of onnx.proto.
 */
final class TinyBertOnnx {

    private static final int FLOAT = 1;
    private static final int INT64 = 7;

    private final EncoderConfig config;
    private final Random random;
    private final List<ByteString> nodes = new ArrayList<>();
    private final List<ByteString> initializers = new ArrayList<>();
    private final Map<String, NamedTensor> weights = new LinkedHashMap<>();
    private int counter;

    TinyBertOnnx(EncoderConfig config, long seed) {
        this.config = config;
        this.random = new Random(seed);
    }

    /** The HF-named weights as drawn, matrices in (in, out) as the graph stores them. */
    Map<String, NamedTensor> weights() {
        return weights;
    }

    byte[] build() {
        int h = config.hidden();
        String words = gather(weight("embeddings.word_embeddings.weight", config.vocabularySize(), h), "input_ids");
        String types = gather(weight("embeddings.token_type_embeddings.weight", config.typeVocabulary(), h), "token_type_ids");
        String shape = node("Shape", List.of("input_ids"), Map.of());
        String length = node("Gather", List.of(shape, int64Scalar(1)), Map.of());
        String positions = node("Range", List.of(int64Scalar(0), length, int64Scalar(1)), Map.of());
        String position = gather(weight("embeddings.position_embeddings.weight", config.maxPositions(), h), positions);
        String x = node("Add", List.of(node("Add", List.of(words, types), Map.of()), position), Map.of());
        x = layerNorm(x, "embeddings.LayerNorm");

        String mask = node("Unsqueeze", List.of("attention_mask", int64s("axes", 1, 2)), Map.of());
        mask = node("Cast", List.of(mask), Map.of("to", (long) FLOAT));
        mask = node("Mul", List.of(node("Sub", List.of(floatScalar(1f), mask), Map.of()), floatScalar(-10_000f)), Map.of());

        for (int layer = 0; layer < config.layers(); layer++) {
            String p = "encoder.layer." + layer + ".";
            String q = heads(linear(x, p + "attention.self.query", h, h), 0, 2, 1, 3);
            String k = heads(linear(x, p + "attention.self.key", h, h), 0, 2, 3, 1);
            String v = heads(linear(x, p + "attention.self.value", h, h), 0, 2, 1, 3);
            String scores = node("Div", List.of(node("MatMul", List.of(q, k), Map.of()),
                    floatScalar((float) Math.sqrt(config.headWidth()))), Map.of());
            String probabilities = node("Softmax", List.of(node("Add", List.of(scores, mask), Map.of())),
                    Map.of("axis", -1L));
            String context = node("Transpose", List.of(node("MatMul", List.of(probabilities, v), Map.of())),
                    Map.of("perm", new long[] {0, 2, 1, 3}));
            context = node("Reshape", List.of(context, int64s("shape", 0, 0, h)), Map.of());
            String attended = linear(context, p + "attention.output.dense", h, h);
            String mid = layerNorm(node("Add", List.of(attended, x), Map.of()), p + "attention.output.LayerNorm");
            String inner = linear(mid, p + "intermediate.dense", h, config.intermediate());
            // exact GELU: x * 0.5 * (1 + erf(x / sqrt 2))
            String erf = node("Erf", List.of(node("Div", List.of(inner, floatScalar((float) Math.sqrt(2))), Map.of())), Map.of());
            String gelu = node("Mul", List.of(node("Mul", List.of(inner, floatScalar(0.5f)), Map.of()),
                    node("Add", List.of(erf, floatScalar(1f)), Map.of())), Map.of());
            String out = linear(gelu, p + "output.dense", config.intermediate(), h);
            x = layerNorm(node("Add", List.of(out, mid), Map.of()), p + "output.LayerNorm");
        }
        String output = node("Identity", List.of(x), Map.of(), "last_hidden_state");

        UnknownFieldSet.Builder graph = UnknownFieldSet.newBuilder();
        graph.addField(1, lengthDelimited(nodes));
        graph.addField(2, string("tiny-bert"));
        graph.addField(5, lengthDelimited(initializers));
        graph.addField(11, lengthDelimited(List.of(valueInfo("input_ids", INT64, 2), valueInfo("attention_mask", INT64, 2),
                valueInfo("token_type_ids", INT64, 2))));
        graph.addField(12, lengthDelimited(List.of(valueInfo(output, FLOAT, 3))));
        UnknownFieldSet opset = UnknownFieldSet.newBuilder()
                .addField(1, string(""))
                .addField(2, UnknownFieldSet.Field.newBuilder().addVarint(17).build()).build();
        UnknownFieldSet model = UnknownFieldSet.newBuilder()
                .addField(1, UnknownFieldSet.Field.newBuilder().addVarint(8).build())
                .addField(8, lengthDelimited(List.of(opset.toByteString())))
                .addField(2, string("deepsentiment-test"))
                .addField(7, lengthDelimited(List.of(graph.build().toByteString())))
                .build();
        return model.toByteArray();
    }

    private String heads(String x, long... perm) {
        String reshaped = node("Reshape", List.of(x, int64s("shape", 0, 0, config.heads(), config.headWidth())), Map.of());
        return node("Transpose", List.of(reshaped), Map.of("perm", perm));
    }

    private String linear(String x, String name, int in, int out) {
        String matrix = "onnx::MatMul_" + (++counter);
        float[] w = randomValues(in * out, (float) (1 / Math.sqrt(in)));
        addInitializer(matrix, new long[] {in, out}, w);
        weights.put(name + ".weight", new NamedTensor(name + ".weight", new long[] {in, out}, w));
        String bias = weight(name + ".bias", out);
        return node("Add", List.of(bias, node("MatMul", List.of(x, matrix), Map.of())), Map.of());
    }

    private String layerNorm(String x, String name) {
        int h = config.hidden();
        float[] gamma = randomValues(h, 0.2f);
        for (int i = 0; i < h; i++) {
            gamma[i] += 1f;
        }
        addInitializer(name + ".weight", new long[] {h}, gamma);
        weights.put(name + ".weight", new NamedTensor(name + ".weight", new long[] {h}, gamma));
        String beta = weight(name + ".bias", h);
        return node("LayerNormalization", List.of(x, name + ".weight", beta),
                Map.of("axis", -1L, "epsilon", config.layerNormEpsilon()));
    }

    private String gather(String table, String indices) {
        return node("Gather", List.of(table, indices), Map.of());
    }

    private String weight(String name, long... dims) {
        long size = 1;
        for (long d : dims) {
            size *= d;
        }
        float[] values = randomValues(Math.toIntExact(size), 0.5f);
        addInitializer(name, dims, values);
        weights.put(name, new NamedTensor(name, dims, values));
        return name;
    }

    private float[] randomValues(int n, float scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextGaussian() * scale;
        }
        return v;
    }

    private String floatScalar(float value) {
        String name = "onnx::Constant_" + (++counter);
        ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(value);
        initializers.add(tensor(name, FLOAT, new long[0], b.array()));
        return name;
    }

    private String int64Scalar(long value) {
        return int64Tensor(new long[0], value);
    }

    private String int64s(String purpose, long... values) {
        return int64Tensor(new long[] {values.length}, values);
    }

    private String int64Tensor(long[] dims, long... values) {
        String name = "onnx::Constant_" + (++counter);
        ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            b.putLong(v);
        }
        initializers.add(tensor(name, INT64, dims, b.array()));
        return name;
    }

    private void addInitializer(String name, long[] dims, float[] values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        initializers.add(tensor(name, FLOAT, dims, b.array()));
    }

    private static ByteString tensor(String name, int type, long[] dims, byte[] raw) {
        UnknownFieldSet.Field.Builder dimField = UnknownFieldSet.Field.newBuilder();
        for (long d : dims) {
            dimField.addVarint(d);
        }
        UnknownFieldSet.Builder t = UnknownFieldSet.newBuilder();
        if (dims.length > 0) {
            t.addField(1, dimField.build());
        }
        t.addField(2, UnknownFieldSet.Field.newBuilder().addVarint(type).build());
        t.addField(8, string(name));
        t.addField(9, UnknownFieldSet.Field.newBuilder().addLengthDelimited(ByteString.copyFrom(raw)).build());
        return t.build().toByteString();
    }

    private String node(String op, List<String> inputs, Map<String, Object> attributes) {
        return node(op, inputs, attributes, op.toLowerCase() + "_" + (++counter));
    }

    private String node(String op, List<String> inputs, Map<String, Object> attributes, String output) {
        UnknownFieldSet.Builder n = UnknownFieldSet.newBuilder();
        UnknownFieldSet.Field.Builder in = UnknownFieldSet.Field.newBuilder();
        inputs.forEach(i -> in.addLengthDelimited(ByteString.copyFromUtf8(i)));
        n.addField(1, in.build());
        n.addField(2, string(output));
        n.addField(3, string("n" + (++counter)));
        n.addField(4, string(op));
        List<ByteString> attrs = new ArrayList<>();
        for (Map.Entry<String, Object> a : attributes.entrySet()) {
            UnknownFieldSet.Builder attr = UnknownFieldSet.newBuilder().addField(1, string(a.getKey()));
            if (a.getValue() instanceof Float f) {
                attr.addField(2, UnknownFieldSet.Field.newBuilder().addFixed32(Float.floatToIntBits(f)).build());
                attr.addField(20, UnknownFieldSet.Field.newBuilder().addVarint(1).build());
            } else if (a.getValue() instanceof Long l) {
                attr.addField(3, UnknownFieldSet.Field.newBuilder().addVarint(l).build());
                attr.addField(20, UnknownFieldSet.Field.newBuilder().addVarint(2).build());
            } else if (a.getValue() instanceof long[] ints) {
                UnknownFieldSet.Field.Builder f = UnknownFieldSet.Field.newBuilder();
                for (long v : ints) {
                    f.addVarint(v);
                }
                attr.addField(8, f.build());
                attr.addField(20, UnknownFieldSet.Field.newBuilder().addVarint(7).build());
            }
            attrs.add(attr.build().toByteString());
        }
        if (!attrs.isEmpty()) {
            n.addField(5, lengthDelimited(attrs));
        }
        nodes.add(n.build().toByteString());
        return output;
    }

    private static ByteString valueInfo(String name, int elementType, int rank) {
        UnknownFieldSet.Builder shape = UnknownFieldSet.newBuilder();
        List<ByteString> dims = new ArrayList<>();
        for (int d = 0; d < rank; d++) {
            dims.add(UnknownFieldSet.newBuilder().addField(2, string("d" + d)).build().toByteString());
        }
        shape.addField(1, lengthDelimited(dims));
        UnknownFieldSet tensorType = UnknownFieldSet.newBuilder()
                .addField(1, UnknownFieldSet.Field.newBuilder().addVarint(elementType).build())
                .addField(2, lengthDelimited(List.of(shape.build().toByteString()))).build();
        UnknownFieldSet type = UnknownFieldSet.newBuilder()
                .addField(1, lengthDelimited(List.of(tensorType.toByteString()))).build();
        return UnknownFieldSet.newBuilder().addField(1, string(name))
                .addField(2, lengthDelimited(List.of(type.toByteString()))).build().toByteString();
    }

    private static UnknownFieldSet.Field string(String s) {
        return UnknownFieldSet.Field.newBuilder().addLengthDelimited(ByteString.copyFromUtf8(s)).build();
    }

    private static UnknownFieldSet.Field lengthDelimited(List<ByteString> values) {
        UnknownFieldSet.Field.Builder f = UnknownFieldSet.Field.newBuilder();
        values.forEach(f::addLengthDelimited);
        return f.build();
    }
}
