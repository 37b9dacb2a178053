package io.deepsentiment.hashtag.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deepsentiment.hashtag.analysis.Analysis;
import io.deepsentiment.hashtag.analysis.AnalysisResult;
import io.deepsentiment.hashtag.analysis.AnalysisStatus;
import io.deepsentiment.hashtag.analysis.HistogramBin;
import io.deepsentiment.hashtag.analysis.ScoredPost;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AnalysisStore} database must do; {@link SqliteAnalysisStoreTest} and
 * {@link PostgresAnalysisStoreTest} run it against a real SQLite file and a real PostgreSQL.
 */
abstract class AnalysisStoreContract {

    static final Instant T0 = Instant.parse("2025-03-01T12:00:00.123Z");

    /** The database of the current test; every call must name the same one. */
    abstract DatabaseConfig config();

    Database database;
    AnalysisStore store;
    private final List<AutoCloseable> opened = new ArrayList<>();

    @BeforeEach
    void openStore() throws SQLException {
        database = Database.open(config());
        store = new JdbcAnalysisStore(database);
        opened.add(store);
        try (Connection connection = database.dataSource().getConnection();
                Statement sql = connection.createStatement()) {
            sql.executeUpdate("DELETE FROM analyses");
        }
    }

    @AfterEach
    void closeStores() throws Exception {
        for (AutoCloseable each : opened) {
            each.close();
        }
    }

    /** Another store on the same database, as a restarted or a second instance of the service opens it. */
    AnalysisStore openAnother() {
        AnalysisStore another = JdbcAnalysisStore.open(config());
        opened.add(another);
        return another;
    }

    @Test
    void insert_then_find_returns_the_same_analysis_with_its_full_result() {
        Analysis done = queued("a1", "café", "mastodon", T0)
                .done(result(), "tweets", "2025-02-10.1", T0.plusSeconds(42));

        store.insert(done);

        assertThat(store.find("a1")).contains(done);
        assertThat(store.find("a1").orElseThrow().result().mostPositive().get(0).createdAt())
                .isEqualTo(Instant.parse("2025-02-28T23:59:59.123456789Z"));
    }

    @Test
    void find_of_an_unknown_id_is_empty() {
        assertThat(store.find("nope")).isEmpty();
    }

    @Test
    void an_empty_result_with_undefined_means_round_trips() {
        AnalysisResult empty = new AnalysisResult(0, 3, Map.of(), Map.of(), Double.NaN, Double.NaN, Double.NaN,
                List.of(), List.of(), List.of());
        Analysis done = queued("empty", "quiet", "x", T0).done(empty, "tweets", "1", T0.plusSeconds(1));

        store.insert(done);

        assertThat(store.find("empty")).contains(done);
    }

    @Test
    void update_replaces_status_progress_result_and_error() {
        Analysis queued = queued("u1", "rust", "x", T0);
        store.insert(queued);

        Analysis running = queued.withProgress(AnalysisStatus.RUNNING, 40, 10, T0.plusSeconds(5));
        store.update(running);
        assertThat(store.find("u1")).contains(running);

        Analysis done = running.withProgress(AnalysisStatus.RUNNING, 100, 100, T0.plusSeconds(9))
                .done(result(), "tweets", "v3", T0.plusSeconds(10));
        store.update(done);
        assertThat(store.find("u1")).contains(done);

        Analysis failed = queued("u2", "rust", "x", T0);
        store.insert(failed);
        store.update(failed.failed("source unavailable: 503 from mastodon.social", T0.plusSeconds(3)));
        Analysis found = store.find("u2").orElseThrow();
        assertThat(found.status()).isEqualTo(AnalysisStatus.FAILED);
        assertThat(found.error()).isEqualTo("source unavailable: 503 from mastodon.social");
        assertThat(found.finishedAt()).isEqualTo(T0.plusSeconds(3));
        assertThat(found.result()).isNull();
    }

    @Test
    void update_of_an_unknown_id_throws_naming_the_operation() {
        assertThatThrownBy(() -> store.update(queued("ghost", "rust", "x", T0)))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("update analysis ghost");
    }

    @Test
    void hashtags_are_stored_and_compared_lower_cased() {
        store.insert(doneAt("c1", "RustLang", "x", T0));

        assertThat(store.find("c1").orElseThrow().hashtag()).isEqualTo("rustlang");
        assertThat(store.findFresh("RUSTLANG", "x", "tweets", T0.minusSeconds(60))).isPresent();
        assertThat(store.history("rustLang", 10)).hasSize(1);
    }

