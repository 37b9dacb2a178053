package io.deepsentiment.train.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataSplitsTest {

    private final LabelledData train = new LabelledData(
            List.of(new LabelledText("1", "Same tweet", "positive"),
                    new LabelledText("2", "unique", "negative"),
                    new LabelledText("3", "  SAME\ttext  with spacing ", "neutral"),
                    new LabelledText("4", "also unique", "positive")),
            List.of(new ReadSummary("a.tsv", 2, Map.of(), 0, 0),
                    new ReadSummary("b.tsv", 3, Map.of("empty text", 1), 0, 0)));
    private final LabelledData dev = new LabelledData(
            List.of(new LabelledText("1", "other text, same id", "positive")), List.of());
    private final LabelledData test = new LabelledData(
            List.of(new LabelledText("99", "same text with spacing", "neutral")), List.of());

    @Test
    void removes_examples_sharing_an_id_or_a_normalised_text_with_held_out_data() {
        LabelledData cleaned = DataSplits.removeOverlap(train, dev, test);

        assertThat(cleaned.examples()).extracting(LabelledText::id).containsExactly("2", "4");
        assertThat(cleaned.summaries()).extracting(ReadSummary::overlapRemoved).containsExactly(1, 1);
        assertThat(cleaned.summaries().get(1).describe()).isEqualTo("b.tsv: 3 rows, 1 kept, 1 skipped"
                + " (1 empty text), 0 duplicates removed, 1 removed as overlapping held-out data");
    }

    @Test
    void records_the_removal_apart_when_summaries_do_not_account_for_the_examples() {
        LabelledData handMade = new LabelledData(train.examples(), List.of());

        LabelledData cleaned = DataSplits.removeOverlap(handMade, test);

        assertThat(cleaned.size()).isEqualTo(3);
        assertThat(cleaned.summaries()).containsExactly(
                new ReadSummary("overlap with held-out data", 1, Map.of(), 0, 1));
    }

    @Test
    void leak_check_fails_on_overlap_and_passes_once_removed() {
        assertThatThrownBy(() -> DataSplits.checkNoLeak(train, dev, test))
                .isInstanceOf(DataException.class)
                .hasMessage("2 training examples also occur in the held-out data (first: id 1, \"Same tweet\");"
                        + " training and evaluation data must not overlap");
        assertThatCode(() -> DataSplits.checkNoLeak(DataSplits.removeOverlap(train, dev, test), dev, test))
                .doesNotThrowAnyException();
    }

    @Test
    void fingerprint_depends_on_ids_labels_texts_and_order_but_not_summaries() {
        String fingerprint = DataSplits.fingerprint(train);
        List<LabelledText> examples = train.examples();
        List<LabelledText> reordered = List.of(examples.get(1), examples.get(0), examples.get(2), examples.get(3));

        assertThat(fingerprint).matches("[0-9a-f]{64}");
        assertThat(fingerprintOf(examples)).isEqualTo(fingerprint);
        assertThat(fingerprintOf(examples.subList(0, 3))).isNotEqualTo(fingerprint);
        assertThat(fingerprintOf(reordered)).isNotEqualTo(fingerprint);
        assertThat(fingerprintOf(List.of(new LabelledText("a", "bc", "positive"))))
                .isNotEqualTo(fingerprintOf(List.of(new LabelledText("ab", "c", "positive"))));
        assertThat(fingerprintOf(List.of()))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    private static String fingerprintOf(List<LabelledText> examples) {
        return DataSplits.fingerprint(new LabelledData(examples, List.of()));
    }
}
