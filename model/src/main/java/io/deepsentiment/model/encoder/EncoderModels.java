package io.deepsentiment.model.encoder;

import io.deepsentiment.model.artifact.EncoderConfig;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import io.deepsentiment.model.artifact.NamedTensor;
import io.deepsentiment.model.net.OwnedArrays;
import java.util.Arrays;
import java.util.Map;

/** Builds DJL models of an {@link EncoderClassifier} and fills them with weights. */
public final class EncoderModels {

    private EncoderModels() {}

    /** A new model of that shape, initialised at random (the head) and ready for {@link #copy}. */
    public static Model create(String name, EncoderConfig config) {
        Model model = Model.newInstance(name);
        EncoderClassifier net = new EncoderClassifier(config);
        model.setBlock(net);
        net.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 8), new Shape(1, 8));
        return model;
    }

    /**
     * Copies weights, by Hugging Face name and in PyTorch layout, into the network; every weight
     * given must exist there with the same shape. Weights not given keep their values.
     */
    public static void copy(EncoderClassifier net, Map<String, NamedTensor> weights, ai.djl.ndarray.NDManager manager) {
        Map<String, Parameter> params = net.namedParameters();
        for (NamedTensor t : weights.values()) {
            Parameter p = params.get(t.name());
            if (p == null) {
                continue; // e.g. the pooler of an export, which this head does not use
            }
            NDArray target = p.getArray();
            if (!Arrays.equals(target.getShape().getShape(), t.dims())) {
                throw new IllegalArgumentException("weight " + t.name() + " has shape " + Arrays.toString(t.dims())
                        + ", the network expects " + target.getShape());
            }
            OwnedArrays.copyInto(target, t.values(), manager);
        }
    }
}
