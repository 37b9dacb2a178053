package io.deepsentiment.bench;

import io.deepsentiment.hashtag.live.JetstreamClient;
import io.deepsentiment.hashtag.live.JetstreamReplay;
import io.deepsentiment.hashtag.live.LiveFeed;
import io.deepsentiment.hashtag.live.LiveScoring;
import io.deepsentiment.hashtag.store.DatabaseConfig;
import io.deepsentiment.hashtag.store.JdbcAnalysisStore;
import io.deepsentiment.model.predict.SentimentPredictor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * How fast the live path goes on this machine: a local Jetstream sends its events as fast as it
 * can (over a real WebSocket on 127.0.0.1, in this JVM), and the path reads, filters, scores with
 * the given model and stores them in SQLite. Prints, per share of matching posts, the events per
 * second read and filtered, and the matching posts per second scored and stored. Run by
 * {@code scripts/bench-live.sh}.
 *
 * <p>Arguments: model directory, events per run.
 */
public final class LiveThroughputBenchmark {

    public static void main(String[] args) throws Exception {
        Path model = Path.of(args[0]);
        int total = Integer.parseInt(args[1]);
        System.out.println("| matching share | events | events/s read and filtered | matching posts | posts/s scored and stored | dropped |");
        System.out.println("|---:|---:|---:|---:|---:|---:|");
        try (SentimentPredictor predictor = SentimentPredictor.load(model)) {
            predictor.predict(java.util.List.of("warm up the model", "and its threads")); // first call loads native code
            for (double share : new double[] {0.05, 0.25, 1.0}) {
                run(predictor, total, share);
            }
        }
    }

    private static void run(SentimentPredictor predictor, int total, double share) throws Exception {
        Path dir = Files.createTempDirectory("bench-live-");
        try (JetstreamReplay replay = new JetstreamReplay(total, 0, share, 0);
                JdbcAnalysisStore database = JdbcAnalysisStore.open(DatabaseConfig.sqlite(dir.resolve("live.db")))) {
            // room for every matching post: this measures speed, not dropping
            LiveFeed feed = new LiveFeed(replay.matching() + 1, 0);
            feed.follow(Set.of(JetstreamReplay.TAG));
            long start = System.nanoTime();
            long read;
            long scoredAt;
            try (LiveScoring scoring = new LiveScoring(feed, () -> predictor, database.liveStore()).start();
                    JetstreamClient client = new JetstreamClient(replay.endpoint(), feed::cursor, feed::accept,
                            pause -> Thread.sleep(100)).start()) {
                while (feed.events() < total) {
                    Thread.sleep(5);
                }
                read = System.nanoTime() - start;
                while (scoring.scored() < replay.matching()) {
                    Thread.sleep(5);
                }
                scoredAt = System.nanoTime() - start;
            }
            System.out.printf(Locale.ROOT, "| %.0f%% | %,d | %,.0f | %,d | %,.0f | %d |%n", share * 100, total,
                    total / (read / 1e9), replay.matching(), replay.matching() / (scoredAt / 1e9), feed.dropped());
        }
    }
}
