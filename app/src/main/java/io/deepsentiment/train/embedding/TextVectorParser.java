package io.deepsentiment.train.embedding;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Predicate;

/**
 * Reads vectors stored as text lines {@code word v1 v2 ... vN}: the word2vec text format (after
 * its header line) and GloVe (no header; the first line sets the dimension).
 *
 * <p>Values are separated by spaces or tabs; '\r' and trailing spaces (fastText writes one) are
 * ignored, and so are blank lines. A few GloVe files (glove.840B) hold words that themselves
 * contain spaces, such as {@code ". . ."}: a line with more fields than the dimension whose second
 * field is not a number is read as such a word rather than rejected.
 */
final class TextVectorParser {

    private static final int NO_LIMIT = -1;

    private final ByteInput input;
    private final Predicate<String> keep;
    private int[] tokenStarts = new int[512];
    private int[] tokenEnds = new int[512];
    private int tokenCount;
    private long lineNumber;

    private TextVectorParser(ByteInput input, Predicate<String> keep) {
        this.input = input;
        this.keep = keep;
    }

    /** Reads a header line {@code COUNT DIMENSION}, then exactly COUNT vector lines. */
    static WordVectors readWord2VecText(ByteInput input, Predicate<String> keep) throws IOException {
        Word2VecHeader header = Word2VecHeader.read(input);
        TextVectorParser parser = new TextVectorParser(input, keep);
        parser.lineNumber = 1;
        return parser.readVectors(header.dimension(), header.count());
    }

    /** Reads vector lines up to the end of input; the first one sets the dimension. */
    static WordVectors readGlove(ByteInput input, Predicate<String> keep) throws IOException {
        return new TextVectorParser(input, keep).readVectors(0, NO_LIMIT);
    }

    /** {@code dimension} 0 means "take it from the first line"; {@code declared} NO_LIMIT means "until the end". */
    private WordVectors readVectors(int dimension, long declared) throws IOException {
        WordVectors.Builder builder = null;
        float[] vector = null;
        if (dimension > 0) {
            builder = WordVectors.builder(dimension, declared);
            vector = new float[dimension];
        }
        long read = 0;
        while ((declared == NO_LIMIT || read < declared) && nextContentLine()) {
            byte[] bytes = input.buffer();
            int values = tokenCount - 1;
            if (builder == null) {
                if (values == 0) {
                    throw lineError("the word has no values");
                }
                dimension = values;
                builder = WordVectors.builder(dimension);
                vector = new float[dimension];
            }
            int wordTokens = countWordTokens(values, dimension);
            read++;
            int wordEnd = tokenEnds[wordTokens - 1];
            if (wordEnd == tokenStarts[0]) {
                throw lineError("the line starts with a space, so its word is missing");
            }
            String word = new String(bytes, tokenStarts[0], wordEnd - tokenStarts[0], StandardCharsets.UTF_8);
            if (builder.contains(word) || !keep.test(word)) {
                continue;
            }
            for (int k = 0; k < dimension; k++) {
                vector[k] = parseValue(bytes, wordTokens + k, k + 1, word);
            }
            builder.add(word, vector);
        }
        if (declared != NO_LIMIT && read < declared) {
            throw new WordVectorsException(
                    input.source() + " ended after " + read + " of " + declared + " vectors declared in its header");
        }
        if (builder == null) {
            throw new WordVectorsException(input.source() + " is empty");
        }
        return builder.build();
    }

    /** Advances to the next non-blank line and splits it into tokens; false at the end of input. */
    private boolean nextContentLine() throws IOException {
        while (input.nextLine()) {
            lineNumber++;
            byte[] bytes = input.buffer();
            int end = input.lineEnd();
            while (end > input.lineStart() && Word2VecHeader.isSpace(bytes[end - 1])) {
                end--;
            }
            if (end > input.lineStart()) {
                tokenize(bytes, input.lineStart(), end);
                return true;
            }
        }
        return false;
    }

    /** The first token starts at the line start (empty if the line starts with a space). */
    private void tokenize(byte[] bytes, int start, int end) {
        tokenCount = 0;
        int i = start;
        while (true) {
            int tokenStart = i;
            while (i < end && !Word2VecHeader.isSpace(bytes[i])) {
                i++;
            }
            addToken(tokenStart, i);
            while (i < end && Word2VecHeader.isSpace(bytes[i])) {
                i++;
            }
            if (i == end) {
                return;
            }
        }
    }

    private void addToken(int start, int end) {
        if (tokenCount == tokenStarts.length) {
            tokenStarts = Arrays.copyOf(tokenStarts, tokenCount * 2);
            tokenEnds = Arrays.copyOf(tokenEnds, tokenCount * 2);
        }
        tokenStarts[tokenCount] = start;
        tokenEnds[tokenCount] = end;
        tokenCount++;
    }

    /** How many leading tokens form the word: 1, or more for a GloVe word containing spaces. */
    private int countWordTokens(int values, int dimension) {
        if (values == dimension) {
            return 1;
        }
        if (values > dimension && !isNumber(1)) {
            return values - dimension + 1;
        }
        String message = "expected " + dimension + " values, found " + values;
        if (values < dimension && !input.lineTerminated()) {
            message += " (the file ends in the middle of this line; is it truncated?)";
        }
        throw lineError(message);
    }

    private boolean isNumber(int token) {
        try {
            AsciiFloatParser.parse(input.buffer(), tokenStarts[token], tokenEnds[token]);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private float parseValue(byte[] bytes, int token, int valueNumber, String word) {
        try {
            return AsciiFloatParser.parse(bytes, tokenStarts[token], tokenEnds[token]);
        } catch (NumberFormatException e) {
            String text = new String(bytes, tokenStarts[token], tokenEnds[token] - tokenStarts[token],
                    StandardCharsets.UTF_8);
            throw lineError("value " + valueNumber + " of word '" + word + "' is not a number: '" + text + "'");
        }
    }

    private WordVectorsException lineError(String problem) {
        return new WordVectorsException(input.source() + ", line " + lineNumber + ": " + problem);
    }
}
