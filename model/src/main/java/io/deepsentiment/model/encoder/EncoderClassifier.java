package io.deepsentiment.model.encoder;

import io.deepsentiment.model.artifact.EncoderConfig;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A BERT encoder with a classification head: word-piece embeddings (word + position + token type 0,
 * LayerNorm), {@link BertLayer}s, the mean of the last layer over the real tokens (as e5 is
 * pooled), dropout and a linear layer giving one logit per label.
 *
 * <p>Inputs: word-piece ids and attention mask, both {@code (batch, length)} int64, padding after
 * the text. The stages are callable one by one ({@link #embed}, {@link #layers}, {@link #head}) so
 * that training can compute the frozen lower layers once and fine-tune only the layers above.
 */
public final class EncoderClassifier extends AbstractBlock {

    private static final byte VERSION = 1;

    /** Added to the attention scores of padding; what Hugging Face's BERT export uses is as good as -inf here. */
    private static final float MASKED = -10_000f;

    public static final String HEAD_WEIGHT = "classifier.weight";
    public static final String HEAD_BIAS = "classifier.bias";

    private final EncoderConfig config;
    private final Parameter words;
    private final Parameter positions;
    private final Parameter types;
    private final LayerNorm embeddingNorm;
    private final List<BertLayer> layers = new ArrayList<>();
    private final Linear head;

    public EncoderClassifier(EncoderConfig config) {
        super(VERSION);
        this.config = config;
        words = addParameter(table("words", config.vocabularySize(), config.hidden()));
        positions = addParameter(table("positions", config.maxPositions(), config.hidden()));
        types = addParameter(table("types", config.typeVocabulary(), config.hidden()));
        embeddingNorm = addChildBlock("embeddingNorm", BertLayer.norm(config));
        for (int i = 0; i < config.layers(); i++) {
            layers.add(addChildBlock("layer" + i, new BertLayer(config)));
        }
        head = addChildBlock("head", Linear.builder().setUnits(config.classes()).build());
    }

    private static Parameter table(String name, int rows, int width) {
        return Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(rows, width)).optInitializer(new NormalInitializer(0.02f)).build();
    }

    public EncoderConfig config() {
        return config;
    }

    /**
     * Every parameter under its Hugging Face name ({@code embeddings.word_embeddings.weight},
     * {@code encoder.layer.0.attention.self.query.weight}, ..., and {@link #HEAD_WEIGHT}); linear
     * weights are (out, in), as in PyTorch.
     */
    public Map<String, Parameter> namedParameters() {
        Map<String, Parameter> out = new LinkedHashMap<>();
        out.put("embeddings.word_embeddings.weight", words);
        out.put("embeddings.position_embeddings.weight", positions);
        out.put("embeddings.token_type_embeddings.weight", types);
        BertLayer.norm(out, "embeddings.LayerNorm", embeddingNorm);
        for (int i = 0; i < layers.size(); i++) {
            out.putAll(layers.get(i).namedParameters(layerPrefix(i)));
        }
        out.put(HEAD_WEIGHT, head.getParameters().get("weight"));
        out.put(HEAD_BIAS, head.getParameters().get("bias"));
        return out;
    }

    public static String layerPrefix(int layer) {
        return "encoder.layer." + layer + ".";
    }

    /** The embedding stage's output, (batch, length, hidden). */
    public NDArray embed(ParameterStore store, NDArray ids, boolean training) {
        long length = ids.getShape().get(1);
        if (length > config.maxPositions()) {
            throw new IllegalArgumentException(length + " word pieces; the encoder takes at most " + config.maxPositions());
        }
        NDArray table = store.getValue(words, ids.getDevice(), training);
        NDArray x = Embedding.embedding(ids, table, SparseFormat.DENSE).singletonOrThrow();
        NDArray position = store.getValue(positions, ids.getDevice(), training).get("0:{}", length);
        NDArray type = store.getValue(types, ids.getDevice(), training).get(0);
        x = x.add(position.expandDims(0)).add(type);
        x = embeddingNorm.forward(store, new NDList(x), training).singletonOrThrow();
        return dropout(x, training);
    }

    /** The attention mask (batch, length) of 1 and 0 as the additive mask the layers take. */
    public static NDArray additiveMask(NDArray mask) {
        return mask.toType(DataType.FLOAT32, false).sub(1f).mul(-MASKED).expandDims(1).expandDims(1);
    }

    /** Layers {@code from} (inclusive) to {@code to} (exclusive) applied to hidden states. */
    public NDArray layers(ParameterStore store, NDArray hidden, NDArray additiveMask, int from, int to,
            boolean training) {
        NDArray x = hidden;
        for (int i = from; i < to; i++) {
            x = layers.get(i).forward(store, new NDList(x, additiveMask), training).singletonOrThrow();
        }
        return x;
    }

    /** Mean of the last hidden states over the real tokens, (batch, hidden). */
    public static NDArray meanPool(NDArray hidden, NDArray mask) {
        NDArray weights = mask.toType(hidden.getDataType(), false).expandDims(2);
        return hidden.mul(weights).sum(new int[] {1}).div(weights.sum(new int[] {1}));
    }

    /** Logits (batch, classes) from the last layer's hidden states. */
    public NDArray head(ParameterStore store, NDArray hidden, NDArray mask, boolean training) {
        return classify(store, meanPool(hidden, mask), training);
    }

    /** Logits (batch, classes) from pooled vectors (batch, hidden): dropout, then the linear layer. */
    public NDArray classify(ParameterStore store, NDArray pooled, boolean training) {
        return head.forward(store, new NDList(dropout(pooled, training)), training).singletonOrThrow();
    }

    private NDArray dropout(NDArray x, boolean training) {
        return training && config.dropout() > 0 ? Dropout.dropout(x, config.dropout(), true).singletonOrThrow() : x;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray ids = inputs.get(0);
        NDArray mask = inputs.get(1);
        NDArray x = embed(store, ids, training);
        x = layers(store, x, additiveMask(mask), 0, config.layers(), training);
        return new NDList(head(store, x, mask, training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), config.classes())};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape hidden = new Shape(inputShapes[0].get(0), inputShapes[0].get(1), config.hidden());
        embeddingNorm.initialize(manager, dataType, hidden);
        Shape mask = new Shape(inputShapes[0].get(0), 1, 1, inputShapes[0].get(1));
        for (BertLayer layer : layers) {
            layer.initialize(manager, dataType, hidden, mask);
        }
        head.initialize(manager, dataType, new Shape(inputShapes[0].get(0), config.hidden()));
    }
}
