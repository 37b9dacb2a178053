package io.deepsentiment.model.predict;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Scores texts in batches of similar length, so that a batch is padded to about its own texts'
 * length rather than to the longest text of the request, and returns the rows in the texts' order.
 */
final class LengthSortedBatches {

    private LengthSortedBatches() {}

    /**
     * @param forward scores one batch of ids, one row per text in the batch's order
     */
    static List<float[]> score(List<int[]> ids, int batchSize, Function<List<int[]>, List<float[]>> forward) {
        Integer[] order = new Integer[ids.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingInt(i -> ids.get(i).length));
        float[][] out = new float[ids.size()][];
        for (int start = 0; start < order.length; start += batchSize) {
            int end = Math.min(order.length, start + batchSize);
            List<int[]> batch = new ArrayList<>(end - start);
            for (int k = start; k < end; k++) {
                batch.add(ids.get(order[k]));
            }
            List<float[]> scores = forward.apply(batch);
            for (int k = start; k < end; k++) {
                out[order[k]] = scores.get(k - start);
            }
        }
        return Arrays.asList(out);
    }
}
