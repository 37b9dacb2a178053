package io.deepsentiment.train.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReadSummaryTest {

    @Test
    void describes_counts_with_reasons_most_frequent_first() {
        ReadSummary summary = new ReadSummary("twitter-2013train-A.tsv", 9684,
                Map.of("empty text", 1, "wrong column count", 3), 0, 0);

        assertThat(summary.kept()).isEqualTo(9680);
        assertThat(summary.describe()).isEqualTo("twitter-2013train-A.tsv: 9684 rows, 9680 kept, 4 skipped"
                + " (3 wrong column count, 1 empty text), 0 duplicates removed");
    }

    @Test
    void mentions_overlap_only_when_some_was_removed() {
        ReadSummary summary = new ReadSummary("a.tsv", 10, Map.of(), 2, 0);

        assertThat(summary.describe()).isEqualTo("a.tsv: 10 rows, 8 kept, 0 skipped, 2 duplicates removed");
        assertThat(summary.withOverlapRemoved(3).describe()).isEqualTo(
                "a.tsv: 10 rows, 5 kept, 0 skipped, 2 duplicates removed, 3 removed as overlapping held-out data");
    }

    @Test
    void merge_adds_up_every_count() {
        ReadSummary a = new ReadSummary("a", 10, Map.of("empty text", 1), 2, 0);
        ReadSummary b = new ReadSummary("b", 20, Map.of("empty text", 2, "unknown label", 1), 0, 4);

        ReadSummary total = ReadSummary.merge("total", List.of(a, b));

        assertThat(total).isEqualTo(new ReadSummary("total", 30, Map.of("empty text", 3, "unknown label", 1), 2, 4));
        assertThat(total.kept()).isEqualTo(a.kept() + b.kept());
    }
}
