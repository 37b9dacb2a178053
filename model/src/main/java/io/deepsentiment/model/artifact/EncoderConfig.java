package io.deepsentiment.model.artifact;

/**
 * The shape of a BERT encoder (post-LayerNorm, exact GELU, learned absolute positions) and of the
 * classification head on its mean-pooled output.
 *
 * @param vocabularySize word pieces
 * @param hidden width of every layer
 * @param layers transformer layers
 * @param heads attention heads per layer
 * @param intermediate width of the feed-forward part
 * @param maxPositions longest input in word pieces the position table covers
 * @param typeVocabulary token types (segment ids)
 * @param layerNormEpsilon epsilon of every LayerNorm
 * @param classes labels of the head
 * @param dropout dropout on attention probabilities, on each sub-layer's output and on the pooled vector, in training
 */
public record EncoderConfig(int vocabularySize, int hidden, int layers, int heads, int intermediate,
        int maxPositions, int typeVocabulary, float layerNormEpsilon, int classes, float dropout) {

    /** e5-small-v2, bge-small-en-v1.5 and their kind: 12 layers of width 384. */
    public static EncoderConfig small(int classes) {
        return new EncoderConfig(30522, 384, 12, 12, 1536, 512, 2, 1e-12f, classes, 0.1f);
    }

    public EncoderConfig {
        if (hidden % heads != 0) {
            throw new IllegalArgumentException("hidden width " + hidden + " is not a multiple of " + heads + " heads");
        }
    }

    public EncoderConfig withDropout(float rate) {
        return new EncoderConfig(vocabularySize, hidden, layers, heads, intermediate, maxPositions, typeVocabulary,
                layerNormEpsilon, classes, rate);
    }

    public int headWidth() {
        return hidden / heads;
    }
}
