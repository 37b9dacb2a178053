package io.deepsentiment.hashtag.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import io.deepsentiment.hashtag.analysis.Analysis;
import io.deepsentiment.hashtag.analysis.AnalysisSummary;
import io.deepsentiment.hashtag.analysis.ScoredPost;
import io.deepsentiment.hashtag.store.DatabaseConfig;
import io.deepsentiment.hashtag.store.JdbcAnalysisStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The schedule over a real SQLite store, on a clock the test moves. */
class TrackerSchedulerTest {

    private static final Instant T0 = Instant.parse("2026-12-03T18:00:00Z");

    @TempDir
    Path dir;

    private static final class MovingClock extends Clock {
        volatile Instant now = T0;

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private static Tracker tracker(String id, Instant next) {
        return new Tracker(id, "java", "mastodon", "tweets", 100, Duration.ofMinutes(15), T0, next, null, null);
    }

    @Test
    void the_next_run_is_the_first_on_the_schedule_after_now() {
        Tracker tracker = tracker("t", T0);

        assertThat(tracker.runAfter(T0)).isEqualTo(T0.plus(Duration.ofMinutes(15)));
        assertThat(tracker.runAfter(T0.plus(Duration.ofMinutes(14)))).isEqualTo(T0.plus(Duration.ofMinutes(15)));
        // two runs missed while no instance was up: one run now, then back on the schedule
        assertThat(tracker.runAfter(T0.plus(Duration.ofMinutes(40)))).isEqualTo(T0.plus(Duration.ofMinutes(45)));
        assertThat(tracker.runAfter(T0.plus(Duration.ofMinutes(45)))).isEqualTo(T0.plus(Duration.ofMinutes(60)));
    }

    @Test
    void each_due_run_is_queued_once_by_two_instances_and_fetches_only_newer_posts() throws Exception {
        MovingClock clock = new MovingClock();
        AtomicInteger wakes = new AtomicInteger();
        try (JdbcAnalysisStore one = JdbcAnalysisStore.open(DatabaseConfig.sqlite(dir.resolve("t.db")));
                JdbcAnalysisStore two = JdbcAnalysisStore.open(DatabaseConfig.sqlite(dir.resolve("t.db")))) {
            one.trackerStore().create(tracker("t1", T0));
            TrackerScheduler first = new TrackerScheduler(one.trackerStore(), one, clock, Duration.ofHours(1),
                    wakes::incrementAndGet);
            TrackerScheduler second = new TrackerScheduler(two.trackerStore(), two, clock, Duration.ofHours(1),
                    wakes::incrementAndGet);

            assertThat(first.runDue() + second.runDue()).isEqualTo(1);
            assertThat(wakes.get()).isEqualTo(1);
            Tracker after = one.trackerStore().find("t1").orElseThrow();
            Analysis run1 = one.find(after.lastAnalysisId()).orElseThrow();
            assertThat(run1.trackerId()).isEqualTo("t1");
            assertThat(run1.since()).as("the first run takes what there is").isNull();
            assertThat(after.nextRunAt()).isEqualTo(T0.plus(Duration.ofMinutes(15)));

            // the first run finishes with posts up to 17:59
            Analysis claimed = one.claim("worker", T0, T0.plusSeconds(30), 3).orElseThrow();
            List<ScoredPost> posts = List.of(new ScoredPost("2", "newest", "@a", "https://m.example/2",
                    Instant.parse("2026-12-03T17:59:00Z"), "positive", 0.5), new ScoredPost("1", "older", "@b",
                    "https://m.example/1", Instant.parse("2026-12-03T17:30:00Z"), "negative", -0.5));
            one.finish(claimed.done(AnalysisSummary.of(posts, List.of("negative", "neutral", "positive"), 2, List.of()),
                    "tweets", "1", T0.plusSeconds(20)), posts, "worker");

            clock.now = T0.plus(Duration.ofMinutes(10));
            assertThat(first.runDue() + second.runDue()).as("not due yet").isZero();

            // the service was down for a while: one run now, not one per missed period
            clock.now = T0.plus(Duration.ofMinutes(50));
            assertThat(second.runDue() + first.runDue()).isEqualTo(1);
            assertThat(second.runDue() + first.runDue()).isZero();
            Tracker later = two.trackerStore().find("t1").orElseThrow();
            Analysis run2 = two.find(later.lastAnalysisId()).orElseThrow();
            assertThat(run2.since()).isEqualTo(Instant.parse("2026-12-03T17:59:00Z"));
            assertThat(later.nextRunAt()).isEqualTo(T0.plus(Duration.ofMinutes(60)));
        }
    }
}
