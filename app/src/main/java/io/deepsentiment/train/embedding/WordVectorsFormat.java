package io.deepsentiment.train.embedding;

/**
 * The on-disk layouts of pre-trained word vectors that {@link WordVectorsReader} understands; each
 * may also be gzip-compressed.
 */
public enum WordVectorsFormat {

    /** word2vec binary: header {@code COUNT DIM}, then word, space, DIM little-endian float32 (GoogleNews). */
    WORD2VEC_BINARY,

    /** word2vec text: header {@code COUNT DIM}, then lines {@code word v1 ... vDIM} (gensim, fastText .vec). */
    WORD2VEC_TEXT,

    /** GloVe text: lines {@code word v1 ... vDIM} without a header (glove.twitter.27B.100d.txt). */
    GLOVE_TEXT
}
