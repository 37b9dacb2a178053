package io.deepsentiment.train.fit;

import ai.djl.ndarray.NDArray;

/**
 * Copies values into a parameter array with tensor operations. {@code NDArray.set(Buffer)} on the
 * PyTorch engine re-points the tensor at a Java buffer under a deprecated autograd guard, and
 * training from such a parameter produced NaN losses at random batches here; element-wise
 * in-place arithmetic keeps the tensor's own storage.
 */
final class ParameterValues {

    private ParameterValues() {}

    static void copy(NDArray from, NDArray to) {
        if (!from.getShape().equals(to.getShape())) {
            throw new IllegalArgumentException("shape " + from.getShape() + " does not fit " + to.getShape());
        }
        to.muli(0).addi(from);
    }
}
