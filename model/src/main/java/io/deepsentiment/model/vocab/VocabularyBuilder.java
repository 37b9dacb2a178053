package io.deepsentiment.model.vocab;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Counts tokens over a corpus and keeps the frequent ones, most frequent first (ties by token). */
public final class VocabularyBuilder {

    private final Map<String, Integer> counts = new HashMap<>();

    public VocabularyBuilder add(List<String> tokens) {
        for (String t : tokens) {
            counts.merge(t, 1, Integer::sum);
        }
        return this;
    }

    public int count(String token) {
        return counts.getOrDefault(token, 0);
    }

    /** Tokens seen at least {@code minCount} times, at most {@code maxSize} of them, most frequent first. */
    public List<String> frequentTokens(int minCount, int maxSize) {
        List<Map.Entry<String, Integer>> entries = new ArrayList<>(counts.entrySet());
        entries.removeIf(e -> e.getValue() < minCount);
        entries.sort(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        List<String> out = new ArrayList<>();
        for (int i = 0; i < entries.size() && out.size() < maxSize; i++) {
            out.add(entries.get(i).getKey());
        }
        return out;
    }
}
