package io.deepsentiment.train.embedding;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

/**
 * Builds the bytes of small word vector files by hand, independently of {@link WordVectorsWriter},
 * so reader tests do not depend on the writer being right.
 */
final class VectorFileBytes {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    static VectorFileBytes withHeader(int count, int dimension) {
        return new VectorFileBytes().text(count + " " + dimension + "\n");
    }

    static VectorFileBytes withoutHeader() {
        return new VectorFileBytes();
    }

    VectorFileBytes text(String text) {
        bytes.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** A word2vec binary record: word, space, little-endian floats, and '\n' if asked. */
    VectorFileBytes binaryRecord(String word, boolean newline, float... values) {
        text(word + " ");
        ByteBuffer buffer = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(values);
        bytes.writeBytes(buffer.array());
        if (newline) {
            bytes.write('\n');
        }
        return this;
    }

    byte[] toBytes() {
        return bytes.toByteArray();
    }

    Path writeTo(Path file) {
        return write(file, toBytes());
    }

    Path writeGzipTo(Path file) {
        return write(file, gzip(toBytes()));
    }

    /** Writes only the first {@code length} bytes, as a download cut short would. */
    Path writeTruncatedTo(Path file, int length) {
        return write(file, Arrays.copyOf(toBytes(), length));
    }

    static byte[] gzip(byte[] plain) {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(compressed)) {
            out.write(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return compressed.toByteArray();
    }

    private static Path write(Path file, byte[] content) {
        try {
            return Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
