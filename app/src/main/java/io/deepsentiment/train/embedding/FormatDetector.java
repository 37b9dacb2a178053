package io.deepsentiment.train.embedding;

import java.io.IOException;

/**
 * Tells the format of a word vectors file from its first bytes, without consuming them.
 *
 * <p>A first line of exactly two integers is a word2vec header; anything else is a GloVe vector.
 * After a header, the first record decides: if the bytes after its word form a line of exactly
 * DIM numbers it is text, otherwise binary (raw float32 bytes practically never look like that).
 */
final class FormatDetector {

    /** Enough for the header and the first text record of any common dimension. */
    private static final int PEEK_BYTES = 1 << 20;

    private FormatDetector() {
    }

    static WordVectorsFormat detect(ByteInput input) throws IOException {
        int available = input.fill(PEEK_BYTES);
        byte[] bytes = input.buffer();
        int start = input.position();
        int end = start + available;
        int headerEnd = indexOf(bytes, start, end, (byte) '\n');
        if (headerEnd < 0) {
            return WordVectorsFormat.GLOVE_TEXT;
        }
        Word2VecHeader header = Word2VecHeader.parse(bytes, start, headerEnd);
        if (header == null) {
            return WordVectorsFormat.GLOVE_TEXT;
        }
        return firstRecordIsText(bytes, headerEnd + 1, end, header.dimension())
                ? WordVectorsFormat.WORD2VEC_TEXT
                : WordVectorsFormat.WORD2VEC_BINARY;
    }

    private static boolean firstRecordIsText(byte[] bytes, int start, int end, int dimension) {
        int wordEnd = indexOf(bytes, start, end, (byte) ' ');
        if (wordEnd < 0) {
            return start == end; // no record at all: nothing to tell apart, text is the safe reading
        }
        int lineEnd = indexOf(bytes, wordEnd, end, (byte) '\n');
        if (lineEnd < 0) {
            lineEnd = end;
        }
        int values = 0;
        int i = wordEnd;
        while (i < lineEnd) {
            if (Word2VecHeader.isSpace(bytes[i])) {
                i++;
                continue;
            }
            int tokenStart = i;
            while (i < lineEnd && !Word2VecHeader.isSpace(bytes[i])) {
                i++;
            }
            if (!isNumber(bytes, tokenStart, i)) {
                return false;
            }
            values++;
        }
        return values == dimension;
    }

    private static boolean isNumber(byte[] bytes, int start, int end) {
        try {
            AsciiFloatParser.parse(bytes, start, end);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static int indexOf(byte[] bytes, int start, int end, byte wanted) {
        for (int i = start; i < end; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }
}
