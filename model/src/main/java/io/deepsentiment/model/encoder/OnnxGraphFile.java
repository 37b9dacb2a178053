package io.deepsentiment.model.encoder;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.UnknownFieldSet;
import io.deepsentiment.model.artifact.NamedTensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The weights (float32 initializers) and the nodes of an ONNX file, read from its protobuf wire
 * format by field number (onnx.proto: ModelProto.graph = 7; GraphProto.node = 1, initializer = 5;
 * NodeProto.input = 1, output = 2, op_type = 4; TensorProto.dims = 1, data_type = 2,
 * float_data = 4, name = 8, raw_data = 9). protobuf-java parses the wire format; generated ONNX
 * classes would only add a build step for the five fields we read.
 */
public final class OnnxGraphFile {

    /** One operation of the graph. */
    public record Node(String opType, List<String> inputs, List<String> outputs) {}

    private static final int FLOAT = 1;

    private final Map<String, NamedTensor> initializers;
    private final List<Node> nodes;

    private OnnxGraphFile(Map<String, NamedTensor> initializers, List<Node> nodes) {
        this.initializers = initializers;
        this.nodes = nodes;
    }

    public static OnnxGraphFile parse(byte[] model) throws IOException {
        UnknownFieldSet file = UnknownFieldSet.parseFrom(model);
        UnknownFieldSet.Field graphField = file.getField(7);
        if (graphField == null || graphField.getLengthDelimitedList().isEmpty()) {
            throw new IOException("not an ONNX model: no graph");
        }
        UnknownFieldSet graph = UnknownFieldSet.parseFrom(graphField.getLengthDelimitedList().get(0));
        Map<String, NamedTensor> initializers = new LinkedHashMap<>();
        for (ByteString bytes : lengthDelimited(graph, 5)) {
            UnknownFieldSet tensor = UnknownFieldSet.parseFrom(bytes);
            if (firstVarint(tensor, 2, 0) != FLOAT) {
                continue;
            }
            String name = firstString(tensor, 8);
            long[] dims = varints(tensor, 1);
            initializers.put(name, new NamedTensor(name, dims, floats(tensor, dims)));
        }
        List<Node> nodes = new ArrayList<>();
        for (ByteString bytes : lengthDelimited(graph, 1)) {
            UnknownFieldSet node = UnknownFieldSet.parseFrom(bytes);
            nodes.add(new Node(firstString(node, 4), strings(node, 1), strings(node, 2)));
        }
        return new OnnxGraphFile(initializers, nodes);
    }

    public Map<String, NamedTensor> initializers() {
        return initializers;
    }

    public List<Node> nodes() {
        return nodes;
    }

    private static float[] floats(UnknownFieldSet tensor, long[] dims) throws IOException {
        long count = 1;
        for (long d : dims) {
            count *= d;
        }
        float[] out = new float[Math.toIntExact(count)];
        List<ByteString> raw = lengthDelimited(tensor, 9);
        if (!raw.isEmpty()) {
            ByteBuffer buffer = raw.get(0).asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            if (buffer.remaining() != out.length * Float.BYTES) {
                throw new IOException("tensor " + firstString(tensor, 8) + ": " + buffer.remaining()
                        + " bytes of raw data for " + out.length + " floats");
            }
            buffer.asFloatBuffer().get(out);
            return out;
        }
        UnknownFieldSet.Field field = tensor.getField(4);
        int i = 0;
        if (field != null) {
            for (int bits : field.getFixed32List()) {
                out[i++] = Float.intBitsToFloat(bits);
            }
            for (ByteString packed : field.getLengthDelimitedList()) {
                CodedInputStream in = packed.newCodedInput();
                while (!in.isAtEnd()) {
                    out[i++] = in.readFloat();
                }
            }
        }
        if (i != out.length) {
            throw new IOException("tensor " + firstString(tensor, 8) + " has " + i + " values for shape of " + out.length);
        }
        return out;
    }

    private static List<ByteString> lengthDelimited(UnknownFieldSet message, int number) {
        UnknownFieldSet.Field field = message.getField(number);
        return field == null ? List.of() : field.getLengthDelimitedList();
    }

    private static List<String> strings(UnknownFieldSet message, int number) {
        List<String> out = new ArrayList<>();
        for (ByteString s : lengthDelimited(message, number)) {
            out.add(s.toStringUtf8());
        }
        return out;
    }

    private static String firstString(UnknownFieldSet message, int number) {
        List<ByteString> values = lengthDelimited(message, number);
        return values.isEmpty() ? "" : values.get(0).toStringUtf8();
    }

    private static long firstVarint(UnknownFieldSet message, int number, long fallback) {
        UnknownFieldSet.Field field = message.getField(number);
        return field == null || field.getVarintList().isEmpty() ? fallback : field.getVarintList().get(0);
    }

    /** A repeated int64 field, whether written packed or one value per tag. */
    private static long[] varints(UnknownFieldSet message, int number) throws IOException {
        UnknownFieldSet.Field field = message.getField(number);
        if (field == null) {
            return new long[0];
        }
        List<Long> values = new ArrayList<>(field.getVarintList());
        for (ByteString packed : field.getLengthDelimitedList()) {
            CodedInputStream in = packed.newCodedInput();
            while (!in.isAtEnd()) {
                values.add(in.readInt64());
            }
        }
        long[] out = new long[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }
}
