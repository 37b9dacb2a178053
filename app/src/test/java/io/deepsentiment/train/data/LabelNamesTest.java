package io.deepsentiment.train.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LabelNamesTest {

    static Stream<Arguments> labelSets() {
        return Stream.of(
                Arguments.of(List.of("negative", "neutral", "positive"), List.of("negative", "neutral", "positive")),
                Arguments.of(List.of("NEGATIVE", "Neutral", "positive"), List.of("negative", "neutral", "positive")),
                Arguments.of(List.of("neg", "neu", "pos"), List.of("negative", "neutral", "positive")),
                Arguments.of(List.of("Neg", "Pos"), List.of("negative", "positive")),
                Arguments.of(List.of("0", "1"), List.of("negative", "positive")),
                Arguments.of(List.of("0.0", "1.0"), List.of("negative", "positive")),
                Arguments.of(List.of("0", "2", "4"), List.of("negative", "neutral", "positive")),
                Arguments.of(List.of("0", "4"), List.of("negative", "positive")),
                Arguments.of(List.of("-1", "0", "1"), List.of("negative", "neutral", "positive")),
                Arguments.of(List.of("-1", "+1"), List.of("negative", "positive")));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("labelSets")
    void maps_each_known_label_set(List<String> raw, List<String> expected) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        raw.forEach(label -> counts.put(label, 10));

        LabelNames names = LabelNames.choose("f", counts);

        assertThat(raw).map(label -> names.canonical(label).orElseThrow()).isEqualTo(expected);
    }

    @Test
    void zero_is_neutral_only_when_minus_one_is_present() {
        assertThat(LabelNames.choose("f", Map.of("0", 5, "1", 5)).canonical("0")).contains("negative");
        assertThat(LabelNames.choose("f", Map.of("-1", 5, "0", 5, "1", 5)).canonical("0")).contains("neutral");
    }

    @Test
    void rare_unknown_labels_are_tolerated_and_left_unmapped() {
        LabelNames names = LabelNames.choose("f", Map.of("positive", 150, "negative", 49, "postive", 1));

        assertThat(names.canonical("postive")).isEmpty();
        assertThat(names.canonical("positive")).contains("positive");
    }

    @Test
    void an_unknown_label_set_is_an_error_naming_labels_and_accepted_sets() {
        Map<String, Integer> stars = Map.of("1", 10, "2", 10, "3", 10, "4", 10, "5", 10);

        assertThatThrownBy(() -> LabelNames.choose("reviews.csv", stars))
                .isInstanceOf(DataException.class)
                .hasMessage("reviews.csv: unknown labels \"1\", \"3\", \"5\" (30 of 50 rows do not fit"
                        + " the closest label set, 0/2/4 (Sentiment140)). Accepted label sets:"
                        + " negative/neutral/positive (any case, or neg/neu/pos); 0/1 (negative/positive);"
                        + " 0/2/4 (Sentiment140); -1/0/1.");
    }

    @Test
    void one_percent_unknown_is_already_too_many() {
        assertThatThrownBy(() -> LabelNames.choose("f", Map.of("positive", 99, "great", 1)))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("\"great\" (1 of 100 rows");
    }
}
