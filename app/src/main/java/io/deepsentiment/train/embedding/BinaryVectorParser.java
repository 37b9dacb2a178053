package io.deepsentiment.train.embedding;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Predicate;

/**
 * Reads the word2vec binary format, as in GoogleNews-vectors-negative300.bin.
 *
 * <p>After the text header {@code COUNT DIMENSION\n} come COUNT records: the word's UTF-8 bytes,
 * a space, DIMENSION little-endian float32 values, and a '\n' that the original word2vec tool
 * writes but gensim does not (so it is optional). Vectors of words that are not kept are skipped
 * without being decoded.
 */
final class BinaryVectorParser {

    /** Longer "words" mean the file is not word2vec binary at all; stop before reading it all. */
    private static final int MAX_WORD_BYTES = 1 << 16;

    private final ByteInput input;
    private final Predicate<String> keep;
    private byte[] wordBytes = new byte[256];

    private BinaryVectorParser(ByteInput input, Predicate<String> keep) {
        this.input = input;
        this.keep = keep;
    }

    /** Reads the header and the vectors it declares from the start of {@code input}. */
    static WordVectors read(ByteInput input, Predicate<String> keep) throws IOException {
        return new BinaryVectorParser(input, keep).readAll();
    }

    private WordVectors readAll() throws IOException {
        Word2VecHeader header = Word2VecHeader.read(input);
        int dimension = header.dimension();
        int vectorBytes = Math.multiplyExact(dimension, Float.BYTES);
        byte[] rawVector = new byte[vectorBytes];
        FloatBuffer littleEndianFloats = ByteBuffer.wrap(rawVector).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        float[] vector = new float[dimension];
        WordVectors.Builder builder = WordVectors.builder(dimension, header.count());
        for (long index = 0; index < header.count(); index++) {
            String word = readWord(index, header.count());
            if (!builder.contains(word) && keep.test(word)) {
                if (input.read(rawVector, 0, vectorBytes) < vectorBytes) {
                    throw truncatedIn(word);
                }
                littleEndianFloats.get(0, vector);
                builder.add(word, vector);
            } else if (input.skip(vectorBytes) < vectorBytes) {
                throw truncatedIn(word);
            }
        }
        return builder.build();
    }

    /** Reads the bytes up to the next space, skipping the '\n' that may end the previous record. */
    private String readWord(long index, long declared) throws IOException {
        int b = input.read();
        while (b == '\n') {
            b = input.read();
        }
        if (b < 0) {
            throw new WordVectorsException(
                    input.source() + " ended after " + index + " of " + declared + " vectors declared in its header");
        }
        int length = 0;
        while (b != ' ') {
            if (b < 0) {
                throw new WordVectorsException(input.source() + " is truncated in the word of vector " + (index + 1)
                        + " of " + declared + " ('" + decode(length) + "')");
            }
            if (length == MAX_WORD_BYTES) {
                throw new WordVectorsException(input.source() + ": the word of vector " + (index + 1)
                        + " is longer than " + MAX_WORD_BYTES
                        + " bytes; this does not look like a word2vec binary file");
            }
            if (length == wordBytes.length) {
                wordBytes = Arrays.copyOf(wordBytes, length * 2);
            }
            wordBytes[length++] = (byte) b;
            b = input.read();
        }
        return decode(length);
    }

    private String decode(int length) {
        return new String(wordBytes, 0, length, StandardCharsets.UTF_8);
    }

    private WordVectorsException truncatedIn(String word) {
        return new WordVectorsException(input.source() + " is truncated in the vector of word '" + word + "'");
    }
}
