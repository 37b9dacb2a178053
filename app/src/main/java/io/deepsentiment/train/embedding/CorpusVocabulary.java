package io.deepsentiment.train.embedding;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The words of a training corpus that occur at least {@code minCount} times, with their counts,
 * most frequent first (ties in order of first occurrence, so the ids are reproducible).
 */
final class CorpusVocabulary {

    private final String[] words;
    private final long[] counts;
    private final Map<String, Integer> ids;
    private final long totalCount;

    private CorpusVocabulary(String[] words, long[] counts) {
        this.words = words;
        this.counts = counts;
        this.ids = new HashMap<>(words.length * 4 / 3 + 1);
        long total = 0;
        for (int id = 0; id < words.length; id++) {
            ids.put(words[id], id);
            total += counts[id];
        }
        this.totalCount = total;
    }

    static CorpusVocabulary count(List<List<String>> sentences, int minCount) {
        Map<String, long[]> countOf = new LinkedHashMap<>();
        for (List<String> sentence : sentences) {
            for (String word : sentence) {
                countOf.computeIfAbsent(word, w -> new long[1])[0]++;
            }
        }
        List<Map.Entry<String, long[]>> frequent = new ArrayList<>();
        for (Map.Entry<String, long[]> entry : countOf.entrySet()) {
            if (entry.getValue()[0] >= minCount) {
                frequent.add(entry);
            }
        }
        frequent.sort(Comparator.comparingLong((Map.Entry<String, long[]> e) -> e.getValue()[0]).reversed());
        String[] words = new String[frequent.size()];
        long[] counts = new long[frequent.size()];
        for (int id = 0; id < words.length; id++) {
            words[id] = frequent.get(id).getKey();
            counts[id] = frequent.get(id).getValue()[0];
        }
        return new CorpusVocabulary(words, counts);
    }

    int size() {
        return words.length;
    }

    /** The id of a word, or -1 when it is rarer than minCount. */
    int id(String word) {
        Integer id = ids.get(word);
        return id == null ? -1 : id;
    }

    String[] words() {
        return words.clone();
    }

    long count(int id) {
        return counts[id];
    }

    /**
     * The probability of keeping each occurrence of a word when frequent words are down-sampled
     * (word2vec's formula: {@code (sqrt(f / t) + 1) * t / f} for frequency f and threshold t).
     * Rare words get 1 or more, meaning always kept.
     */
    float[] keepProbabilities(double threshold) {
        float[] keep = new float[words.length];
        double scaledThreshold = threshold * totalCount;
        for (int id = 0; id < words.length; id++) {
            keep[id] = threshold <= 0 ? 1f
                    : (float) ((Math.sqrt(counts[id] / scaledThreshold) + 1) * scaledThreshold / counts[id]);
        }
        return keep;
    }
}
