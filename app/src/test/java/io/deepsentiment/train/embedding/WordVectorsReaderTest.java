package io.deepsentiment.train.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class WordVectorsReaderTest {

    @TempDir
    Path dir;

    /** The same four vectors in every format; the words need 2, 3 and 4 UTF-8 bytes per character. */
    private static VectorFileBytes sample(WordVectorsFormat format) {
        return switch (format) {
            case GLOVE_TEXT -> VectorFileBytes.withoutHeader()
                    .text("the 0.418 0.24968 -0.41242\n")
                    .text("café -0.5 1.0E-5 3\n")
                    .text("日本 0.013441 0.23682 -0.16899\n")
                    .text("😀 1 -2 0.000001\n");
            case WORD2VEC_TEXT -> VectorFileBytes.withHeader(4, 3)
                    .text("the 0.418 0.24968 -0.41242\n")
                    .text("café -0.5 1.0E-5 3\n")
                    .text("日本 0.013441 0.23682 -0.16899\n")
                    .text("😀 1 -2 0.000001\n");
            case WORD2VEC_BINARY -> VectorFileBytes.withHeader(4, 3)
                    .binaryRecord("the", true, 0.418f, 0.24968f, -0.41242f)
                    .binaryRecord("café", true, -0.5f, 1.0E-5f, 3f)
                    .binaryRecord("日本", true, 0.013441f, 0.23682f, -0.16899f)
                    .binaryRecord("😀", true, 1f, -2f, 0.000001f);
        };
    }

    @ParameterizedTest
    @EnumSource(WordVectorsFormat.class)
    void reads_each_format_with_multibyte_words(WordVectorsFormat format) {
        Path file = sample(format).writeTo(dir.resolve("vectors"));

        assertSampleVectors(WordVectorsReader.read(file, word -> true));
        assertSampleVectors(WordVectorsReader.read(file, format, word -> true));
    }

    @ParameterizedTest
    @EnumSource(WordVectorsFormat.class)
    void reads_gzip_compressed_files_of_each_format(WordVectorsFormat format) {
        Path file = sample(format).writeGzipTo(dir.resolve("vectors.gz"));

        assertSampleVectors(WordVectorsReader.read(file));
    }

    @ParameterizedTest
    @EnumSource(WordVectorsFormat.class)
    void detects_the_format_of_plain_and_compressed_files(WordVectorsFormat format) {
        Path plain = sample(format).writeTo(dir.resolve("vectors.txt"));
        Path compressed = sample(format).writeGzipTo(dir.resolve("vectors.bin.gz"));

        assertThat(WordVectorsReader.detectFormat(plain)).isEqualTo(format);
        assertThat(WordVectorsReader.detectFormat(compressed)).isEqualTo(format);
    }

    @Test
    void explicit_methods_read_their_format() {
        Path glove = sample(WordVectorsFormat.GLOVE_TEXT).writeTo(dir.resolve("glove.txt"));
        Path text = sample(WordVectorsFormat.WORD2VEC_TEXT).writeTo(dir.resolve("w2v.txt"));
        Path binary = sample(WordVectorsFormat.WORD2VEC_BINARY).writeTo(dir.resolve("w2v.bin"));

        assertSampleVectors(WordVectorsReader.readGlove(glove, word -> true));
        assertSampleVectors(WordVectorsReader.readWord2VecText(text, word -> true));
        assertSampleVectors(WordVectorsReader.readWord2VecBinary(binary, word -> true));
    }

    @ParameterizedTest
    @EnumSource(WordVectorsFormat.class)
    void keeps_only_the_words_the_filter_accepts(WordVectorsFormat format) {
        Path file = sample(format).writeTo(dir.resolve("vectors"));

        WordVectors vectors = WordVectorsReader.read(file, Set.of("😀", "the", "unknown")::contains);

        assertThat(vectors.words()).containsExactly("the", "😀");
        assertThat(vectors.dimension()).isEqualTo(3);
        assertThat(vectors.vector("😀")).containsExactly(1f, -2f, 0.000001f);
    }

    @Test
    void reads_binary_records_without_a_newline_as_gensim_writes_them() {
        Path file = VectorFileBytes.withHeader(2, 2)
                .binaryRecord("a", false, 1, 2)
                .binaryRecord("b", false, 3, 4)
                .writeTo(dir.resolve("gensim.bin"));

        WordVectors vectors = WordVectorsReader.read(file);

        assertThat(vectors.words()).containsExactly("a", "b");
        assertThat(vectors.vector("b")).containsExactly(3, 4);
    }

    @Test
    void ignores_carriage_returns_trailing_spaces_tabs_and_blank_lines() {
        Path file = VectorFileBytes.withHeader(2, 2)
                .text("a 1 2 \r\n")
                .text("\n")
                .text("b\t3\t4\r\n")
                .writeTo(dir.resolve("fasttext.vec"));

        WordVectors vectors = WordVectorsReader.read(file);

        assertThat(vectors.vector("a")).containsExactly(1, 2);
        assertThat(vectors.vector("b")).containsExactly(3, 4);
    }

    @Test
    void keeps_the_first_vector_of_a_repeated_word() {
        Path file = VectorFileBytes.withoutHeader().text("a 1 2\nb 3 4\na 5 6\n").writeTo(dir.resolve("glove.txt"));

        WordVectors vectors = WordVectorsReader.read(file);

        assertThat(vectors.size()).isEqualTo(2);
        assertThat(vectors.vector("a")).containsExactly(1, 2);
    }

    @Test
    void reads_glove_words_that_contain_spaces() {
        Path file = VectorFileBytes.withoutHeader()
                .text("a 1 2\n")
                .text(". . . 3 4\n")
                .writeTo(dir.resolve("glove.840B.txt"));

        WordVectors vectors = WordVectorsReader.read(file);

        assertThat(vectors.vector(". . .")).containsExactly(3, 4);
    }

    @Test
    void reads_a_header_with_no_vectors_as_an_empty_table() {
        Path file = VectorFileBytes.withHeader(0, 300).writeTo(dir.resolve("empty.txt"));

        WordVectors vectors = WordVectorsReader.read(file);

        assertThat(vectors.size()).isZero();
        assertThat(vectors.dimension()).isEqualTo(300);
    }

    private static void assertSampleVectors(WordVectors vectors) {
        assertThat(vectors.dimension()).isEqualTo(3);
        assertThat(vectors.words()).containsExactly("the", "café", "日本", "😀");
        assertThat(vectors.vector("the")).containsExactly(0.418f, 0.24968f, -0.41242f);
        assertThat(vectors.vector("café")).containsExactly(-0.5f, 1.0E-5f, 3f);
        assertThat(vectors.vector("日本")).containsExactly(0.013441f, 0.23682f, -0.16899f);
        assertThat(vectors.vector("😀")).containsExactly(1f, -2f, 0.000001f);
    }
}
