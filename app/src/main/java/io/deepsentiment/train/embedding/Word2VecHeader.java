package io.deepsentiment.train.embedding;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The first line of a word2vec file, text or binary: the number of vectors and their dimension.
 */
record Word2VecHeader(long count, int dimension) {

    private static final int MAX_SHOWN_LENGTH = 40;

    /**
     * Reads the first line of {@code input} as a header.
     *
     * @throws WordVectorsException when the input is empty or the line is not a usable header
     */
    static Word2VecHeader read(ByteInput input) throws IOException {
        if (!input.nextLine()) {
            throw new WordVectorsException(input.source() + " is empty");
        }
        byte[] bytes = input.buffer();
        Word2VecHeader header = parse(bytes, input.lineStart(), input.lineEnd());
        if (header == null) {
            int shown = Math.min(input.lineEnd() - input.lineStart(), MAX_SHOWN_LENGTH);
            String start = new String(bytes, input.lineStart(), shown, StandardCharsets.UTF_8);
            throw new WordVectorsException(input.source() + " does not start with a word2vec header"
                    + " 'COUNT DIMENSION': its first line begins with '" + start + "'");
        }
        if (header.dimension() == 0 && header.count() > 0) {
            throw new WordVectorsException(input.source() + " declares vectors of dimension 0 in its header");
        }
        return header;
    }

    /**
     * Parses a line of exactly two non-negative integers separated by spaces or tabs.
     *
     * @return the header, or null when the line is anything else (such as a GloVe vector)
     */
    static Word2VecHeader parse(byte[] bytes, int start, int end) {
        long[] numbers = new long[2];
        int found = 0;
        int i = start;
        while (i < end) {
            if (isSpace(bytes[i])) {
                i++;
                continue;
            }
            if (found == 2) {
                return null;
            }
            long number = 0;
            int digits = 0;
            for (; i < end && !isSpace(bytes[i]); i++) {
                int c = bytes[i];
                if (c < '0' || c > '9' || ++digits > 12) {
                    return null;
                }
                number = number * 10 + (c - '0');
            }
            numbers[found++] = number;
        }
        if (found != 2 || numbers[1] > Integer.MAX_VALUE) {
            return null;
        }
        return new Word2VecHeader(numbers[0], (int) numbers[1]);
    }

    /**
     * Spaces, tabs and the '\r' of files written on Windows. Digits and letters fail the first
     * test alone, which matters: this runs for every byte of a text vectors file.
     */
    static boolean isSpace(byte b) {
        return b <= ' ' && (b == ' ' || b == '\t' || b == '\r');
    }
}
