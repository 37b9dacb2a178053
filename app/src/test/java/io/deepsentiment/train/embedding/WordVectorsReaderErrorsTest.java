package io.deepsentiment.train.embedding;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WordVectorsReaderErrorsTest {

    @TempDir
    Path dir;

    @Test
    void missing_file() {
        Path file = dir.resolve("nope.bin");

        assertThatThrownBy(() -> WordVectorsReader.read(file))
                .isInstanceOf(WordVectorsException.class)
                .hasMessage("Word vectors file not found: " + file);
    }

    @Test
    void empty_file() throws Exception {
        Path file = Files.createFile(dir.resolve("empty.txt"));

        assertThatThrownBy(() -> WordVectorsReader.read(file))
                .isInstanceOf(WordVectorsException.class)
                .hasMessage(file + " is empty");
    }

    @Test
    void binary_file_with_fewer_vectors_than_its_header_declares() {
        Path file = VectorFileBytes.withHeader(5, 2)
                .binaryRecord("a", true, 1, 2)
                .binaryRecord("b", true, 3, 4)
                .binaryRecord("c", true, 5, 6)
                .writeTo(dir.resolve("short.bin"));

        assertThatThrownBy(() -> WordVectorsReader.read(file))
                .isInstanceOf(WordVectorsException.class)
                .hasMessage(file + " ended after 3 of 5 vectors declared in its header");
    }

    @Test
    void binary_file_cut_inside_a_vector() {
        VectorFileBytes content = VectorFileBytes.withHeader(2, 2)
                .binaryRecord("a", true, 1, 2)
                .binaryRecord("x", true, 3, 4);
        Path file = content.writeTruncatedTo(dir.resolve("cut.bin"), content.toBytes().length - 4);

        assertThatThrownBy(() -> WordVectorsReader.read(file))
                .isInstanceOf(WordVectorsException.class)
                .hasMessage(file + " is truncated in the vector of word 'x'");
    }

    @Test
    void binary_file_cut_inside_a_vector_that_is_skipped() {
        VectorFileBytes content = VectorFileBytes.withHeader(2, 2)
                .binaryRecord("a", true, 1, 2)
                .binaryRecord("x", true, 3, 4);
        Path file = content.writeTruncatedTo(dir.resolve("cut.bin"), content.toBytes().length - 4);

        assertThatThrownBy(() -> WordVectorsReader.read(file, "a"::equals))
                .isInstanceOf(WordVectorsException.class)
                .hasMessage(file + " is truncated in the vector of word 'x'");
    }

    @Test
    void gzip_file_cut_short() throws Exception {
        byte[] compressed = VectorFileBytes.gzip(VectorFileBytes.withHeader(3, 2)
                .binaryRecord("a", true, 1, 2)
                .binaryRecord("b", true, 3, 4)
                .binaryRecord("c", true, 5, 6)
                .toBytes());
        Path file = Files.write(dir.resolve("cut.bin.gz"), Arrays.copyOf(compressed, compressed.length - 12));

        assertThatThrownBy(() -> WordVectorsReader.read(file))
                .isInstanceOf(WordVectorsException.class)
                .hasMessageStartingWith(file + " is truncated");
    }

    @Test
    void text_file_with_fewer_lines_than_its_header_declares() {
        Path file = VectorFileBytes.withHeader(5, 2)
                .text("a 1 2\nb 3 4\nc 5 6\n")
                .writeTo(dir.resolve("short.txt"));

        assertThatThrownBy(() -> WordVectorsReader.read(file))
                .isInstanceOf(WordVectorsException.class)
                .hasMessage(file + " ended after 3 of 5 vectors declared in its header");
    }

    @Test
    void text_file_cut_inside_a_line() {
        VectorFileBytes content = VectorFileBytes.withoutHeader().text("a 1 2 3\nb 4 5 6\nc 7 8 9\n");
        Path file = content.writeTruncatedTo(dir.resolve("cut.txt"), content.toBytes().length - 5);

        assertThatThrownBy(() -> WordVectorsReader.read(file))
                .isInstanceOf(WordVectorsException.class)
                .hasMessage(file + ", line 3: expected 3 values, found 1"
                        + " (the file ends in the middle of this line; is it truncated?)");
    }

    @Test
    void line_with_too_few_values() {
        StringBuilder lines = new StringBuilder();
        for (int i = 1; i <= 10; i++) {
            lines.append("w").append(i).append(i == 7 ? " 1 2 3\n" : " 1 2 3 4\n");
        }
        Path file = VectorFileBytes.withoutHeader().text(lines.toString()).writeTo(dir.resolve("glove.txt"));

        assertThatThrownBy(() -> WordVectorsReader.read(file))
                .isInstanceOf(WordVectorsException.class)
                .hasMessage(file + ", line 7: expected 4 values, found 3");
    }

    @Test
    void line_with_more_values_than_the_header_declares() {
        Path file = VectorFileBytes.withHeader(2, 2).text("a 1 2\nb 3 4 5\n").writeTo(dir.resolve("w2v.txt"));

        assertThatThrownBy(() -> WordVectorsReader.read(file))
                .isInstanceOf(WordVectorsException.class)
                .hasMessage(file + ", line 3: expected 2 values, found 3");
    }

    @Test
    void wrong_value_count_is_reported_even_for_words_that_are_not_kept() {
        Path file = VectorFileBytes.withoutHeader().text("a 1 2\nb 3\n").writeTo(dir.resolve("glove.txt"));

        assertThatThrownBy(() -> WordVectorsReader.read(file, "a"::equals))
                .isInstanceOf(WordVectorsException.class)
                .hasMessage(file + ", line 2: expected 2 values, found 1");
    }

    @Test
    void value_that_is_not_a_number() {
        Path file = VectorFileBytes.withoutHeader().text("a 1 2\nb 3 x4\n").writeTo(dir.resolve("glove.txt"));

        assertThatThrownBy(() -> WordVectorsReader.read(file))
                .isInstanceOf(WordVectorsException.class)
                .hasMessage(file + ", line 2: value 2 of word 'b' is not a number: 'x4'");
    }

    @Test
    void explicit_word2vec_reader_on_a_glove_file() {
        Path file = VectorFileBytes.withoutHeader().text("the 0.1 0.2\n").writeTo(dir.resolve("glove.txt"));

        assertThatThrownBy(() -> WordVectorsReader.readWord2VecBinary(file, word -> true))
                .isInstanceOf(WordVectorsException.class)
                .hasMessage(file + " does not start with a word2vec header 'COUNT DIMENSION':"
                        + " its first line begins with 'the 0.1 0.2'");
    }
}
