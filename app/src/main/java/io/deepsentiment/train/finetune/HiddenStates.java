package io.deepsentiment.train.finetune;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.deepsentiment.model.encoder.EncoderClassifier;
import io.deepsentiment.model.net.OwnedArrays;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * The output of the frozen lower layers of the encoder for every text of a set, computed once.
 * When only the top layers are fine-tuned, the layers below them compute the same thing in every
 * epoch; keeping their output turns each training step into a pass through the top layers only
 * (with 4 of 12 layers trained, about a third of the work of a full pass).
 */
final class HiddenStates {

    /** Texts per forward pass while computing the states. */
    private static final int BATCH = 64;

    private final int hidden;
    private final float[][] states;
    private final int[] lengths;

    private HiddenStates(int hidden, float[][] states, int[] lengths) {
        this.hidden = hidden;
        this.states = states;
        this.lengths = lengths;
    }

    /**
     * Runs the embeddings and layers {@code [0, upTo)} over the texts (no dropout), in batches of
     * similar length so that the order, and so the result, is the same in every run.
     */
    static HiddenStates compute(EncoderClassifier net, NDManager parent, List<int[]> ids, int upTo,
            IntConsumer progress) {
        int hidden = net.config().hidden();
        float[][] states = new float[ids.size()][];
        int[] lengths = new int[ids.size()];
        Integer[] order = new Integer[ids.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
            lengths[i] = ids.get(i).length;
        }
        Arrays.sort(order, Comparator.comparingInt(i -> lengths[i]));
        for (int start = 0; start < order.length; start += BATCH) {
            int end = Math.min(order.length, start + BATCH);
            int[] rows = new int[end - start];
            for (int k = start; k < end; k++) {
                rows[k - start] = order[k];
            }
            try (NDManager manager = parent.newSubManager()) {
                NDList input = padIds(manager, ids, rows);
                ParameterStore store = new ParameterStore(manager, false);
                NDArray x = net.embed(store, input.get(0), false);
                x = net.layers(store, x, EncoderClassifier.additiveMask(input.get(1)), 0, upTo, false);
                float[] all = x.toFloatArray();
                int length = Math.toIntExact(input.get(0).getShape().get(1));
                for (int r = 0; r < rows.length; r++) {
                    int n = lengths[rows[r]];
                    states[rows[r]] = Arrays.copyOfRange(all, r * length * hidden, (r * length + n) * hidden);
                }
            }
            progress.accept(end);
        }
        return new HiddenStates(hidden, states, lengths);
    }

    /** Word-piece ids and attention mask of the rows, padded with 0 to the longest. */
    static NDList padIds(NDManager manager, List<int[]> ids, int[] rows) {
        int length = 1;
        for (int r : rows) {
            length = Math.max(length, ids.get(r).length);
        }
        long[] flat = new long[rows.length * length];
        long[] mask = new long[rows.length * length];
        for (int i = 0; i < rows.length; i++) {
            int[] row = ids.get(rows[i]);
            for (int j = 0; j < row.length; j++) {
                flat[i * length + j] = row[j];
                mask[i * length + j] = 1;
            }
        }
        Shape shape = new Shape(rows.length, length);
        return new NDList(OwnedArrays.of(manager, flat, shape), OwnedArrays.of(manager, mask, shape));
    }

    int size() {
        return states.length;
    }

    int length(int row) {
        return lengths[row];
    }

    /** The states of the rows, (batch, length, hidden) padded with zeros, and their mask (batch, length). */
    NDList batch(NDManager manager, int[] rows) {
        int length = 1;
        for (int r : rows) {
            length = Math.max(length, lengths[r]);
        }
        float[] flat = new float[rows.length * length * hidden];
        long[] mask = new long[rows.length * length];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(states[rows[i]], 0, flat, i * length * hidden, lengths[rows[i]] * hidden);
            Arrays.fill(mask, i * length, i * length + lengths[rows[i]], 1L);
        }
        return new NDList(OwnedArrays.of(manager, flat, new Shape(rows.length, length, hidden)),
                OwnedArrays.of(manager, mask, new Shape(rows.length, length)));
    }
}
