package io.deepsentiment.model.vocab;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps tokens to the row ids of the embedding matrix. Id 0 is padding and id 1 stands for every
 * token the model has not seen; the file form is one token per line, line number = id.
 */
public final class Vocabulary {

    public static final String PAD = "<pad>";
    public static final String UNKNOWN = "<unk>";
    public static final int PAD_ID = 0;
    public static final int UNKNOWN_ID = 1;

    private final List<String> tokens;
    private final Map<String, Integer> ids;

    private Vocabulary(List<String> tokens) {
        this.tokens = List.copyOf(tokens);
        this.ids = new HashMap<>(tokens.size() * 2);
        for (int i = 0; i < tokens.size(); i++) {
            if (ids.putIfAbsent(tokens.get(i), i) != null) {
                throw new IllegalArgumentException("duplicate token in vocabulary: " + tokens.get(i));
            }
        }
        if (tokens.size() < 2 || !PAD.equals(tokens.get(PAD_ID)) || !UNKNOWN.equals(tokens.get(UNKNOWN_ID))) {
            throw new IllegalArgumentException("a vocabulary must start with " + PAD + " and " + UNKNOWN);
        }
    }

    /** A vocabulary of {@link #PAD}, {@link #UNKNOWN}, then the given tokens in order (duplicates skipped). */
    public static Vocabulary of(Iterable<String> words) {
        List<String> list = new ArrayList<>();
        list.add(PAD);
        list.add(UNKNOWN);
        java.util.Set<String> seen = new java.util.HashSet<>(list);
        for (String w : words) {
            if (seen.add(w)) {
                list.add(w);
            }
        }
        return new Vocabulary(list);
    }

    public int size() {
        return tokens.size();
    }

    /** The id of a token, {@link #UNKNOWN_ID} when it is not in the vocabulary. */
    public int id(String token) {
        Integer id = ids.get(token);
        return id == null ? UNKNOWN_ID : id;
    }

    public boolean contains(String token) {
        return ids.containsKey(token);
    }

    public String token(int id) {
        return tokens.get(id);
    }

    public List<String> tokens() {
        return Collections.unmodifiableList(tokens);
    }

    /** The ids of the tokens, padded with {@link #PAD_ID} up to {@code minLength} and cut at {@code maxLength}. */
    public int[] ids(List<String> sentence, int minLength, int maxLength) {
        int n = Math.min(sentence.size(), maxLength);
        int[] out = new int[Math.max(n, minLength)];
        for (int i = 0; i < n; i++) {
            out[i] = id(sentence.get(i));
        }
        return out;
    }

    public void write(Path file) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (String t : tokens) {
                w.write(t);
                w.write('\n');
            }
        }
    }

    public static Vocabulary read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return new Vocabulary(lines);
    }
}
