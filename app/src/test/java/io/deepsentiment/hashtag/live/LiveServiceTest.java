package io.deepsentiment.hashtag.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.deepsentiment.hashtag.store.DatabaseConfig;
import io.deepsentiment.hashtag.store.JdbcAnalysisStore;
import io.deepsentiment.model.predict.SentimentPredictor;
import io.deepsentiment.testing.TinyModel;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import io.deepsentiment.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances on one database follow the Jetstream with one connection: the lease holder
 * connects; when it stops, the other takes over from the stored cursor, and every matching post is
 * stored once.
 */
class LiveServiceTest {

    @TempDir
    Path dir;

    @Test
    void one_connection_for_two_instances_and_a_take_over_that_loses_nothing() throws Exception {
        Path db = dir.resolve("live.db");
        try (JetstreamReplay replay = new JetstreamReplay(3000, 500, 0.1, 0);
                JdbcAnalysisStore first = JdbcAnalysisStore.open(DatabaseConfig.sqlite(db));
                JdbcAnalysisStore second = JdbcAnalysisStore.open(DatabaseConfig.sqlite(db));
                SentimentPredictor model = SentimentPredictor.load(TinyModel.threeLabels())) {
            Duration refresh = Duration.ofMillis(200);
            LiveService a = new LiveService(replay.endpoint(), first.liveStore(), () -> model,
                    () -> Set.of(JetstreamReplay.TAG), refresh, "instance-a", Clock.systemUTC()).start();
            Await.until(a::connects);
            LiveService b = new LiveService(replay.endpoint(), second.liveStore(), () -> model,
                    () -> Set.of(JetstreamReplay.TAG), refresh, "instance-b", Clock.systemUTC()).start();
            try {
                Await.until(() -> a.scored() >= 50);
                Thread.sleep(3 * refresh.toMillis()); // b has tried to take the lease a few times
                assertThat(b.connects()).as("a holds the one connection").isFalse();

                a.close(); // gives the lease up
                Await.until(b::connects);
                Await.until(() -> first.liveStore().minutes(JetstreamReplay.TAG, Instant.EPOCH).stream()
                        .mapToInt(LiveMinute::posts).sum() == replay.matching());
                assertThat(b.events()).as("b resumed where a's stored cursor was, not from the start")
                        .isLessThan(3000);
            } finally {
                a.close();
                b.close();
            }
        }
    }
}