    @Test
    void findFresh_returns_the_newest_done_analysis_of_that_tag_and_source_within_the_window() {
        Instant notBefore = T0.plus(Duration.ofMinutes(10));
        store.insert(doneAt("old", "ai", "x", notBefore.minusMillis(1)));
        store.insert(doneAt("edge", "ai", "x", notBefore));
        store.insert(doneAt("newest", "ai", "x", notBefore.plusSeconds(30)));
        store.insert(doneAt("other-source", "ai", "mastodon", notBefore.plusSeconds(60)));
        store.insert(doneAt("other-tag", "ml", "x", notBefore.plusSeconds(60)));
        store.insert(queued("running", "ai", "x", notBefore.plusSeconds(90))
                .withProgress(AnalysisStatus.RUNNING, 1, 1, notBefore.plusSeconds(90)));
        store.insert(queued("failed", "ai", "x", notBefore).failed("boom", notBefore.plusSeconds(95)));

        assertThat(store.findFresh("ai", "x", "tweets", notBefore).map(Analysis::id)).contains("newest");
        assertThat(store.findFresh("ai", "mastodon", "tweets", notBefore).map(Analysis::id)).contains("other-source");
        assertThat(store.findFresh("ai", "x", "tweets", notBefore.plusSeconds(30)).map(Analysis::id)).contains("newest");
        assertThat(store.findFresh("ai", "x", "tweets", notBefore.plusSeconds(31))).isEmpty();
        assertThat(store.findFresh("ai", "bluesky", "tweets", T0)).isEmpty();
        // an analysis scored by another model is not a fresh result for this one
        assertThat(store.findFresh("ai", "x", "tweets-accurate", notBefore)).isEmpty();
    }

    @Test
    void findFresh_takes_the_edge_of_the_window_as_fresh() {
        store.insert(doneAt("edge", "ai", "x", T0));

        assertThat(store.findFresh("ai", "x", "tweets", T0).map(Analysis::id)).contains("edge");
        assertThat(store.findFresh("ai", "x", "tweets", T0.plusMillis(1))).isEmpty();
    }

    @Test
    void history_lists_the_newest_done_analyses_of_a_tag_oldest_first() {
        for (int i = 0; i < 6; i++) {
            store.insert(doneAt("h" + i, "climate", i % 2 == 0 ? "x" : "mastodon", T0.plusSeconds(60L * i)));
        }
        store.insert(queued("running", "climate", "x", T0.plusSeconds(999))
                .withProgress(AnalysisStatus.RUNNING, 5, 5, T0.plusSeconds(999)));
        store.insert(queued("failed", "climate", "x", T0).failed("boom", T0.plusSeconds(998)));
        store.insert(doneAt("other", "weather", "x", T0.plusSeconds(997)));

        assertThat(store.history("climate", 4)).extracting(Analysis::id).containsExactly("h2", "h3", "h4", "h5");
        assertThat(store.history("climate", 100)).extracting(Analysis::id)
                .containsExactly("h0", "h1", "h2", "h3", "h4", "h5");
        assertThat(store.history("climate", 0)).isEmpty();
        assertThat(store.history("nothing", 5)).isEmpty();
        assertThat(store.history("climate", 1).get(0)).isEqualTo(store.find("h5").orElseThrow());
    }

    @Test
    void failAbandoned_fails_only_queued_and_running_analyses_without_a_recent_heartbeat() {
        Instant staleBefore = T0.plus(Duration.ofMinutes(5));
        Instant now = staleBefore.plus(Duration.ofMinutes(1));
        store.insert(running("dead", T0));
        store.insert(running("alive", T0));
        store.insert(queued("dead-queued", "ai", "x", T0));
        store.insert(running("recent", staleBefore));
        Analysis done = doneAt("done", "ai", "x", T0);
        store.insert(done);
        Analysis failed = queued("failed", "ai", "x", T0).failed("earlier failure", T0);
        store.insert(failed);

        store.heartbeat(List.of("alive", "done", "failed", "unknown"), staleBefore.plusSeconds(30));
        int marked = store.failAbandoned(staleBefore, "the instance running it stopped", now);

        assertThat(marked).isEqualTo(2);
        Analysis dead = store.find("dead").orElseThrow();
        assertThat(dead.status()).isEqualTo(AnalysisStatus.FAILED);
        assertThat(dead.error()).isEqualTo("the instance running it stopped");
        assertThat(dead.finishedAt()).isEqualTo(now);
        assertThat(dead.updatedAt()).isEqualTo(now);
        assertThat(dead.fetched()).isEqualTo(3);
        assertThat(store.find("dead-queued").orElseThrow().status()).isEqualTo(AnalysisStatus.FAILED);
        Analysis alive = store.find("alive").orElseThrow();
        assertThat(alive.status()).isEqualTo(AnalysisStatus.RUNNING);
        assertThat(alive.updatedAt()).isEqualTo(staleBefore.plusSeconds(30));
        assertThat(store.find("recent").orElseThrow().status()).isEqualTo(AnalysisStatus.RUNNING);
        assertThat(store.find("done")).contains(done);
        assertThat(store.find("failed")).contains(failed);
        assertThat(store.failAbandoned(staleBefore, "again", now)).isZero();
    }

    @Test
    void heartbeat_of_no_ids_does_nothing() {
        store.insert(running("r", T0));

        store.heartbeat(List.of(), T0.plusSeconds(5));

        assertThat(store.find("r").orElseThrow().updatedAt()).isEqualTo(T0);
    }

