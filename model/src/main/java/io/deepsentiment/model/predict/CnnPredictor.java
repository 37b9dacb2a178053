package io.deepsentiment.model.predict;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.deepsentiment.model.artifact.ModelArtifact;
import io.deepsentiment.model.artifact.ModelManifest;
import io.deepsentiment.model.net.CnnConfig;
import io.deepsentiment.model.net.OwnedArrays;
import io.deepsentiment.model.net.TextCnn;
import io.deepsentiment.model.text.TweetTokenizer;
import io.deepsentiment.model.vocab.Vocabulary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Scores texts with a trained CNN: text -> tokens -> ids -> network -> {@link Prediction}.
 *
 * <p>Thread-safe: every call works in its own NDManager and only reads the shared weights, so the
 * web service may call it from many threads at once.
 */
public final class CnnPredictor implements SentimentPredictor {

    /** Texts per forward pass: big enough to keep both cores busy, small enough for short latency. */
    public static final int BATCH_SIZE = 256;

    private final ModelManifest manifest;
    private final Vocabulary vocabulary;
    private final TweetTokenizer tokenizer;
    private final Model model;
    private final boolean ownsModel;
    /** The weights of the CNN's and the bag's logits, or null for those stored in the network. */
    private final float[] mix;

    /** A predictor over an in-memory model, as training uses it for its development set. */
    public CnnPredictor(ModelManifest manifest, Vocabulary vocabulary, Model model) {
        this(manifest, vocabulary, model, false, null);
    }

    private CnnPredictor(ModelManifest manifest, Vocabulary vocabulary, Model model, boolean ownsModel, float[] mix) {
        this.manifest = manifest;
        this.vocabulary = vocabulary;
        this.tokenizer = new TweetTokenizer(manifest.tokenizer().markNegation());
        this.model = model;
        this.ownsModel = ownsModel;
        this.mix = mix;
    }

    /**
     * A predictor over the same model that mixes the CNN's and the bag's logits with these weights
     * instead of the network's own ({@link TextCnn#mix(NDList)}), without changing the network:
     * training scores candidate weights on the development set with it.
     */
    public CnnPredictor withMix(float cnn, float bag) {
        if (!((TextCnn) model.getBlock()).hasBag()) {
            throw new IllegalStateException("this network has no bag of n-grams to mix");
        }
        return new CnnPredictor(manifest, vocabulary, model, false, new float[] {cnn, bag});
    }

    /** Loads a CNN model directory whose manifest was read and checked. */
    static CnnPredictor load(Path dir, ModelManifest manifest) {
        Vocabulary vocabulary = ModelArtifact.readVocabulary(dir);
        Model model = ModelArtifact.loadModel(dir, manifest, vocabulary);
        return new CnnPredictor(manifest, vocabulary, model, true, null);
    }

    @Override
    public ModelManifest manifest() {
        return manifest;
    }

    /** The tweet tokenizer's tokens (with the model's negation marking). */
    @Override
    public List<String> tokens(String text) {
        return tokenizer.tokenize(text);
    }

    /** Token ids of a tokenized text, cut to the model's maximum length. */
    @Override
    public int[] toIds(List<String> tokens) {
        return vocabulary.ids(tokens, 0, manifest.tokenizer().maxTokens());
    }

    /**
     * Class probabilities for texts already turned into ids, one float[] per text in label order.
     * Texts are batched in order of length, so that a batch is padded to about its own texts'
     * length rather than to the longest text of the request (scores do not depend on the batch).
     */
    @Override
    public List<float[]> probabilities(List<int[]> ids) {
        return LengthSortedBatches.score(ids, BATCH_SIZE, this::forward);
    }

    private List<float[]> forward(List<int[]> batch) {
        CnnConfig net = manifest.network();
        int length = net.widestFilter();
        for (int[] row : batch) {
            length = Math.max(length, row.length);
        }
        long[] flat = new long[batch.size() * length];
        for (int i = 0; i < batch.size(); i++) {
            int[] row = batch.get(i);
            for (int j = 0; j < row.length; j++) {
                flat[i * length + j] = row[j];
            }
        }
        return forwardOnce(flat, batch.size(), length, net.classes());
    }

    private List<float[]> forwardOnce(long[] flat, int rows, int length, int classes) {
        try (NDManager manager = model.getNDManager().newSubManager()) {
            TextCnn net = (TextCnn) model.getBlock();
            NDArray input = OwnedArrays.of(manager, flat, new Shape(rows, length));
            NDList outputs = net.forward(new ParameterStore(manager, false), new NDList(input), false);
            NDArray logits = mix == null ? net.mix(outputs)
                    : TextCnn.mix(outputs, OwnedArrays.of(manager, mix, new Shape(mix.length)));
            float[] all = logits.softmax(1).toFloatArray();
            // The one check kept from the conv1d NaN hunt (docs/models.md): it costs a pass over a few
            // floats per text, and a label is never made from a non-finite score. Recomputing such a
            // batch, as was done then, caught nothing in 10,000 random batches since the fix.
            for (float x : all) {
                if (!Float.isFinite(x)) {
                    throw new IllegalStateException("the network returned non-finite scores for a batch of "
                            + rows + " texts");
                }
            }
            List<float[]> out = new ArrayList<>(rows);
            for (int i = 0; i < rows; i++) {
                float[] p = new float[classes];
                System.arraycopy(all, i * classes, p, 0, classes);
                out.add(p);
            }
            return out;
        }
    }

    @Override
    public void close() {
        if (ownsModel) {
            model.close();
        }
    }
}
