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

    private static final int MAGIC = 0x44535731; // "DSW1"

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
        int count = 0;
        for (NamedTensor ignored : tensors) {
            count++;
        }
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
            out.writeInt(MAGIC);
            out.writeInt(count);
            for (NamedTensor t : tensors) {
                out.writeUTF(t.name());
                out.writeInt(t.dims().length);
                for (long d : t.dims()) {
                    out.writeLong(d);
                }
                for (float x : t.values()) {
                    out.writeFloat(x);
                }
            }
        }
    }

    /** Reads every tensor of a file written by {@link #writeTensors}, in file order. */
    public static Map<String, NamedTensor> readTensors(Path file) throws IOException {
        Map<String, NamedTensor> values = new LinkedHashMap<>();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            if (in.readInt() != MAGIC) {
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
                for (int j = 0; j < v.length; j++) {
                    v[j] = in.readFloat();
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
        // The copy is read back and compared: with the engine problem described in the README
        // (Known issues) a silent bad copy must not reach predictions.
        for (int attempt = 1; ; attempt++) {
            restore(block, values, manager);
            if (matches(block, values)) {
                return;
            }
            if (attempt == 3) {
                throw new ArtifactException("the weights of " + file + " did not load intact (3 attempts)");
            }
        }
    }

    private static boolean matches(Block block, Map<String, float[]> values) {
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (!java.util.Arrays.equals(p.getValue().getArray().toFloatArray(), values.get(p.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
