package io.deepsentiment.train.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelledDataTest {

    private final LabelledData data = new LabelledData(
            List.of(new LabelledText("1", "good", "positive"),
                    new LabelledText("2", "bad", "negative"),
                    new LabelledText(null, "fine", "positive")),
            List.of(new ReadSummary("a.tsv", 2, Map.of(), 0, 0),
                    new ReadSummary("b.tsv", 2, Map.of("empty text", 1), 0, 0)));

    @Test
    void labels_are_the_sorted_distinct_labels_present() {
        assertThat(data.labels()).containsExactly("negative", "positive");
        assertThat(data.labelCounts()).containsExactly(Map.entry("negative", 1), Map.entry("positive", 2));
        assertThat(data.size()).isEqualTo(3);
    }

    @Test
    void describe_gives_label_counts_each_source_and_the_total() {
        assertThat(data.describe()).isEqualTo("""
                3 examples (negative 1, positive 2)
                a.tsv: 2 rows, 2 kept, 0 skipped, 0 duplicates removed
                b.tsv: 2 rows, 1 kept, 1 skipped (1 empty text), 0 duplicates removed
                total: 4 rows, 3 kept, 1 skipped (1 empty text), 0 duplicates removed""");
    }
}
