package io.deepsentiment.train.embedding;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable table of word vectors that all have the same dimension.
 *
 * <p>All vectors live in one row-major {@code float[]} with a word-to-row map beside it: millions
 * of vectors (GoogleNews has 3M x 300) then cost one array instead of one object per word.
 * Being immutable, a table can be shared between threads.
 */
public final class WordVectors {

    private final int dimension;
    private final Map<String, Integer> rows;
    private final float[] values;

    private WordVectors(int dimension, Map<String, Integer> rows, float[] values) {
        this.dimension = dimension;
        this.rows = Collections.unmodifiableMap(rows);
        this.values = values;
    }

    /** Takes ownership of {@code values}; the row of each word is its position in {@code words}. */
    static WordVectors ofRows(int dimension, String[] words, float[] values) {
        if (values.length != (long) words.length * dimension) {
            throw new IllegalArgumentException(
                    words.length + " words need " + (long) words.length * dimension + " values, got " + values.length);
        }
        Map<String, Integer> rows = new LinkedHashMap<>(words.length * 4 / 3 + 1);
        for (int row = 0; row < words.length; row++) {
            if (rows.putIfAbsent(words[row], row) != null) {
                throw new IllegalArgumentException("duplicate word '" + words[row] + "'");
            }
        }
        return new WordVectors(dimension, rows, values);
    }

    /**
     * Copies vectors from a map, keeping its iteration order (use a {@link LinkedHashMap} for a
     * defined order).
     *
     * @param vectors word to vector; every vector must have the same length
     * @return the table; its dimension is 0 when {@code vectors} is empty
     * @throws IllegalArgumentException when the vectors differ in length
     */
    public static WordVectors of(Map<String, float[]> vectors) {
        int dimension = vectors.isEmpty() ? 0 : vectors.values().iterator().next().length;
        Builder builder = builder(dimension);
        vectors.forEach(builder::add);
        return builder.build();
    }

    /**
     * Starts a table of vectors of one dimension.
     *
     * @param dimension the length of every vector
     * @return an empty builder
     */
    public static Builder builder(int dimension) {
        return new Builder(dimension, Integer.MAX_VALUE);
    }

    /** A builder that never reserves room for more than {@code maxWords} vectors. */
    static Builder builder(int dimension, long maxWords) {
        return new Builder(dimension, maxWords);
    }

    /**
     * Returns the length of every vector.
     *
     * @return the dimension
     */
    public int dimension() {
        return dimension;
    }

    /**
     * Returns the number of words.
     *
     * @return the number of words in the table
     */
    public int size() {
        return rows.size();
    }

    /**
     * Tells whether the table has a vector for a word.
     *
     * @param word the word, exactly as stored (no case folding)
     * @return true when the word has a vector
     */
    public boolean contains(String word) {
        return rows.containsKey(word);
    }

    /**
     * Returns a copy of the vector of a word.
     *
     * @param word the word, exactly as stored (no case folding)
     * @return a new array of {@link #dimension()} values, or null when the word is absent
     */
    public float[] vector(String word) {
        Integer row = rows.get(word);
        if (row == null) {
            return null;
        }
        float[] vector = new float[dimension];
        System.arraycopy(values, row * dimension, vector, 0, dimension);
        return vector;
    }

    /**
     * Returns the words in the order they were added (for files: the order in the file).
     *
     * @return an unmodifiable view of the words
     */
    public Set<String> words() {
        return rows.keySet();
    }

    @Override
    public String toString() {
        return "WordVectors[size=" + size() + ", dimension=" + dimension + "]";
    }

    /**
     * Collects vectors of one dimension into a {@link WordVectors}; used once.
     */
    public static final class Builder {

        private final int dimension;
        private final long maxWords;
        private final Map<String, Integer> rows = new LinkedHashMap<>();
        private float[] values;
        private boolean built;

        private Builder(int dimension, long maxWords) {
            if (dimension < 0) {
                throw new IllegalArgumentException("dimension must not be negative: " + dimension);
            }
            this.dimension = dimension;
            this.maxWords = Math.max(0, maxWords);
            this.values = new float[0];
        }

        /**
         * Adds the vector of a new word.
         *
         * @param word a word not added before
         * @param vector {@code dimension} values; copied
         * @return this builder
         * @throws IllegalArgumentException when the word is already present or the length is wrong
         */
        public Builder add(String word, float[] vector) {
            Objects.requireNonNull(word, "word");
            if (vector.length != dimension) {
                throw new IllegalArgumentException("the vector of word '" + word + "' has " + vector.length
                        + " values, expected " + dimension);
            }
            if (built) {
                throw new IllegalStateException("build() was already called");
            }
            if (rows.containsKey(word)) {
                throw new IllegalArgumentException("duplicate word '" + word + "'");
            }
            int row = rows.size();
            ensureRoomForRow(row);
            System.arraycopy(vector, 0, values, row * dimension, dimension);
            rows.put(word, row);
            return this;
        }

        /**
         * Tells whether a word was already added.
         *
         * @param word the word
         * @return true when present
         */
        public boolean contains(String word) {
            return rows.containsKey(word);
        }

        /**
         * Returns the number of words added so far.
         *
         * @return the number of words
         */
        public int size() {
            return rows.size();
        }

        /**
         * Finishes the table; the builder cannot be used afterwards.
         *
         * @return the immutable table
         */
        public WordVectors build() {
            built = true;
            int used = rows.size() * dimension;
            float[] exact = values.length == used ? values : Arrays.copyOf(values, used);
            values = null;
            return new WordVectors(dimension, rows, exact);
        }

        /** Grows by half each time, capped at maxWords, so a header count never over-reserves much. */
        private void ensureRoomForRow(int row) {
            long needed = ((long) row + 1) * dimension;
            if (needed <= values.length) {
                return;
            }
            long wantedRows = Math.max(16, (long) row + row / 2);
            wantedRows = Math.max(row + 1L, Math.min(wantedRows, maxWords));
            long wanted = wantedRows * dimension;
            if (wanted > Integer.MAX_VALUE - 8) {
                wanted = needed;
            }
            if (wanted > Integer.MAX_VALUE - 8) {
                throw new WordVectorsException("Too many word vectors to hold in memory: more than " + row
                        + " vectors of dimension " + dimension + "; keep only the words you need");
            }
            values = Arrays.copyOf(values, (int) wanted);
        }
    }
}
