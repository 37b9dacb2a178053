package io.deepsentiment.train.finetune;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import io.deepsentiment.model.artifact.NamedTensor;
import io.deepsentiment.model.net.OwnedArrays;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adam with decoupled weight decay (Loshchilov and Hutter 2019), the usual optimizer for
 * fine-tuning BERT, over named parameters, with the gradients scaled down together when their
 * global norm exceeds {@code maxGradNorm}. Written here, in a few NDArray operations, because DJL's
 * {@code Adam} keeps its moment estimates private (a run that resumes after being stopped must
 * restore them, {@link #state} and {@link #restore}, to continue exactly), and its fused kernel
 * decays weights through the gradient (L2), not decoupled.
 */
final class AdamW {

    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-8f;

    private final Map<String, Parameter> parameters;
    private final Map<String, NDArray> mean = new LinkedHashMap<>();
    private final Map<String, NDArray> variance = new LinkedHashMap<>();
    private final NDManager manager;
    private final float weightDecay;
    private final float maxGradNorm;
    private long steps;

    AdamW(Map<String, Parameter> parameters, NDManager manager, float weightDecay, float maxGradNorm) {
        this.parameters = parameters;
        this.manager = manager;
        this.weightDecay = weightDecay;
        this.maxGradNorm = maxGradNorm;
        for (Map.Entry<String, Parameter> p : parameters.entrySet()) {
            NDArray w = p.getValue().getArray();
            mean.put(p.getKey(), manager.zeros(w.getShape(), w.getDataType()));
            variance.put(p.getKey(), manager.zeros(w.getShape(), w.getDataType()));
        }
    }

    long steps() {
        return steps;
    }

    /** One update of every parameter from its gradient at learning rate {@code lr}; returns the gradients' global norm. */
    double step(float lr) {
        steps++;
        List<NDArray> grads = new ArrayList<>(parameters.size());
        double squares = 0;
        for (Parameter p : parameters.values()) {
            NDArray g = p.getArray().getGradient();
            grads.add(g);
            try (NDArray square = g.square(); NDArray sum = square.sum()) {
                squares += sum.getFloat();
            }
        }
        double norm = Math.sqrt(squares);
        float rescale = norm > maxGradNorm ? (float) (maxGradNorm / norm) : 1f;
        float correction1 = 1f - (float) Math.pow(BETA1, steps);
        float correction2 = 1f - (float) Math.pow(BETA2, steps);
        float stepSize = (float) (lr * Math.sqrt(correction2) / correction1);
        int i = 0;
        for (Map.Entry<String, Parameter> p : parameters.entrySet()) {
            NDArray w = p.getValue().getArray();
            NDArray m = mean.get(p.getKey());
            NDArray v = variance.get(p.getKey());
            try (NDManager scratch = manager.newSubManager(); NDArray g = grads.get(i++)) {
                // Every result is moved into scratch at once: a result belongs to its first operand's
                // manager, which for the weights and moments lives as long as the model.
                NDArray scaled = keep(scratch, g.mul(rescale));
                m.muli(BETA1).addi(keep(scratch, scaled.mul(1f - BETA1)));
                v.muli(BETA2).addi(keep(scratch, keep(scratch, scaled.square()).mul(1f - BETA2)));
                NDArray denominator = keep(scratch, keep(scratch, v.sqrt()).add(EPSILON * (float) Math.sqrt(correction2)));
                NDArray update = keep(scratch, keep(scratch, m.div(denominator)).mul(stepSize));
                // Biases and LayerNorm parameters are not decayed, as in BERT's own fine-tuning recipe.
                if (weightDecay > 0 && w.getShape().dimension() > 1) {
                    w.muli(1f - lr * weightDecay);
                }
                w.subi(update);
            }
        }
        return norm;
    }

    private static NDArray keep(NDManager scratch, NDArray x) {
        x.attach(scratch);
        return x;
    }

    /** The moment estimates and the step count, to checkpoint. */
    List<NamedTensor> state() {
        List<NamedTensor> out = new ArrayList<>();
        for (String name : parameters.keySet()) {
            NDArray m = mean.get(name);
            out.add(new NamedTensor("mean:" + name, m.getShape().getShape(), m.toFloatArray()));
            NDArray v = variance.get(name);
            out.add(new NamedTensor("variance:" + name, v.getShape().getShape(), v.toFloatArray()));
        }
        return out;
    }

    void restore(Map<String, NamedTensor> state, long stepCount, NDManager manager) {
        for (String name : parameters.keySet()) {
            OwnedArrays.copyInto(mean.get(name), require(state, "mean:" + name).values(), manager);
            OwnedArrays.copyInto(variance.get(name), require(state, "variance:" + name).values(), manager);
        }
        steps = stepCount;
    }

    private static NamedTensor require(Map<String, NamedTensor> state, String name) {
        NamedTensor t = state.get(name);
        if (t == null) {
            throw new IllegalStateException("the checkpoint lacks the optimizer state " + name);
        }
        return t;
    }
}
