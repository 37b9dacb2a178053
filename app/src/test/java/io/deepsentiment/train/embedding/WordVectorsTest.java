package io.deepsentiment.train.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WordVectorsTest {

    @Test
    void of_keeps_the_map_order_and_the_values() {
        Map<String, float[]> map = new LinkedHashMap<>();
        map.put("zebra", new float[] {1, 2});
        map.put("apple", new float[] {3, 4});
        map.put("ümlaut", new float[] {5, 6});

        WordVectors vectors = WordVectors.of(map);

        assertThat(vectors.dimension()).isEqualTo(2);
        assertThat(vectors.size()).isEqualTo(3);
        assertThat(vectors.words()).containsExactly("zebra", "apple", "ümlaut");
        assertThat(vectors.vector("apple")).containsExactly(3, 4);
        assertThat(vectors.contains("ümlaut")).isTrue();
    }

    @Test
    void absent_word_has_no_vector() {
        WordVectors vectors = WordVectors.builder(2).add("a", new float[] {1, 2}).build();

        assertThat(vectors.vector("b")).isNull();
        assertThat(vectors.contains("b")).isFalse();
        assertThat(vectors.contains("A")).isFalse();
    }

    @Test
    void vectors_cannot_be_changed_from_outside() {
        float[] original = {1, 2};
        WordVectors vectors = WordVectors.builder(2).add("a", original).build();

        original[0] = 99;
        vectors.vector("a")[1] = 99;

        assertThat(vectors.vector("a")).containsExactly(1, 2);
        assertThatThrownBy(() -> vectors.words().add("b")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void many_words_grow_the_single_array() {
        WordVectors.Builder builder = WordVectors.builder(3);
        for (int i = 0; i < 1000; i++) {
            builder.add("w" + i, new float[] {i, -i, i * 0.5f});
        }

        WordVectors vectors = builder.build();

        assertThat(vectors.size()).isEqualTo(1000);
        assertThat(vectors.vector("w0")).containsExactly(0, 0, 0);
        assertThat(vectors.vector("w999")).containsExactly(999, -999, 499.5f);
    }

    @Test
    void builder_rejects_a_vector_of_another_dimension() {
        WordVectors.Builder builder = WordVectors.builder(3);

        assertThatThrownBy(() -> builder.add("a", new float[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the vector of word 'a' has 2 values, expected 3");
    }

    @Test
    void builder_rejects_a_duplicate_word() {
        WordVectors.Builder builder = WordVectors.builder(1).add("a", new float[] {1});

        assertThatThrownBy(() -> builder.add("a", new float[] {2}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("duplicate word 'a'");
    }

    @Test
    void empty_map_gives_an_empty_table() {
        WordVectors vectors = WordVectors.of(Map.of());

        assertThat(vectors.size()).isZero();
        assertThat(vectors.words()).isEmpty();
    }
}
