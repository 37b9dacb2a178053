package io.deepsentiment.model.encoder;

import io.deepsentiment.model.artifact.EncoderConfig;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One transformer layer as Hugging Face's {@code BertLayer} computes it: self-attention, then
 * {@code LayerNorm(x + attention)}, then {@code LayerNorm(h + W2 gelu(W1 h))} (post-LayerNorm).
 * DJL's own {@code BertBlock} differs (BatchNorm, another residual), so pretrained BERT weights need
 * this block.
 *
 * <p>Inputs: hidden states {@code (batch, length, hidden)} and the additive attention mask
 * {@code (batch, 1, 1, length)}: 0 for a real token, a large negative number for padding.
 */
public final class BertLayer extends AbstractBlock {

    private static final byte VERSION = 1;

    private final EncoderConfig config;
    private final Linear query;
    private final Linear key;
    private final Linear value;
    private final Linear attentionOutput;
    private final LayerNorm attentionNorm;
    private final Linear intermediate;
    private final Linear output;
    private final LayerNorm outputNorm;

    public BertLayer(EncoderConfig config) {
        super(VERSION);
        this.config = config;
        query = addChildBlock("query", Linear.builder().setUnits(config.hidden()).build());
        key = addChildBlock("key", Linear.builder().setUnits(config.hidden()).build());
        value = addChildBlock("value", Linear.builder().setUnits(config.hidden()).build());
        attentionOutput = addChildBlock("attentionOutput", Linear.builder().setUnits(config.hidden()).build());
        attentionNorm = addChildBlock("attentionNorm", norm(config));
        intermediate = addChildBlock("intermediate", Linear.builder().setUnits(config.intermediate()).build());
        output = addChildBlock("output", Linear.builder().setUnits(config.hidden()).build());
        outputNorm = addChildBlock("outputNorm", norm(config));
    }

    static LayerNorm norm(EncoderConfig config) {
        return LayerNorm.builder().axis(2).optEpsilon(config.layerNormEpsilon()).build();
    }

    /** The parameters under their Hugging Face names, {@code prefix} being e.g. {@code encoder.layer.3.}. */
    Map<String, Parameter> namedParameters(String prefix) {
        Map<String, Parameter> out = new LinkedHashMap<>();
        linear(out, prefix + "attention.self.query", query);
        linear(out, prefix + "attention.self.key", key);
        linear(out, prefix + "attention.self.value", value);
        linear(out, prefix + "attention.output.dense", attentionOutput);
        norm(out, prefix + "attention.output.LayerNorm", attentionNorm);
        linear(out, prefix + "intermediate.dense", intermediate);
        linear(out, prefix + "output.dense", output);
        norm(out, prefix + "output.LayerNorm", outputNorm);
        return out;
    }

    private static void linear(Map<String, Parameter> out, String name, Linear block) {
        out.put(name + ".weight", block.getParameters().get("weight"));
        out.put(name + ".bias", block.getParameters().get("bias"));
    }

    static void norm(Map<String, Parameter> out, String name, LayerNorm block) {
        out.put(name + ".weight", block.getParameters().get("gamma"));
        out.put(name + ".bias", block.getParameters().get("beta"));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDArray mask = inputs.get(1);
        Shape shape = x.getShape();
        long batch = shape.get(0);
        long length = shape.get(1);
        Shape heads = new Shape(batch, length, config.heads(), config.headWidth());
        NDArray q = apply(store, query, x, training).reshape(heads).transpose(0, 2, 1, 3);
        NDArray k = apply(store, key, x, training).reshape(heads).transpose(0, 2, 3, 1);
        NDArray v = apply(store, value, x, training).reshape(heads).transpose(0, 2, 1, 3);
        NDArray scores = q.matMul(k).div((float) Math.sqrt(config.headWidth())).add(mask);
        NDArray probabilities = dropout(scores.softmax(-1), training);
        NDArray context = probabilities.matMul(v).transpose(0, 2, 1, 3).reshape(shape);
        NDArray attended = dropout(apply(store, attentionOutput, context, training), training);
        NDArray h = apply(store, attentionNorm, attended.add(x), training);
        NDArray inner = Activation.gelu(apply(store, intermediate, h, training));
        NDArray out = dropout(apply(store, output, inner, training), training);
        return new NDList(apply(store, outputNorm, out.add(h), training));
    }

    private NDArray dropout(NDArray x, boolean training) {
        return training && config.dropout() > 0 ? Dropout.dropout(x, config.dropout(), true).singletonOrThrow() : x;
    }

    private static NDArray apply(ParameterStore store, AbstractBlock block, NDArray x, boolean training) {
        return block.forward(store, new NDList(x), training).singletonOrThrow();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape hidden = inputShapes[0];
        for (AbstractBlock block : new AbstractBlock[] {query, key, value, attentionOutput, attentionNorm, outputNorm}) {
            block.initialize(manager, dataType, hidden);
        }
        intermediate.initialize(manager, dataType, hidden);
        output.initialize(manager, dataType, new Shape(hidden.get(0), hidden.get(1), config.intermediate()));
    }
}
