package io.deepsentiment.model.net;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.UniformInitializer;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * A Kim (2014) sentence CNN: word embeddings, one convolution per filter width, ReLU, max over
 * time, dropout, and a linear layer giving one logit per label.
 *
 * <p>Optionally ({@link CnnConfig#ngramBuckets()}) a second model shares the artifact: a linear bag
 * of words and hashed word pairs, as in fastText and NBSVM, which remembers which exact words and
 * pairs carry sentiment where the CNN generalises from word vectors. The two are an ensemble. The
 * forward pass returns each one's logits, (CNN, bag), in training and prediction alike, so that
 * training fits each to the labels on its own; a prediction is made from their weighted sum,
 * {@link #mix(NDList)}: {@code mix[0] * cnn + mix[1] * bag} (a weighted geometric mean of the two
 * models' probabilities). The weights are chosen on the development set after training and stored
 * in the artifact as the parameter {@code mix} ({@link #setMix}): each part fits its training data
 * with a confidence of its own, so equal weights are not what fits unseen texts best. Without a bag
 * the forward pass returns the CNN's logits alone.
 *
 * <p>Input: token ids {@code (batch, length)} as int64, padded with id 0. Windows that lie wholly in
 * the padding are masked out before pooling, so a text gets the same scores whatever it is batched
 * with.
 */
public final class TextCnn extends AbstractBlock {

    private static final byte VERSION = 1;

    /** Multiplier of the first word id when hashing a word pair: a prime far above any vocabulary size. */
    static final long PAIR_HASH = 1_000_003L;

    /**
     * Fixed factor on the bag's scores. Adam moves every weight by about the learning rate per step
     * whatever the gradient's scale, so this is the bag's learning rate relative to the CNN's: at 1
     * the bag had learned little after the CNN's 4 epochs (IMDB dev 85%), at 10 to 30 it reached 91%.
     */
    static final float BAG_SCALE = 20f;

    private final CnnConfig config;
    private final Parameter embedding;
    private final List<Conv1d> convolutions = new ArrayList<>();
    private final Linear output;
    private final Parameter ngrams;
    private final Parameter ngramBias;
    private final Parameter mix;

    public TextCnn(CnnConfig config) {
        super(VERSION);
        this.config = config;
        this.embedding = addParameter(Parameter.builder()
                .setName("embedding")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(config.vocabularySize(), config.embeddingDim()))
                .optInitializer(new UniformInitializer(0.25f))
                .build());
        for (int width : config.filterWidths()) {
            convolutions.add(addChildBlock("conv" + width, Conv1d.builder()
                    .setKernelShape(new Shape(width))
                    .setFilters(config.filtersPerWidth())
                    .build()));
        }
        this.output = addChildBlock("output", Linear.builder().setUnits(config.classes()).build());
        this.ngrams = !config.hasNgrams() ? null : addParameter(Parameter.builder()
                .setName("ngrams")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(config.vocabularySize() + (long) config.ngramBuckets(), config.classes()))
                .optInitializer(Initializer.ZEROS)
                .build());
        this.ngramBias = !config.hasNgrams() ? null : addParameter(Parameter.builder()
                .setName("ngramBias")
                .setType(Parameter.Type.BIAS)
                .optShape(new Shape(config.classes()))
                .optInitializer(Initializer.ZEROS)
                .build());
        this.mix = !config.hasNgrams() ? null : addParameter(Parameter.builder()
                .setName("mix")
                .setType(Parameter.Type.OTHER)
                .optShape(new Shape(2))
                .optInitializer(new ConstantInitializer(0.5f))
                // chosen on the development set, never trained
                .optRequiresGrad(false)
                .build());
    }

    public CnnConfig config() {
        return config;
    }

    /** The embedding matrix parameter, so training can start it from pre-trained word vectors. */
    public Parameter embedding() {
        return embedding;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray ids = inputs.singletonOrThrow();
        NDArray weights = store.getValue(embedding, ids.getDevice(), training);
        NDArray words = Embedding.embedding(ids, weights, SparseFormat.DENSE).singletonOrThrow();
        NDArray lengths = ids.neq(0).sum(new int[] {1}).toType(DataType.INT64, false).expandDims(1);
        long length = ids.getShape().get(1);
        NDManager manager = ids.getManager();
        NDList pooled = new NDList();
        for (int i = 0; i < convolutions.size(); i++) {
            int width = config.filterWidths().get(i);
            long windows = length - width + 1;
            NDArray maps = Activation.relu(convolve(store, convolutions.get(i), words, width, windows, training));
            // A window is real if it starts before the last full window of the text (or is the first one).
            NDArray lastStart = lengths.sub(width).maximum(0);
            NDArray valid = manager.arange(windows).toType(DataType.INT64, false).expandDims(0).lte(lastStart);
            NDArray validWindows = valid.expandDims(2).toType(maps.getDataType(), false);
            maps = maps.mul(validWindows);
            pooled.add(maps.max(new int[] {1}));
            if (config.meanPooling()) {
                pooled.add(maps.sum(new int[] {1}).div(validWindows.sum(new int[] {1})));
            }
        }
        NDArray features = NDArrays.concat(pooled, 1);
        features = Dropout.dropout(features, config.dropout(), training).singletonOrThrow();
        NDArray logits = output.forward(store, new NDList(features), training).singletonOrThrow();
        if (ngrams == null) {
            return new NDList(logits);
        }
        return new NDList(logits, bagOfNgrams(store, ids, training));
    }

    /** Whether the network has the bag of n-grams, i.e. whether its forward pass returns two sets of logits. */
    public boolean hasBag() {
        return ngrams != null;
    }

    /**
     * The logits a prediction is made from, given the forward pass's outputs: the CNN's alone, or
     * the CNN's and the bag's mixed with the weights stored in the network ({@link #setMix}).
     */
    public NDArray mix(NDList outputs) {
        return mix(outputs, mix == null ? null : mix.getArray());
    }

    /**
     * The same with the given weights, {@code (cnn, bag)} as a float32 array of 2, so that training
     * can score candidate weights without changing the network's.
     */
    public static NDArray mix(NDList outputs, NDArray weights) {
        if (outputs.size() == 1) {
            return outputs.get(0);
        }
        return outputs.get(0).mul(weights.get(0)).add(outputs.get(1).mul(weights.get(1)));
    }

    /** Sets the weights of the CNN's and the bag's logits in prediction (see the class comment). */
    public void setMix(float cnn, float bag) {
        if (mix == null) {
            throw new IllegalStateException("this network has no bag of n-grams to mix");
        }
        OwnedArrays.copyInto(mix.getArray(), new float[] {cnn, bag}, mix.getArray().getManager());
    }

    /**
     * The bag's logits, (batch, classes): the rows of the words (their ids) and of the word pairs
     * (row {@code vocabularySize + hash(first, second) mod ngramBuckets}) summed and divided by the
     * square root of their number, so that long and short texts get scores of a similar scale.
     */
    private NDArray bagOfNgrams(ParameterStore store, NDArray ids, boolean training) {
        NDArray table = store.getValue(ngrams, ids.getDevice(), training);
        NDArray bias = store.getValue(ngramBias, ids.getDevice(), training);
        NDArray first = ids.get(":, :-1");
        NDArray second = ids.get(":, 1:");
        NDArray pairs = first.mul(PAIR_HASH).add(second).mod(config.ngramBuckets()).add(config.vocabularySize());
        NDArray grams = NDArrays.concat(new NDList(ids, pairs), 1);
        // Padding only ever follows the text, so a pair is real when its second word is.
        NDArray present = NDArrays.concat(new NDList(ids.neq(0), second.neq(0)), 1)
                .toType(table.getDataType(), false).expandDims(2);
        NDArray rows = Embedding.embedding(grams, table, SparseFormat.DENSE).singletonOrThrow();
        NDArray scale = present.sum(new int[] {1}).maximum(1).sqrt().div(BAG_SCALE);
        return rows.mul(present).sum(new int[] {1}).div(scale).add(bias);
    }

    /**
     * One convolution as a matrix product: the {@code width} shifted copies of the word vectors are
     * laid side by side, (batch, windows, width * dim), and multiplied by the filters reshaped to
     * (width * dim, filters). It gives what the Conv1d block computes from the same parameters,
     * but through contiguous memory and one GEMM: PyTorch's conv1d kernels on this machine returned
     * NaN for finite inputs now and then (README, Known issues), and were slower. (Multiplying each
     * word vector once by all filter slices and summing shifted slices of the result was tried too:
     * half as fast in prediction and far slower in training.)
     *
     * @return feature maps (batch, windows, filters)
     */
    static NDArray convolve(
            ParameterStore store, Conv1d conv, NDArray words, int width, long windows, boolean training) {
        NDList shifted = new NDList(width);
        for (int k = 0; k < width; k++) {
            shifted.add(words.get(":, {}:{}, :", k, k + windows));
        }
        NDArray patches = width == 1 ? shifted.get(0) : NDArrays.concat(shifted, 2);
        NDArray kernel = store.getValue(conv.getParameters().get("weight"), words.getDevice(), training);
        NDArray bias = store.getValue(conv.getParameters().get("bias"), words.getDevice(), training);
        Shape kernelShape = kernel.getShape(); // (filters, dim, width)
        // (filters, width, dim) -> (filters, width * dim), in the order the patches are laid out
        NDArray matrix = kernel.transpose(0, 2, 1).reshape(new Shape(kernelShape.get(0), width * kernelShape.get(1)));
        return patches.matMul(matrix.transpose()).add(bias);
    }

    /** One shape (batch, classes) per output: the CNN's logits, and the bag's if it has one. */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape logits = new Shape(inputShapes[0].get(0), config.classes());
        return hasBag() ? new Shape[] {logits, logits} : new Shape[] {logits};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long batch = inputShapes[0].get(0);
        long length = Math.max(inputShapes[0].get(1), config.widestFilter());
        for (Conv1d conv : convolutions) {
            conv.initialize(manager, dataType, new Shape(batch, config.embeddingDim(), length));
        }
        output.initialize(manager, dataType, new Shape(batch, config.features()));
    }
}
