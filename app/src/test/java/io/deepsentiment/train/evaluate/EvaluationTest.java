package io.deepsentiment.train.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluationTest {

    private static final List<String> LABELS = List.of("negative", "neutral", "positive");

    @Test
    void computes_semeval_metrics_from_a_known_confusion_matrix() {
        // gold:      neg neg neg neu neu pos pos pos pos
        // predicted: neg neu neg neu pos pos pos neu pos
        int[] gold = {0, 0, 0, 1, 1, 2, 2, 2, 2};
        int[] predicted = {0, 1, 0, 1, 2, 2, 2, 1, 2};
        EvaluationReport r = Evaluation.of(LABELS, gold, predicted);

        assertThat(r.confusion()).isEqualTo(new int[][] {{2, 1, 0}, {0, 1, 1}, {0, 1, 3}});
        assertThat(r.accuracy()).isCloseTo(6.0 / 9, within(1e-9));
        // recalls: neg 2/3, neu 1/2, pos 3/4
        assertThat(r.avgRec()).isCloseTo((2.0 / 3 + 0.5 + 0.75) / 3, within(1e-9));
        // F1 neg: p=1, r=2/3 -> 0.8; F1 pos: p=3/4, r=3/4 -> 0.75
        assertThat(r.f1PN()).isCloseTo((0.8 + 0.75) / 2, within(1e-9));
        // F1 neu: p=1/3, r=1/2 -> 0.4
        assertThat(r.macroF1()).isCloseTo((0.8 + 0.4 + 0.75) / 3, within(1e-9));
        assertThat(r.perLabel().get("neutral").support()).isEqualTo(2);
        assertThat(r.describe()).contains("AvgRec 0.6389").contains("negative");
    }

    @Test
    void a_label_never_predicted_has_zero_precision_not_nan() {
        EvaluationReport r = Evaluation.of(List.of("negative", "positive"), new int[] {0, 1}, new int[] {1, 1});
        assertThat(r.perLabel().get("negative").precision()).isZero();
        assertThat(r.accuracy()).isEqualTo(0.5);
        assertThat(r.macroF1()).isNotNaN();
    }
}