    @Test
    void data_survives_closing_and_reopening_the_store() {
        Analysis done = queued("kept", "ai", "x", T0).done(result(), "tweets", "1", T0.plusSeconds(5));
        store.insert(done);
        store.insert(running("in-flight", T0));
        store.close();
        opened.remove(store);

        AnalysisStore reopened = openAnother();

        assertThat(reopened.find("kept")).contains(done);
        assertThat(reopened.find("in-flight")).contains(running("in-flight", T0));
        assertThat(reopened.history("ai", 10)).containsExactly(done);
    }

    @Test
    void a_failed_write_throws_naming_the_operation_and_keeps_earlier_analyses() {
        Analysis first = queued("dup", "ai", "x", T0).done(result(), "tweets", "1", T0.plusSeconds(1));
        store.insert(first);
        store.insert(running("other", T0));

        assertThatThrownBy(() -> store.insert(running("dup", T0.plusSeconds(2))))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("insert analysis dup failed")
                .hasCauseInstanceOf(SQLException.class);

        assertThat(store.find("dup")).contains(first);
        assertThat(store.find("other")).isPresent();
        store.insert(running("after", T0));
        assertThat(store.find("after")).isPresent();
    }

    @Test
    void two_stores_on_the_same_database_see_each_others_writes() {
        AnalysisStore second = openAnother();

        store.insert(running("shared", T0));
        assertThat(second.find("shared")).contains(running("shared", T0));

        Analysis done = running("shared", T0).done(result(), "tweets", "1", T0.plusSeconds(20));
        second.update(done);
        assertThat(store.find("shared")).contains(done);
        assertThat(store.findFresh("ai", "x", "tweets", T0)).contains(done);

        second.insert(running("stale", T0));
        assertThat(store.failAbandoned(T0.plusSeconds(60), "stopped", T0.plusSeconds(61))).isEqualTo(1);
        assertThat(second.find("stale").orElseThrow().status()).isEqualTo(AnalysisStatus.FAILED);
    }

    @Test
    void concurrent_writers_from_several_threads_all_succeed() throws Exception {
        int threads = 8;
        int perThread = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    List<String> mine = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        String id = "c" + thread + "-" + i;
                        Analysis queued = queued(id, "busy", "x", T0);
                        store.insert(queued);
                        store.update(queued.withProgress(AnalysisStatus.RUNNING, i, i, T0.plusSeconds(i)));
                        mine.add(id);
                        store.heartbeat(mine, T0.plusSeconds(100 + i));
                        store.find(id).orElseThrow();
                    }
                    return null;
                }));
            }
            for (Future<?> each : done) {
                each.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.failAbandoned(T0.plusSeconds(100 + perThread), "x", T0.plusSeconds(999)))
                .isEqualTo(threads * perThread);
    }

    static Analysis queued(String id, String hashtag, String source, Instant created) {
        return new Analysis(id, hashtag, source, 200, AnalysisStatus.QUEUED, 0, 0, null, created, created, null,
                null, null, null);
    }

    static Analysis running(String id, Instant lastBeat) {
        return queued(id, "ai", "x", lastBeat).withProgress(AnalysisStatus.RUNNING, 3, 2, lastBeat);
    }

    static Analysis doneAt(String id, String hashtag, String source, Instant finished) {
        return queued(id, hashtag, source, finished.minusSeconds(20))
                .done(result(), "tweets", "2025-02-10.1", finished);
    }

    /** A result with unicode, emoji, a null author and instants down to the nanosecond. */
    static AnalysisResult result() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("negative", 2);
        counts.put("neutral", 1);
        counts.put("positive", 4);
        Map<String, Double> shares = new LinkedHashMap<>();
        shares.put("negative", 2 / 7.0);
        shares.put("neutral", 1 / 7.0);
        shares.put("positive", 4 / 7.0);
        List<HistogramBin> histogram = List.of(new HistogramBin(-1, -0.5, 2), new HistogramBin(-0.5, 0, 1),
                new HistogramBin(0, 0.5, 0), new HistogramBin(0.5, 1, 4));
        List<ScoredPost> positive = List.of(
                new ScoredPost("111", "J'adore ce café ☕️😍 #café — ünïcödé 👩🏽‍💻", "@zoë@mastodon.social",
                        "https://mastodon.social/@zoë/111", Instant.parse("2025-02-28T23:59:59.123456789Z"),
                        "positive", 0.9871234567891234),
                new ScoredPost("112", "日本語のテキスト 🎉 \"quoted\" \\ back\nslash", null,
                        "https://x.com/i/web/status/112", Instant.parse("2025-02-27T00:00:00Z"), "positive", 0.5));
        List<ScoredPost> negative = List.of(new ScoredPost("113", "worst 😡😡 ever\ttab", "@bob",
                "https://x.com/bob/status/113", Instant.EPOCH, "negative", -0.999));
        return new AnalysisResult(7, 9, counts, shares, 0.2345, 0.01, 0.4589, histogram, positive, negative);
    }
}
