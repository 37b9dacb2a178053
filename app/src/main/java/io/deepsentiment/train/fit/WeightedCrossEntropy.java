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
 * <p>The targets are class indices (int64, one per example) or distributions over the classes
 * (float32, one row per example, e.g. a teacher model's probabilities): the loss is then the
 * cross-entropy against that distribution, each class's share weighted as a hand label would be.
 *
 * <p>When the network gives several sets of logits (the CNN and the bag of n-grams of a
 * {@link io.deepsentiment.model.net.TextCnn}), the loss is the sum of each one's, so that each
 * part is fitted to the labels on its own.
 */
public final class WeightedCrossEntropy extends Loss {

    private final float[] classWeights;

    public WeightedCrossEntropy(float[] classWeights) {
        super("WeightedCrossEntropy");
        this.classWeights = classWeights.clone();
    }

    /**
     * Class weights for gold labels: {@code balanced} makes each weight inversely proportional to
     * its class's frequency (a class absent from the labels gets 0), {@code none} weighs all 1.
     */
    public static float[] classWeights(int[] labels, int classes, String mode) {
        float[] weights = new float[classes];
        java.util.Arrays.fill(weights, 1f);
        if (mode.equals("balanced")) {
            int[] counts = new int[classes];
            for (int l : labels) {
                counts[l]++;
            }
            for (int c = 0; c < classes; c++) {
                weights[c] = counts[c] == 0 ? 0f : (float) labels.length / (classes * counts[c]);
            }
        }
        return weights;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray gold = labels.singletonOrThrow();
        NDArray total = null;
        for (NDArray logits : predictions) {
            NDArray weights = OwnedArrays.of(logits.getManager(), classWeights, new Shape(1, classWeights.length));
            NDArray distribution = gold.getShape().dimension() == 2 ? gold.toType(logits.getDataType(), false)
                    : gold.oneHot(classWeights.length).toType(logits.getDataType(), false);
            NDArray picked = distribution.mul(weights);
            NDArray loss = logits.logSoftmax(1).mul(picked).sum(new int[] {1}).neg().mean();
            total = total == null ? loss : total.add(loss);
        }
        return total;
    }
}
