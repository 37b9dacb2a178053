package io.deepsentiment.train.fit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Orders the examples of one epoch into mini-batches of similar length: shuffled, then sorted by
 * length inside windows of many batches, then the batches shuffled. Reviews vary from 10 to 2,500
 * words, and padding every batch to its longest text would otherwise waste most of the convolutions.
 */
public final class BatchPlan {

    private static final int BATCHES_PER_WINDOW = 50;

    private BatchPlan() {}

    public static List<int[]> epoch(List<int[]> examples, int batchSize, Random random) {
        List<Integer> order = new ArrayList<>(examples.size());
        for (int i = 0; i < examples.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, random);
        int window = batchSize * BATCHES_PER_WINDOW;
        List<int[]> batches = new ArrayList<>();
        for (int start = 0; start < order.size(); start += window) {
            List<Integer> chunk = new ArrayList<>(order.subList(start, Math.min(order.size(), start + window)));
            chunk.sort(Comparator.comparingInt(i -> examples.get(i).length));
            for (int b = 0; b < chunk.size(); b += batchSize) {
                List<Integer> batch = chunk.subList(b, Math.min(chunk.size(), b + batchSize));
                batches.add(batch.stream().mapToInt(Integer::intValue).toArray());
            }
        }
        Collections.shuffle(batches, random);
        return batches;
    }
}
