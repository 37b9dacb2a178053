package io.deepsentiment.model.net;

import java.util.List;

/**
 * The shape of a {@link TextCnn}: everything needed to rebuild the network before its saved
 * parameters are loaded. Stored in every model artifact.
 *
 * @param vocabularySize rows of the embedding matrix
 * @param embeddingDim width of a word vector
 * @param filterWidths convolution widths in tokens (Kim 2014 uses 3, 4, 5)
 * @param filtersPerWidth feature maps per width
 * @param dropout dropout rate before the output layer, used in training only
 * @param classes number of labels
 * @param maxTokens texts are cut to this many tokens
 * @param meanPooling pool each feature map by its mean over the text as well as by its maximum
 *     (helps long reviews, where one strong phrase should not decide alone)
 * @param ngramBuckets 0 for a plain CNN; otherwise the network also has a linear bag of words and
 *     word pairs (fastText-like), each pair hashed into one of this many buckets, whose logits are
 *     mixed with the CNN's in prediction (see {@link TextCnn})
 */
public record CnnConfig(
        int vocabularySize,
        int embeddingDim,
        List<Integer> filterWidths,
        int filtersPerWidth,
        float dropout,
        int classes,
        int maxTokens,
        boolean meanPooling,
        int ngramBuckets) {

    public CnnConfig {
        filterWidths = List.copyOf(filterWidths);
        if (vocabularySize < 2 || embeddingDim < 1 || filterWidths.isEmpty() || filtersPerWidth < 1
                || classes < 2 || maxTokens < 1 || dropout < 0 || dropout >= 1 || ngramBuckets < 0) {
            throw new IllegalArgumentException("invalid CNN configuration: " + this);
        }
    }

    public int widestFilter() {
        return filterWidths.stream().mapToInt(Integer::intValue).max().orElseThrow();
    }

    public boolean hasNgrams() {
        return ngramBuckets > 0;
    }

    public int features() {
        return filterWidths.size() * filtersPerWidth * (meanPooling ? 2 : 1);
    }
}
