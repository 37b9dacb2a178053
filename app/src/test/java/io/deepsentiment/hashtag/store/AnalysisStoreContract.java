package io.deepsentiment.hashtag.store;

import io.deepsentiment.hashtag.analysis.StoreException;
import io.deepsentiment.hashtag.analysis.AnalysisStore;
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
import java.util.Optional;
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
            sql.executeUpdate("DELETE FROM source_usage");
            sql.executeUpdate("DELETE FROM live_posts");
            sql.executeUpdate("DELETE FROM live_cursor");
            sql.executeUpdate("DELETE FROM live_lease");
            sql.executeUpdate("DELETE FROM trackers");
            sql.executeUpdate("DELETE FROM analysis_posts");
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

    private static io.deepsentiment.hashtag.live.ScoredLivePost live(String tag, String rkey, long timeUs, String label,
            double polarity) {
        String did = "did:plc:author";
        return new io.deepsentiment.hashtag.live.ScoredLivePost(tag, new io.deepsentiment.hashtag.live.LivePost(
                "at://" + did + "/app.bsky.feed.post/" + rkey, did, "text " + rkey, java.util.Set.of(tag),
                java.util.Set.of("en"), Instant.ofEpochMilli(timeUs / 1000), timeUs), label, polarity, "tiny");
    }

    @Test
    void live_posts_are_stored_once_and_counted_per_minute() {
        io.deepsentiment.hashtag.live.LiveStore live = ((JdbcAnalysisStore) store).liveStore();
        long minute0 = Instant.parse("2026-12-03T18:00:00Z").toEpochMilli() * 1000;
        long minute1 = minute0 + 60_000_000L;
        assertThat(live.save(List.of(live("java", "a", minute0 + 1, "positive", 0.8),
                live("java", "b", minute0 + 59_999_999L, "negative", -0.6),
                live("java", "c", minute1, "positive", 0.4),
                live("kotlin", "a", minute0 + 1, "positive", 0.8)))).isEqualTo(4);
        // the same events again, as after a reconnect: nothing new
        assertThat(((JdbcAnalysisStore) openAnother()).liveStore()
                .save(List.of(live("java", "a", minute0 + 1, "positive", 0.8)))).isZero();

        List<io.deepsentiment.hashtag.live.LiveMinute> minutes = live.minutes("JAVA", Instant.parse("2026-12-03T17:00:00Z"));

        assertThat(minutes).hasSize(2);
        assertThat(minutes.get(0).minute()).isEqualTo(Instant.parse("2026-12-03T18:00:00Z"));
        assertThat(minutes.get(0).posts()).isEqualTo(2);
        assertThat(minutes.get(0).counts()).containsOnly(Map.entry("positive", 1), Map.entry("negative", 1));
        assertThat(minutes.get(0).meanPolarity()).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(minutes.get(1).share("positive")).isEqualTo(1.0);
        assertThat(live.minutes("java", Instant.parse("2026-12-03T18:01:00Z"))).hasSize(1);
    }

    @Test
    void one_instance_at_a_time_holds_the_jetstream_connection() {
        io.deepsentiment.hashtag.live.LiveStore one = ((JdbcAnalysisStore) store).liveStore();
        io.deepsentiment.hashtag.live.LiveStore two = ((JdbcAnalysisStore) openAnother()).liveStore();

        assertThat(one.holdConnection("a", T0, T0.plusSeconds(30))).isTrue();
        assertThat(two.holdConnection("b", T0.plusSeconds(10), T0.plusSeconds(40))).as("held by a").isFalse();
        assertThat(one.holdConnection("a", T0.plusSeconds(20), T0.plusSeconds(50))).as("renewed").isTrue();
        assertThat(two.holdConnection("b", T0.plusSeconds(40), T0.plusSeconds(70))).as("a renewed").isFalse();
        // a stops renewing (it died): once its lease has lapsed, b takes over, and a cannot renew
        assertThat(two.holdConnection("b", T0.plusSeconds(51), T0.plusSeconds(81))).isTrue();
        assertThat(one.holdConnection("a", T0.plusSeconds(52), T0.plusSeconds(82))).isFalse();
        // b stops normally and gives it up: a takes it at once
        two.releaseConnection("b");
        assertThat(one.holdConnection("a", T0.plusSeconds(53), T0.plusSeconds(83))).isTrue();
    }

    @Test
    void the_jetstream_cursor_survives_a_restart_and_never_moves_back() {
        io.deepsentiment.hashtag.live.LiveStore live = ((JdbcAnalysisStore) store).liveStore();
        assertThat(live.cursor()).isZero();
        live.saveCursor(1725911162329308L);
        live.saveCursor(1725911162000000L);

        assertThat(((JdbcAnalysisStore) openAnother()).liveStore().cursor()).isEqualTo(1725911162329308L);
    }

    private static io.deepsentiment.hashtag.tracker.Tracker tracker(String id, String hashtag, Instant next) {
        return new io.deepsentiment.hashtag.tracker.Tracker(id, hashtag, "mastodon", "tweets", 100,
                Duration.ofMinutes(15), T0, next, null, null);
    }

    @Test
    void a_finished_analysis_keeps_every_post_it_scored_and_a_tracker_knows_its_newest() {
        JdbcAnalysisStore jdbc = (JdbcAnalysisStore) store;
        Analysis run = Analysis.queued("t-run-1", "java", "mastodon", 100, "tweets", T0, "tracker-1", null);
        store.enqueue(run);
        Analysis claimed = store.claim("me", T0, T0.plusSeconds(30), 3).orElseThrow();
        List<ScoredPost> posts = List.of(
                new ScoredPost("2", "newer", "@a", "https://m.example/@a/2", T0.minusSeconds(10), "positive", 0.7),
                new ScoredPost("1", "older\ttab \"quoted\"", "@b", "https://m.example/@b/1", T0.minusSeconds(60),
                        "negative", -0.4));

        assertThat(store.finish(claimed.done(result(), "tweets", "1", T0.plusSeconds(5)), posts, "someone else"))
                .as("not the lease holder").isFalse();
        assertThat(store.posts("t-run-1")).isEmpty();
        assertThat(store.finish(claimed.done(result(), "tweets", "1", T0.plusSeconds(5)), posts, "me")).isTrue();

        assertThat(openAnother().posts("t-run-1")).isEqualTo(posts);
        assertThat(store.find("t-run-1").orElseThrow().trackerId()).isEqualTo("tracker-1");
        assertThat(store.newestPostOfTracker("tracker-1")).contains(T0.minusSeconds(10));
        assertThat(store.newestPostOfTracker("tracker-2")).isEmpty();
        assertThat(jdbc.posts("unknown")).isEmpty();
    }

    @Test
    void trackers_are_kept_once_per_tag_source_and_model_and_listed_until_deleted() {
        io.deepsentiment.hashtag.tracker.TrackerStore trackers = ((JdbcAnalysisStore) store).trackerStore();
        io.deepsentiment.hashtag.tracker.Tracker first = trackers.create(tracker("t1", "Java", T0));

        assertThat(trackers.create(tracker("t2", "java", T0)).id()).as("the same tag again").isEqualTo("t1");
        trackers.create(tracker("t3", "kotlin", T0.plusSeconds(600)));
        assertThat(((JdbcAnalysisStore) openAnother()).trackerStore().list())
                .extracting(io.deepsentiment.hashtag.tracker.Tracker::id).containsExactly("t1", "t3");
        assertThat(first.hashtag()).isEqualTo("java");
        assertThat(trackers.find("t1")).contains(first);
        assertThat(trackers.due(T0, 10)).extracting(io.deepsentiment.hashtag.tracker.Tracker::id).containsExactly("t1");
        assertThat(trackers.delete("t1")).isTrue();
        assertThat(trackers.delete("t1")).isFalse();
        assertThat(trackers.list()).extracting(io.deepsentiment.hashtag.tracker.Tracker::id).containsExactly("t3");
    }

    @Test
    void a_due_run_is_queued_by_exactly_one_of_many_instances() throws Exception {
        ((JdbcAnalysisStore) store).trackerStore().create(tracker("t1", "java", T0));
        List<io.deepsentiment.hashtag.tracker.TrackerStore> instances = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            instances.add(((JdbcAnalysisStore) openAnother()).trackerStore());
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Optional<Analysis>>> attempts = new ArrayList<>();
            // every instance has seen the run due before any of them queues it
            List<io.deepsentiment.hashtag.tracker.Tracker> seen = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                seen.add(instances.get(i % 4).due(T0, 10).get(0));
            }
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            for (int i = 0; i < 8; i++) {
                io.deepsentiment.hashtag.tracker.TrackerStore trackers = instances.get(i % 4);
                io.deepsentiment.hashtag.tracker.Tracker due = seen.get(i);
                String id = "run-" + i;
                attempts.add(pool.submit(() -> {
                    go.await();
                    return trackers.startRun(due, T0.plus(Duration.ofMinutes(15)),
                            Analysis.queued(id, "java", "mastodon", 100, "tweets", T0, "t1", null));
                }));
            }
            go.countDown();
            int queued = 0;
            for (Future<Optional<Analysis>> attempt : attempts) {
                queued += attempt.get().isPresent() ? 1 : 0;
            }
            assertThat(queued).isEqualTo(1);
        } finally {
            pool.shutdown();
        }
        io.deepsentiment.hashtag.tracker.Tracker after = ((JdbcAnalysisStore) store).trackerStore().find("t1").orElseThrow();
        assertThat(after.nextRunAt()).isEqualTo(T0.plus(Duration.ofMinutes(15)));
        assertThat(after.lastRunAt()).isEqualTo(T0);
        assertThat(store.find(after.lastAnalysisId()).orElseThrow().trackerId()).isEqualTo("t1");
        assertThat(store.countQueued()).isEqualTo(1);
    }

    @Test
    void an_analysis_already_queued_for_the_tag_stands_for_the_run() {
        store.enqueue(queuedBy("by-hand", "java", "tweets", T0));
        io.deepsentiment.hashtag.tracker.TrackerStore trackers = ((JdbcAnalysisStore) store).trackerStore();
        trackers.create(tracker("t1", "java", T0));

        Optional<Analysis> standing = trackers.startRun(trackers.due(T0, 1).get(0), T0.plusSeconds(900),
                Analysis.queued("tracked", "java", "mastodon", 100, "tweets", T0, "t1", null));

        assertThat(standing.orElseThrow().id()).isEqualTo("by-hand");
        assertThat(trackers.find("t1").orElseThrow().lastAnalysisId()).isEqualTo("by-hand");
        assertThat(store.countQueued()).isEqualTo(1);
    }

    @Test
    void a_daily_post_allowance_is_never_overspent_by_instances_taking_at_once_and_survives_a_restart()
            throws Exception {
        java.time.LocalDate day = java.time.LocalDate.of(2026, 12, 3);
        List<JdbcPostBudget> budgets = List.of(((JdbcAnalysisStore) store).postBudget(),
                ((JdbcAnalysisStore) openAnother()).postBudget());
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Integer>> takers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                JdbcPostBudget budget = budgets.get(i % 2);
                takers.add(pool.submit(() -> {
                    int taken = 0;
                    int granted;
                    while ((granted = budget.take("x", day, 37, 1000)) > 0) {
                        taken += granted;
                    }
                    return taken;
                }));
            }
            int total = 0;
            for (Future<Integer> taker : takers) {
                total += taker.get();
            }
            assertThat(total).isEqualTo(1000);
        } finally {
            pool.shutdown();
        }
        budgets.get(0).giveBack("x", day, 40);
        JdbcPostBudget restarted = ((JdbcAnalysisStore) openAnother()).postBudget();
        assertThat(restarted.used("x", day)).isEqualTo(960);
        assertThat(restarted.take("x", day, 100, 1000)).isEqualTo(40);
        assertThat(restarted.take("x", day.plusDays(1), 100, 1000)).as("a new day").isEqualTo(100);
        assertThat(restarted.take("bluesky", day, 100, 1000)).as("another source").isEqualTo(100);
        restarted.giveBack("x", day.plusDays(1), 500);
        assertThat(restarted.used("x", day.plusDays(1))).as("never below zero").isZero();
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
                List.of(), List.of(), List.of(), List.of());
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
    void enqueue_keeps_one_active_analysis_per_tag_source_and_model() {
        Analysis first = store.enqueue(queuedBy("q1", "ai", "tweets", T0));
        assertThat(first.id()).isEqualTo("q1");

        assertThat(store.enqueue(queuedBy("q2", "AI", "tweets", T0.plusSeconds(1))).id()).isEqualTo("q1");
        assertThat(store.enqueue(queuedBy("q3", "ai", "reviews", T0.plusSeconds(2))).id()).isEqualTo("q3");
        assertThat(store.find("q2")).isEmpty();
        assertThat(store.countQueued()).isEqualTo(2);

        // once it has finished, the same tag queues a new analysis
        Analysis claimed = store.claim("me", T0.plusSeconds(3), T0.plusSeconds(33), 3).orElseThrow();
        assertThat(claimed.id()).isEqualTo("q1");
        assertThat(store.enqueue(queuedBy("q4", "ai", "tweets", T0.plusSeconds(4))).id()).isEqualTo("q1");
        assertThat(store.update(claimed.done(result(), "tweets", "1", T0.plusSeconds(5)), "me")).isTrue();
        assertThat(store.enqueue(queuedBy("q5", "ai", "tweets", T0.plusSeconds(6))).id()).isEqualTo("q5");
    }

    @Test
    void many_submissions_at_once_from_two_instances_queue_exactly_one_analysis() throws Exception {
        AnalysisStore second = openAnother();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> ids = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                AnalysisStore via = i % 2 == 0 ? store : second;
                String id = "race-" + i;
                ids.add(pool.submit(() -> via.enqueue(queuedBy(id, "race", "tweets", T0)).id()));
            }
            java.util.Set<String> distinct = new java.util.HashSet<>();
            for (Future<String> id : ids) {
                distinct.add(id.get());
            }
            assertThat(distinct).hasSize(1);
            assertThat(store.countQueued()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void claims_take_the_oldest_queued_analysis_each_once() {
        store.enqueue(queuedBy("late", "b", "tweets", T0.plusSeconds(10)));
        store.enqueue(queuedBy("early", "a", "tweets", T0));
        Instant now = T0.plusSeconds(20);

        Analysis first = store.claim("one", now, now.plusSeconds(30), 3).orElseThrow();
        Analysis second = store.claim("two", now, now.plusSeconds(30), 3).orElseThrow();

        assertThat(first.id()).isEqualTo("early");
        assertThat(first.status()).isEqualTo(AnalysisStatus.RUNNING);
        assertThat(first.updatedAt()).isEqualTo(now);
        assertThat(second.id()).isEqualTo("late");
        assertThat(store.claim("three", now, now.plusSeconds(30), 3)).isEmpty();
        assertThat(store.countQueued()).isZero();
    }

    @Test
    void an_expired_lease_is_claimed_again_and_the_old_holder_can_no_longer_write() {
        store.enqueue(queuedBy("a", "ai", "tweets", T0));
        Analysis byDead = store.claim("dead", T0, T0.plusSeconds(30), 3).orElseThrow();
        assertThat(store.update(byDead.withProgress(AnalysisStatus.RUNNING, 40, 10, T0.plusSeconds(5)), "dead"))
                .isTrue();

        // still leased: nobody else may take it
        assertThat(store.claim("alive", T0.plusSeconds(29), T0.plusSeconds(59), 3)).isEmpty();
        Analysis taken = store.claim("alive", T0.plusSeconds(31), T0.plusSeconds(61), 3).orElseThrow();
        assertThat(taken.id()).isEqualTo("a");
        assertThat(taken.fetched()).isZero();
        assertThat(taken.scored()).isZero();

        // the first holder comes back (a long pause, not a death): its writes are refused
        Analysis late = byDead.done(result(), "tweets", "1", T0.plusSeconds(32));
        assertThat(store.update(late, "dead")).isFalse();
        assertThat(store.find("a").orElseThrow().status()).isEqualTo(AnalysisStatus.RUNNING);
        assertThat(store.renew(List.of("a"), "dead", T0.plusSeconds(33), T0.plusSeconds(63))).containsExactly("a");

        Analysis done = taken.done(result(), "tweets", "1", T0.plusSeconds(40));
        assertThat(store.update(done, "alive")).isTrue();
        assertThat(store.find("a")).contains(done);
        // finished once: no later write of any holder changes it
        assertThat(store.update(done.failed("late", T0.plusSeconds(41)), "alive")).isFalse();
        assertThat(store.find("a")).contains(done);
    }

    @Test
    void renewed_leases_are_kept_released_ones_go_back_to_the_queue() {
        store.enqueue(queuedBy("r", "ai", "tweets", T0));
        store.enqueue(queuedBy("s", "ml", "tweets", T0.plusSeconds(1)));
        store.claim("me", T0, T0.plusSeconds(30), 3).orElseThrow();
        store.claim("me", T0, T0.plusSeconds(30), 3).orElseThrow();

        assertThat(store.renew(List.of("r", "s"), "me", T0.plusSeconds(25), T0.plusSeconds(55))).isEmpty();
        assertThat(store.claim("other", T0.plusSeconds(40), T0.plusSeconds(70), 3)).isEmpty();
        assertThat(store.renew(List.of(), "me", T0, T0)).isEmpty();

        store.release(List.of("r"), "me", T0.plusSeconds(41));
        assertThat(store.find("r").orElseThrow().status()).isEqualTo(AnalysisStatus.QUEUED);
        assertThat(store.claim("other", T0.plusSeconds(42), T0.plusSeconds(72), 3).orElseThrow().id()).isEqualTo("r");
        // releasing what one does not hold changes nothing
        store.release(List.of("s"), "other", T0.plusSeconds(43));
        assertThat(store.find("s").orElseThrow().status()).isEqualTo(AnalysisStatus.RUNNING);
    }

    @Test
    void an_analysis_interrupted_too_often_is_failed_not_claimed_again() {
        store.enqueue(queuedBy("unlucky", "ai", "tweets", T0));
        Instant now = T0;
        for (int attempt = 1; attempt <= 2; attempt++) {
            assertThat(store.claim("i" + attempt, now, now.plusSeconds(30), 2)).isPresent();
            now = now.plusSeconds(31);
        }
        assertThat(store.claim("i3", now, now.plusSeconds(30), 2)).isEmpty();
        assertThat(store.failExhausted(now, 3, "too often")).isZero();

        assertThat(store.failExhausted(now, 2, "interrupted twice")).isEqualTo(1);

        Analysis failed = store.find("unlucky").orElseThrow();
        assertThat(failed.status()).isEqualTo(AnalysisStatus.FAILED);
        assertThat(failed.error()).isEqualTo("interrupted twice");
        assertThat(failed.finishedAt()).isEqualTo(now);
    }

    @Test
    void a_running_analysis_without_a_lease_is_claimable() {
        store.insert(running("orphan", T0));

        assertThat(store.claim("me", T0.plusSeconds(1), T0.plusSeconds(31), 3).orElseThrow().id()).isEqualTo("orphan");
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

        second.enqueue(queuedBy("queued-there", "ml", "tweets", T0));
        assertThat(store.claim("here", T0.plusSeconds(1), T0.plusSeconds(31), 3).orElseThrow().id())
                .isEqualTo("queued-there");
    }

    @Test
    void instances_claiming_at_once_each_get_different_analyses_and_all_are_taken() throws Exception {
        int analyses = 60;
        for (int i = 0; i < analyses; i++) {
            store.enqueue(queuedBy("c" + i, "tag" + i, "tweets", T0.plusMillis(i)));
        }
        AnalysisStore second = openAnother();
        int threads = 6;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<String>>> claims = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                AnalysisStore via = t % 2 == 0 ? store : second;
                String owner = "worker-" + t;
                claims.add(pool.submit(() -> {
                    List<String> mine = new ArrayList<>();
                    Instant now = T0.plusSeconds(1);
                    for (Optional<Analysis> a = via.claim(owner, now, now.plusSeconds(30), 3); a.isPresent();
                            a = via.claim(owner, now, now.plusSeconds(30), 3)) {
                        mine.add(a.get().id());
                        assertThat(via.update(a.get().withProgress(AnalysisStatus.RUNNING, 1, 1, now), owner)).isTrue();
                    }
                    return mine;
                }));
            }
            List<String> all = new ArrayList<>();
            for (Future<List<String>> each : claims) {
                all.addAll(each.get());
            }
            assertThat(all).hasSize(analyses).doesNotHaveDuplicates();
        } finally {
            pool.shutdownNow();
        }
    }

    static Analysis queuedBy(String id, String hashtag, String model, Instant created) {
        return Analysis.queued(id, hashtag, "mastodon", 200, model, created, null, null);
    }

    static Analysis queued(String id, String hashtag, String source, Instant created) {
        return Analysis.queued(id, hashtag, source, 200, null, created, null, null);
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
        return new AnalysisResult(7, 9, counts, shares, 0.2345, 0.01, 0.4589, histogram, positive, negative,
                List.of("Mastodon (fosstodon.org) shows its hashtag timelines only to signed-in users (HTTP 401)"));
    }
}
