package io.deepsentiment.train.embedding;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Loads pre-trained word vectors: word2vec binary or text, or GloVe text, each optionally
 * gzip-compressed (recognised by its content, not its name).
 *
 * <p>Files are streamed; only the vectors of words accepted by the {@code keep} filter are held in
 * memory, so loading the 3.6 GB GoogleNews vectors for a 30,000-word vocabulary needs a few MB.
 * When a word occurs twice, its first vector wins. All failures are reported as a
 * {@link WordVectorsException} whose message names the file and the problem.
 */
public final class WordVectorsReader {

    private WordVectorsReader() {
    }

    /**
     * Reads all vectors of a file in any supported format.
     *
     * @param file the vectors file
     * @return the vectors, in file order
     * @throws WordVectorsException when the file is missing, truncated or malformed
     */
    public static WordVectors read(Path file) {
        return read(file, word -> true);
    }

    /**
     * Reads the vectors of the words accepted by {@code keep}, detecting the format with
     * {@link #detectFormat(Path)}.
     *
     * @param file the vectors file
     * @param keep accepts the words whose vectors to load (e.g. {@code vocabulary::contains})
     * @return the kept vectors, in file order
     * @throws WordVectorsException when the file is missing, truncated or malformed
     */
    public static WordVectors read(Path file, Predicate<String> keep) {
        Objects.requireNonNull(keep, "keep");
        return withInput(file, input -> read(input, FormatDetector.detect(input), keep));
    }

    /**
     * Reads the vectors of the words accepted by {@code keep} from a file of a known format.
     *
     * @param file the vectors file
     * @param format how the file is laid out
     * @param keep accepts the words whose vectors to load
     * @return the kept vectors, in file order
     * @throws WordVectorsException when the file is missing, truncated or malformed
     */
    public static WordVectors read(Path file, WordVectorsFormat format, Predicate<String> keep) {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(keep, "keep");
        return withInput(file, input -> read(input, format, keep));
    }

    /**
     * Reads a word2vec binary file such as GoogleNews-vectors-negative300.bin.
     *
     * @param file the vectors file, plain or gzip-compressed
     * @param keep accepts the words whose vectors to load
     * @return the kept vectors, in file order
     * @throws WordVectorsException when the file is missing, truncated or malformed
     */
    public static WordVectors readWord2VecBinary(Path file, Predicate<String> keep) {
        return read(file, WordVectorsFormat.WORD2VEC_BINARY, keep);
    }

    /**
     * Reads a word2vec text file: a {@code COUNT DIM} header, then one {@code word v1 ... vDIM} line
     * per vector.
     *
     * @param file the vectors file, plain or gzip-compressed
     * @param keep accepts the words whose vectors to load
     * @return the kept vectors, in file order
     * @throws WordVectorsException when the file is missing, truncated or malformed
     */
    public static WordVectors readWord2VecText(Path file, Predicate<String> keep) {
        return read(file, WordVectorsFormat.WORD2VEC_TEXT, keep);
    }

    /**
     * Reads a GloVe text file: {@code word v1 ... vDIM} lines without a header.
     *
     * @param file the vectors file, plain or gzip-compressed
     * @param keep accepts the words whose vectors to load
     * @return the kept vectors, in file order
     * @throws WordVectorsException when the file is missing, empty or malformed
     */
    public static WordVectors readGlove(Path file, Predicate<String> keep) {
        return read(file, WordVectorsFormat.GLOVE_TEXT, keep);
    }

    /**
     * Tells the format of a file from its first bytes: a first line of exactly two integers is a
     * word2vec header (binary or text depending on whether the first record is a line of
     * numbers), anything else is GloVe.
     *
     * @param file the vectors file, plain or gzip-compressed
     * @return the detected format
     * @throws WordVectorsException when the file is missing or unreadable
     */
    public static WordVectorsFormat detectFormat(Path file) {
        return withInput(file, FormatDetector::detect);
    }

    private static WordVectors read(ByteInput input, WordVectorsFormat format, Predicate<String> keep)
            throws IOException {
        return switch (format) {
            case WORD2VEC_BINARY -> BinaryVectorParser.read(input, keep);
            case WORD2VEC_TEXT -> TextVectorParser.readWord2VecText(input, keep);
            case GLOVE_TEXT -> TextVectorParser.readGlove(input, keep);
        };
    }

    private static <T> T withInput(Path file, InputAction<T> action) {
        Objects.requireNonNull(file, "file");
        try (ByteInput input = ByteInput.open(file)) {
            return action.apply(input);
        } catch (EOFException e) {
            // GZIPInputStream's way of saying the compressed data stops early
            throw new WordVectorsException(file + " is truncated: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new WordVectorsException("Could not read word vectors from " + file + ": " + e.getMessage(), e);
        }
    }

    /** An action on an open input that may fail with an I/O error. */
    private interface InputAction<T> {
        T apply(ByteInput input) throws IOException;
    }
}
