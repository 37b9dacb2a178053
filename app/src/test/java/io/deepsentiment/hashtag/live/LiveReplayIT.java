package io.deepsentiment.hashtag.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.deepsentiment.hashtag.store.DatabaseConfig;
import io.deepsentiment.hashtag.store.JdbcAnalysisStore;
import io.deepsentiment.model.predict.SentimentPredictor;
import io.deepsentiment.testing.TinyModel;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live path under a Jetstream's load: 1,000 events a second for 60 s, 5% of them posts with a
 * followed hashtag, one hang-up half-way. Every matching post must be scored and stored once, none
 * dropped, and the heap after a collection must not grow with the stream.
 */
class LiveReplayIT {

    private static final int PER_SECOND = 1000;
    private static final int SECONDS = 60;

    @TempDir
    Path dir;

    @Test
    void a_minute_at_a_thousand_events_a_second_loses_nothing_and_holds_its_memory() throws Exception {
        int total = PER_SECOND * SECONDS;
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        List<Long> heapAfterGc = new ArrayList<>();
        try (JetstreamReplay replay = new JetstreamReplay(total, PER_SECOND, 0.05, total / 2);
                JdbcAnalysisStore database = JdbcAnalysisStore.open(DatabaseConfig.sqlite(dir.resolve("live.db")));
                SentimentPredictor model = SentimentPredictor.load(TinyModel.threeLabels())) {
            LiveStore store = database.liveStore();
            LiveFeed feed = new LiveFeed(10_000, 0);
            feed.follow(Set.of(JetstreamReplay.TAG));
            try (LiveScoring scoring = new LiveScoring(feed, () -> model, store).start();
                    JetstreamClient client = new JetstreamClient(replay.endpoint(), feed::cursor, feed::accept,
                            pause -> Thread.sleep(100)).start()) {
                for (int second = 0; second < SECONDS * 3 && scoring.scored() < replay.matching(); second++) {
                    Thread.sleep(1000);
                    if (second % 10 == 9) {
                        System.gc();
                        heapAfterGc.add(memory.getHeapMemoryUsage().getUsed());
                    }
                }
                assertThat(client.connections()).as("reconnected after the hang-up").isEqualTo(2);
                assertThat(feed.events()).isEqualTo(total);
                assertThat(feed.dropped()).isZero();
                assertThat(scoring.scored()).isEqualTo(replay.matching());
            }
            int stored = store.minutes(JetstreamReplay.TAG, Instant.EPOCH).stream().mapToInt(LiveMinute::posts).sum();
            assertThat(stored).isEqualTo(replay.matching());
        }
        // the stream's garbage is collected: from the second sample on, the heap stays within 64 MB
        long first = heapAfterGc.get(1);
        assertThat(heapAfterGc.subList(1, heapAfterGc.size()))
                .allSatisfy(used -> assertThat(used - first).isLessThan(64L << 20));
        System.out.printf("live replay: %d events, heap after GC (MB): %s%n", total,
                heapAfterGc.stream().map(b -> b >> 20).toList());
    }
}
