package io.deepsentiment.train.embedding;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Saves word vectors in the word2vec formats, so that trained or filtered vectors can be reloaded
 * by {@link WordVectorsReader} (and by gensim or the original word2vec tools).
 *
 * <p>A file whose name ends in {@code .gz} is gzip-compressed. Text values are written with
 * {@link Float#toString(float)}, whose decimal reads back as exactly the same float,
 * so a text round trip loses nothing.
 */
public final class WordVectorsWriter {

    private static final int BUFFER_SIZE = 1 << 16;

    private WordVectorsWriter() {
    }

    /**
     * Writes the word2vec text format: a {@code COUNT DIM} header, then {@code word v1 ... vDIM} lines.
     *
     * @param vectors the vectors to save
     * @param file the file to create or replace
     * @throws IllegalArgumentException when a word is empty or contains whitespace
     * @throws WordVectorsException when the file cannot be written
     */
    public static void writeWord2VecText(WordVectors vectors, Path file) {
        checkWords(vectors);
        write(file, out -> {
            out.write(header(vectors));
            StringBuilder line = new StringBuilder();
            for (String word : vectors.words()) {
                line.setLength(0);
                line.append(word);
                for (float value : vectors.vector(word)) {
                    line.append(' ').append(value);
                }
                line.append('\n');
                out.write(line.toString().getBytes(StandardCharsets.UTF_8));
            }
        });
    }

    /**
     * Writes the word2vec binary format: a {@code COUNT DIM} header, then per word its UTF-8 bytes,
     * a space, DIM little-endian float32 values and a '\n', as the original word2vec tool does.
     *
     * @param vectors the vectors to save
     * @param file the file to create or replace
     * @throws IllegalArgumentException when a word is empty or contains whitespace
     * @throws WordVectorsException when the file cannot be written
     */
    public static void writeWord2VecBinary(WordVectors vectors, Path file) {
        checkWords(vectors);
        write(file, out -> {
            out.write(header(vectors));
            ByteBuffer values = ByteBuffer.allocate(vectors.dimension() * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            for (String word : vectors.words()) {
                out.write(word.getBytes(StandardCharsets.UTF_8));
                out.write(' ');
                values.clear();
                values.asFloatBuffer().put(vectors.vector(word));
                out.write(values.array());
                out.write('\n');
            }
        });
    }

    private static byte[] header(WordVectors vectors) {
        return (vectors.size() + " " + vectors.dimension() + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Both formats end a word at the first space; text readers also split on tabs and line ends. */
    private static void checkWords(WordVectors vectors) {
        for (String word : vectors.words()) {
            if (word.isEmpty() || word.chars().anyMatch(c -> c == ' ' || c == '\t' || c == '\n' || c == '\r')) {
                throw new IllegalArgumentException(
                        "the word '" + word + "' is empty or contains whitespace, which word2vec files cannot hold");
            }
        }
    }

    private static void write(Path file, OutputAction action) {
        boolean gzip = file.getFileName() != null && file.getFileName().toString().endsWith(".gz");
        try (OutputStream out = open(file, gzip)) {
            action.write(out);
        } catch (IOException e) {
            throw new WordVectorsException("Could not write word vectors to " + file + ": " + e.getMessage(), e);
        }
    }

    private static OutputStream open(Path file, boolean gzip) throws IOException {
        OutputStream out = Files.newOutputStream(file);
        // the buffer goes on top, so that the compressor sees large chunks rather than single bytes
        return new BufferedOutputStream(gzip ? new GZIPOutputStream(out, BUFFER_SIZE) : out, BUFFER_SIZE);
    }

    /** Writes a whole file to an open stream. */
    private interface OutputAction {
        void write(OutputStream out) throws IOException;
    }
}
