package io.deepsentiment.train.fit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.Loss;
import io.deepsentiment.model.net.OwnedArrays;

/**
 * Softmax cross-entropy where each class has a weight. With weights inversely proportional to
 * class frequency, the rare negative tweets count as much as the frequent neutral ones, which is
 * what the SemEval metric (recall averaged over classes) rewards. DJL's own loss has only one
 * scalar weight, hence this class.
 *
 * <p>When the network gives several sets of logits (the CNN and the bag of n-grams of a
 * {@link io.deepsentiment.model.net.TextCnn}), the loss is the sum of each one's, so that each
 * part is fitted to the labels on its own.
 */
final class WeightedCrossEntropy extends Loss {

    private final float[] classWeights;

    WeightedCrossEntropy(float[] classWeights) {
        super("WeightedCrossEntropy");
        this.classWeights = classWeights.clone();
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray gold = labels.singletonOrThrow();
        NDArray total = null;
        for (NDArray logits : predictions) {
            NDArray weights = OwnedArrays.of(logits.getManager(), classWeights, new Shape(1, classWeights.length));
            NDArray picked = gold.oneHot(classWeights.length).toType(logits.getDataType(), false).mul(weights);
            NDArray loss = logits.logSoftmax(1).mul(picked).sum(new int[] {1}).neg().mean();
            total = total == null ? loss : total.add(loss);
        }
        return total;
    }
}
