package io.deepsentiment.train.embedding;

import java.util.Arrays;
import java.util.List;

/**
 * The training sentences as vocabulary ids in one {@code int[]}, with out-of-vocabulary words
 * dropped (as word2vec does) and empty sentences left out.
 */
final class EncodedCorpus {

    private final int[] tokens;
    private final int[] sentenceStarts;

    private EncodedCorpus(int[] tokens, int[] sentenceStarts) {
        this.tokens = tokens;
        this.sentenceStarts = sentenceStarts;
    }

    static EncodedCorpus encode(List<List<String>> sentences, CorpusVocabulary vocabulary) {
        int[] tokens = new int[1024];
        int[] starts = new int[sentences.size() + 1];
        int tokenCount = 0;
        int sentenceCount = 0;
        for (List<String> sentence : sentences) {
            int start = tokenCount;
            for (String word : sentence) {
                int id = vocabulary.id(word);
                if (id >= 0) {
                    if (tokenCount == tokens.length) {
                        tokens = Arrays.copyOf(tokens, Math.addExact(tokenCount, tokenCount / 2));
                    }
                    tokens[tokenCount++] = id;
                }
            }
            if (tokenCount > start) {
                starts[sentenceCount++] = start;
            }
        }
        starts[sentenceCount] = tokenCount;
        return new EncodedCorpus(Arrays.copyOf(tokens, tokenCount), Arrays.copyOf(starts, sentenceCount + 1));
    }

    int sentenceCount() {
        return sentenceStarts.length - 1;
    }

    int tokenCount() {
        return tokens.length;
    }

    int sentenceStart(int sentence) {
        return sentenceStarts[sentence];
    }

    int sentenceEnd(int sentence) {
        return sentenceStarts[sentence + 1];
    }

    int token(int index) {
        return tokens[index];
    }

    /**
     * Splits the sentences into {@code parts} consecutive runs of about equal token counts, one per
     * worker thread.
     *
     * @return {@code parts + 1} sentence indices; part p is {@code [bounds[p], bounds[p + 1])}
     */
    int[] partition(int parts) {
        int[] bounds = new int[parts + 1];
        int sentence = 0;
        for (int part = 1; part < parts; part++) {
            long targetStart = (long) tokens.length * part / parts;
            while (sentence < sentenceCount() && sentenceStarts[sentence] < targetStart) {
                sentence++;
            }
            bounds[part] = sentence;
        }
        bounds[parts] = sentenceCount();
        return bounds;
    }
}
