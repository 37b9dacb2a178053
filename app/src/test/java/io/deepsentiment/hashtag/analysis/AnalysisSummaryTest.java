package io.deepsentiment.hashtag.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.deepsentiment.hashtag.source.Post;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnalysisSummaryTest {

    private static final List<String> LABELS = List.of("negative", "neutral", "positive");

    private static ScoredPost post(String id, String label, double polarity) {
        return new ScoredPost(id, "text " + id, "@a", "https://example.org/" + id, Instant.EPOCH, label, polarity);
    }

    @Test
    void countsSharesMeanIntervalHistogramAndExtremes() {
        List<ScoredPost> posts = List.of(
                post("1", "positive", 0.9), post("2", "positive", 0.5), post("3", "neutral", 0.0),
                post("4", "negative", -0.7), post("5", "negative", -1.0), post("6", "positive", 1.0));

        AnalysisResult result = AnalysisSummary.of(posts, LABELS, 8, List.of());

        assertThat(result.posts()).isEqualTo(6);
        assertThat(result.fetched()).isEqualTo(8);
        assertThat(result.counts()).containsExactly(
                java.util.Map.entry("negative", 2), java.util.Map.entry("neutral", 1), java.util.Map.entry("positive", 3));
        assertThat(result.shares().values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, within(1e-3));
        assertThat(result.meanPolarity()).isCloseTo((0.9 + 0.5 + 0 - 0.7 - 1.0 + 1.0) / 6, within(1e-4));
        // sample sd of the six values is 0.8329; half width 1.96 * sd / sqrt(6) = 0.6664
        assertThat(result.meanPolarityHigh() - result.meanPolarity()).isCloseTo(0.6664, within(1e-3));
        assertThat(result.meanPolarityLow()).isLessThan(result.meanPolarity());

        assertThat(result.histogram()).hasSize(10);
        assertThat(result.histogram().get(0).from()).isEqualTo(-1.0);
        assertThat(result.histogram().get(9).to()).isEqualTo(1.0);
        assertThat(result.histogram().stream().mapToInt(HistogramBin::count).sum()).isEqualTo(6);
        assertThat(result.histogram().get(0).count()).isEqualTo(1); // -1.0
        assertThat(result.histogram().get(9).count()).isEqualTo(2); // 0.9 and 1.0 (the last bin includes 1)
        assertThat(result.histogram().get(5).count()).isEqualTo(1); // 0.0

        assertThat(result.mostPositive()).extracting(ScoredPost::id).containsExactly("6", "1", "2");
        assertThat(result.mostNegative()).extracting(ScoredPost::id).containsExactly("5", "4");
    }

    @Test
    void noPostsGiveZerosNotNaN() {
        AnalysisResult result = AnalysisSummary.of(List.of(), LABELS, 0, List.of());
        assertThat(result.posts()).isZero();
        assertThat(result.meanPolarity()).isZero();
        assertThat(result.shares()).containsValues(0.0, 0.0, 0.0);
        assertThat(result.mostPositive()).isEmpty();
    }

    @Test
    void extremesAreCappedAtFive() {
        List<ScoredPost> posts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            posts.add(post("p" + i, "positive", 0.05 * i));
            posts.add(post("n" + i, "negative", -0.01 - 0.04 * i));
        }
        AnalysisResult result = AnalysisSummary.of(posts, LABELS, 40, List.of());
        assertThat(result.mostPositive()).hasSize(5).first().extracting(ScoredPost::id).isEqualTo("p19");
        assertThat(result.mostNegative()).hasSize(5).first().extracting(ScoredPost::id).isEqualTo("n19");
    }

    @Test
    void duplicatesAndEmptyTextsAreDroppedBeforeScoring() {
        List<Post> posts = List.of(
                new Post("1", "Great day", "@a", "u1", Instant.EPOCH),
                new Post("1", "Great day", "@a", "u1", Instant.EPOCH),       // same id
                new Post("2", "  great   DAY ", "@b", "u2", Instant.EPOCH),  // same text, other spacing and case
                new Post("3", "   ", "@c", "u3", Instant.EPOCH),              // empty
                new Post("4", null, "@d", "u4", Instant.EPOCH),               // no text
                new Post("5", "Bad day", "@e", "u5", Instant.EPOCH));
        assertThat(AnalysisService.distinctNonEmpty(posts)).extracting(Post::id).containsExactly("1", "5");
    }
}
