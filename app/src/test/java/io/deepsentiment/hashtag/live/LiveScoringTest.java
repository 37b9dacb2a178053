package io.deepsentiment.hashtag.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.deepsentiment.hashtag.store.DatabaseConfig;
import io.deepsentiment.hashtag.store.JdbcAnalysisStore;
import io.deepsentiment.model.predict.Prediction;
import io.deepsentiment.model.predict.SentimentPredictor;
import io.deepsentiment.testing.SyntheticSentiment;
import io.deepsentiment.testing.TinyModel;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import io.deepsentiment.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Live posts scored by a small model made in the test and stored in SQLite, each once. */
class LiveScoringTest {

    private static final String DID = "did:plc:eygmaihciaxprqvxpfvl6flk";
    private static final long T0 = Instant.parse("2026-12-03T18:00:00Z").toEpochMilli() * 1000;

    @TempDir
    Path dir;

    @Test
    void every_followed_post_is_scored_and_stored_once_under_each_of_its_tags() throws Exception {
        Random random = new Random(3);
        List<String> events = new ArrayList<>();
        List<String> labels = List.of("negative", "neutral", "positive");
        Map<String, String> textByRkey = new HashMap<>();
        for (int i = 0; i < 90; i++) {
            String text = SyntheticSentiment.text(labels.get(i % 3), random);
            String[] tags = i % 10 == 0 ? new String[] {"java", "kotlin"} : i % 2 == 0 ? new String[] {"java"}
                    : new String[] {"python"};
            StringBuilder withTags = new StringBuilder(text);
            for (String tag : tags) {
                withTags.append(" #").append(tag);
            }
            textByRkey.put("3k" + i, withTags.toString());
            events.add(JetstreamFixtures.post(T0 + i * 1_000_000L, DID, "3k" + i, withTags.toString(), tags));
        }
        try (JdbcAnalysisStore database = JdbcAnalysisStore.open(DatabaseConfig.sqlite(dir.resolve("live.db")));
                SentimentPredictor model = SentimentPredictor.load(TinyModel.threeLabels())) {
            LiveStore store = database.liveStore();
            LiveFeed feed = new LiveFeed(1000, store.cursor());
            feed.follow(Set.of("java", "kotlin"));
            try (LiveScoring scoring = new LiveScoring(feed, () -> model, store).start()) {
                events.forEach(feed::accept);
                Await.until(() -> scoring.scored() == 45 && store.cursor() == T0 + 89 * 1_000_000L);
                // a reconnect replays the last events: nothing is stored twice
                events.subList(80, 90).forEach(feed::accept);
                Await.until(() -> scoring.scored() == 50);

                assertThat(scoring.stored()).isEqualTo(45 + 9);
            }

            List<LiveMinute> java = store.minutes("java", Instant.EPOCH);
            List<LiveMinute> kotlin = store.minutes("kotlin", Instant.EPOCH);
            assertThat(java.stream().mapToInt(LiveMinute::posts).sum()).isEqualTo(45);
            assertThat(kotlin.stream().mapToInt(LiveMinute::posts).sum()).isEqualTo(9);
            assertThat(java).extracting(LiveMinute::minute)
                    .containsExactly(Instant.parse("2026-12-03T18:00:00Z"), Instant.parse("2026-12-03T18:01:00Z"));
            // the labels are the model's own for those texts
            List<String> javaTexts = new ArrayList<>();
            for (int i = 0; i < 90; i += 2) {
                javaTexts.add(textByRkey.get("3k" + i));
            }
            Map<String, Integer> expected = new HashMap<>();
            for (Prediction prediction : model.predict(javaTexts)) {
                expected.merge(prediction.label(), 1, Integer::sum);
            }
            Map<String, Integer> counted = new HashMap<>();
            java.forEach(minute -> minute.counts().forEach((label, n) -> counted.merge(label, n, Integer::sum)));
            assertThat(counted).isEqualTo(expected);
        }
    }
}
