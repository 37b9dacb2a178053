package io.deepsentiment.model.artifact;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.deepsentiment.model.net.OwnedArrays;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The weights of a network: for each parameter its name, shape and float32 values.
 *
 * <p>Written by hand instead of DJL's {@code Model.save/load}: a DJL-loaded parameter on the PyTorch
 * engine is a tensor over a Java buffer, which was one suspect while hunting sporadic NaN results
 * (see {@code GuardedStepper}). Values read from this file are copied into the tensors the block
 * allocated itself ({@link OwnedArrays}, in-place copy), so PyTorch owns every weight, and the
 * format is plain enough to read without DJL.
 */
public final class WeightsFile {

    private static final int MAGIC = 0x44535731; // "DSW1": float32 tensors
    private static final int MAGIC_ENCODED = 0x44535732; // "DSW2": each tensor float32 or int8 rows

    private WeightsFile() {}

    /** The current values of every parameter of the block, by parameter name. */
    public static Map<String, float[]> snapshot(Block block) {
        Map<String, float[]> values = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            values.put(p.getKey(), p.getValue().getArray().toFloatArray());
        }
        return values;
    }

    /** Copies values into the block's own parameter tensors; every parameter must be present with its shape. */
    public static void restore(Block block, Map<String, float[]> values, NDManager manager) {
        for (Pair<String, Parameter> p : block.getParameters()) {
            float[] v = values.get(p.getKey());
            NDArray target = p.getValue().getArray();
            if (v == null || v.length != target.size()) {
                throw new ArtifactException("weights do not fit the network: parameter " + p.getKey()
                        + (v == null ? " is missing" : " has " + v.length + " values, expected " + target.size()));
            }
            OwnedArrays.copyInto(target, v, manager);
        }
    }

    public static void write(Block block, Path file) throws IOException {
        Map<String, NamedTensor> tensors = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            NDArray a = p.getValue().getArray();
            tensors.put(p.getKey(), new NamedTensor(p.getKey(), a.getShape().getShape(), a.toFloatArray()));
        }
        writeTensors(tensors.values(), file);
    }

    /** Writes named tensors in this file's format (also used for fine-tuned encoder weights and checkpoints). */
    public static void writeTensors(Iterable<NamedTensor> tensors, Path file) throws IOException {
        write(tensors, file, false);
    }

    /**
     * Writes named tensors with every matrix quantized to int8, one scale per row (symmetric:
     * the row's largest magnitude maps to 127), and vectors kept float32: a quarter of the size,
     * for the fine-tuned encoder layers that a model ships in git. Accuracy is checked by
     * scoring the development set with the weights as read back (README, The accurate model).
     */
    public static void writeTensorsInt8(Iterable<NamedTensor> tensors, Path file) throws IOException {
        write(tensors, file, true);
    }

    private static final byte FLOAT32 = 0;
    private static final byte INT8_ROWS = 1;

    private static void write(Iterable<NamedTensor> tensors, Path file, boolean int8) throws IOException {
        int count = 0;
        for (NamedTensor ignored : tensors) {
            count++;
        }
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
            out.writeInt(int8 ? MAGIC_ENCODED : MAGIC);
            out.writeInt(count);
            for (NamedTensor t : tensors) {
                out.writeUTF(t.name());
                out.writeInt(t.dims().length);
                for (long d : t.dims()) {
                    out.writeLong(d);
                }
                if (!int8) {
                    writeFloats(out, t.values());
                } else if (t.dims().length == 2) {
                    out.writeByte(INT8_ROWS);
                    writeInt8Rows(out, t.values(), Math.toIntExact(t.dims()[1]));
                } else {
                    out.writeByte(FLOAT32);
                    writeFloats(out, t.values());
                }
            }
        }
    }

    private static void writeFloats(DataOutputStream out, float[] values) throws IOException {
        for (float x : values) {
            out.writeFloat(x);
        }
    }

    private static void writeInt8Rows(DataOutputStream out, float[] values, int cols) throws IOException {
        byte[] row = new byte[cols];
        for (int start = 0; start < values.length; start += cols) {
            float max = 0;
            for (int j = 0; j < cols; j++) {
                max = Math.max(max, Math.abs(values[start + j]));
            }
            float scale = max == 0 ? 1f : max / 127f;
            for (int j = 0; j < cols; j++) {
                row[j] = (byte) Math.round(values[start + j] / scale);
            }
            out.writeFloat(scale);
            out.write(row);
        }
    }

    /** Reads every tensor of a file written by {@link #writeTensors} or {@link #writeTensorsInt8}, in file order. */
    public static Map<String, NamedTensor> readTensors(Path file) throws IOException {
        Map<String, NamedTensor> values = new LinkedHashMap<>();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            int magic = in.readInt();
            if (magic != MAGIC && magic != MAGIC_ENCODED) {
                throw new ArtifactException(file + " is not a deepsentiment weights file");
            }
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                int rank = in.readInt();
                long[] dims = new long[rank];
                for (int d = 0; d < rank; d++) {
                    dims[d] = in.readLong();
                }
                float[] v = new float[Math.toIntExact(new Shape(dims).size())];
                byte encoding = magic == MAGIC ? FLOAT32 : in.readByte();
                if (encoding == INT8_ROWS) {
                    int cols = Math.toIntExact(dims[1]);
                    byte[] row = new byte[cols];
                    for (int start = 0; start < v.length; start += cols) {
                        float scale = in.readFloat();
                        in.readFully(row);
                        for (int j = 0; j < cols; j++) {
                            v[start + j] = row[j] * scale;
                        }
                    }
                } else if (encoding == FLOAT32) {
                    for (int j = 0; j < v.length; j++) {
                        v[j] = in.readFloat();
                    }
                } else {
                    throw new ArtifactException(file + ": tensor " + name + " has unknown encoding " + encoding);
                }
                values.put(name, new NamedTensor(name, dims, v));
            }
        } catch (EOFException e) {
            throw new ArtifactException(file + " is truncated", e);
        }
        return values;
    }

    /** Reads a weights file into the (initialised) block. */
    public static void read(Block block, Path file, NDManager manager) throws IOException {
        Map<String, float[]> values = new LinkedHashMap<>();
        for (NamedTensor t : readTensors(file).values()) {
            values.put(t.name(), t.values());
        }
        // The in-place copy is not read back: over 300 loads of tweets and reviews no copy ever
        // differed from the file (the check cost 6-7 ms a load).
        restore(block, values, manager);
    }
}
