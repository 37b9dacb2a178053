package io.deepsentiment.train.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WordVectorsWriterTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"vectors.txt", "vectors.txt.gz"})
    void text_round_trip_is_exact(String name) {
        WordVectors original = randomVectors();
        Path file = dir.resolve(name);

        WordVectorsWriter.writeWord2VecText(original, file);

        assertThat(WordVectorsReader.detectFormat(file)).isEqualTo(WordVectorsFormat.WORD2VEC_TEXT);
        assertSameVectors(WordVectorsReader.read(file), original);
    }

    @ParameterizedTest
    @ValueSource(strings = {"vectors.bin", "vectors.bin.gz"})
    void binary_round_trip_is_exact(String name) {
        WordVectors original = randomVectors();
        Path file = dir.resolve(name);

        WordVectorsWriter.writeWord2VecBinary(original, file);

        assertThat(WordVectorsReader.detectFormat(file)).isEqualTo(WordVectorsFormat.WORD2VEC_BINARY);
        assertSameVectors(WordVectorsReader.read(file), original);
    }

    @Test
    void gz_name_means_compressed() throws Exception {
        Path file = dir.resolve("vectors.bin.gz");

        WordVectorsWriter.writeWord2VecBinary(randomVectors(), file);

        byte[] start = Files.readAllBytes(file);
        assertThat(start[0] & 0xff).isEqualTo(0x1f);
        assertThat(start[1] & 0xff).isEqualTo(0x8b);
    }

    @Test
    void text_format_is_the_word2vec_one() throws Exception {
        WordVectors vectors = WordVectors.builder(2)
                .add("good", new float[] {0.5f, -1f})
                .add("😀", new float[] {1e-7f, 3f})
                .build();
        Path file = dir.resolve("small.txt");

        WordVectorsWriter.writeWord2VecText(vectors, file);

        assertThat(Files.readString(file)).isEqualTo("2 2\ngood 0.5 -1.0\n😀 1.0E-7 3.0\n");
    }

    @Test
    void rejects_a_word_with_a_space() {
        WordVectors vectors = WordVectors.builder(1).add("new york", new float[] {1}).build();

        assertThatThrownBy(() -> WordVectorsWriter.writeWord2VecText(vectors, dir.resolve("x.txt")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'new york'");
    }

    @Test
    void reports_a_file_that_cannot_be_written() {
        Path file = dir.resolve("no-such-dir").resolve("x.bin");

        assertThatThrownBy(() -> WordVectorsWriter.writeWord2VecBinary(randomVectors(), file))
                .isInstanceOf(WordVectorsException.class)
                .hasMessageStartingWith("Could not write word vectors to " + file);
    }

    /** Values over many magnitudes, including the extremes, and words in several scripts. */
    private static WordVectors randomVectors() {
        SplittableRandom random = new SplittableRandom(3);
        WordVectors.Builder builder = WordVectors.builder(7);
        String[] words = {"the", "naïve", "Ελλάδα", "東京", "👍🏽", "#happy", "@user", "don't"};
        for (String word : words) {
            float[] vector = new float[7];
            for (int i = 0; i < 5; i++) {
                vector[i] = (float) ((random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-40, 39)));
            }
            vector[5] = Float.MIN_VALUE;
            vector[6] = -Float.MAX_VALUE;
            builder.add(word, vector);
        }
        return builder.build();
    }

    private static void assertSameVectors(WordVectors actual, WordVectors expected) {
        assertThat(actual.dimension()).isEqualTo(expected.dimension());
        assertThat(actual.words()).containsExactlyElementsOf(expected.words());
        for (String word : expected.words()) {
            assertThat(actual.vector(word)).as(word).containsExactly(expected.vector(word));
        }
    }
}
