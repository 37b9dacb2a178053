package io.deepsentiment.model.artifact;

/** A named float32 array with its shape, values in row-major order. */
public record NamedTensor(String name, long[] dims, float[] values) {

    public NamedTensor {
        long size = 1;
        for (long d : dims) {
            size *= d;
        }
        if (size != values.length) {
            throw new IllegalArgumentException("tensor " + name + ": " + values.length + " values for shape "
                    + java.util.Arrays.toString(dims));
        }
    }
}
