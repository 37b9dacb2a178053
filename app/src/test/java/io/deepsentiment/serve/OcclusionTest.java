package io.deepsentiment.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.deepsentiment.model.artifact.ModelManifest;
import io.deepsentiment.model.predict.SentimentPredictor;
import java.util.List;
import org.junit.jupiter.api.Test;

class OcclusionTest {

    /** A model that reads only its first {@code cut} tokens, each token's id its length. */
    private static SentimentPredictor cutAt(int cut) {
        return new SentimentPredictor() {
            @Override
            public ModelManifest manifest() {
                throw new UnsupportedOperationException();
            }

            @Override
            public List<String> tokens(String text) {
                return List.of(text.split(" "));
            }

            @Override
            public int[] toIds(List<String> tokens) {
                return tokens.stream().limit(cut).mapToInt(String::length).toArray();
            }

            @Override
            public List<float[]> probabilities(List<int[]> ids) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void close() {}
        };
    }

    @Test
    void only_the_tokens_the_model_reads_are_explained() {
        List<String> tokens = List.of("a", "bb", "ccc", "dddd", "eeeee", "f");
        assertThat(Occlusion.explainable(cutAt(4), tokens)).containsExactly("a", "bb", "ccc", "dddd");
        assertThat(Occlusion.explainable(cutAt(100), tokens)).isEqualTo(tokens);
        assertThat(Occlusion.explainable(cutAt(1), tokens)).containsExactly("a");
        assertThat(Occlusion.explainable(cutAt(4), List.of())).isEmpty();
    }

    @Test
    void each_variant_leaves_out_one_token_after_the_whole_text() {
        List<int[]> variants = Occlusion.variants(List.of("a", "bb", "ccc"), cutAt(10)::toIds);
        assertThat(variants).containsExactly(new int[] {1, 2, 3}, new int[] {2, 3}, new int[] {1, 3}, new int[] {1, 2});
    }

    @Test
    void a_contribution_is_the_drop_in_log_odds_when_the_token_is_left_out() {
        // labels: negative 0, neutral 1, positive 2
        float[] whole = {0.1f, 0.2f, 0.7f};
        float[] withoutGreat = {0.4f, 0.4f, 0.2f};
        float[] withoutDay = {0.1f, 0.1f, 0.8f};
        float[] zeroNegative = {0f, 0.5f, 0.5f};
        var contributions = Occlusion.contributions(List.of("great", "day", "x"),
                List.of(whole, withoutGreat, withoutDay, zeroNegative), 2, 0);

        assertThat(contributions.get(0).token()).isEqualTo("great");
        assertThat(contributions.get(0).contribution()).isCloseTo(Math.log(0.7 / 0.1) - Math.log(0.2 / 0.4), within(1e-3));
        assertThat(contributions.get(1).contribution()).isCloseTo(Math.log(0.7 / 0.1) - Math.log(0.8 / 0.1), within(1e-3));
        assertThat(contributions.get(1).contribution()).isNegative();
        // a class rounded to 0 gives a finite log-odds (floored at 1e-9), not infinity
        assertThat(contributions.get(2).contribution()).isFinite()
                .isCloseTo(Math.log(0.7 / 0.1) - Math.log(0.5 / 1e-9), within(1e-2));
    }
}
