package io.deepsentiment.hashtag.tracker;

import io.deepsentiment.hashtag.analysis.Analysis;
import io.deepsentiment.hashtag.analysis.AnalysisStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the trackers' schedule on every instance: looks for due trackers every {@code poll} and
 * queues each due run through {@link TrackerStore#startRun}, which lets exactly one instance queue
 * it. The run fetches only posts newer than the newest the tracker's runs have scored. A restarted
 * instance picks the schedule up from the database.
 */
public final class TrackerScheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TrackerScheduler.class);
    private static final int BATCH = 20;

    private final TrackerStore trackers;
    private final AnalysisStore analyses;
    private final Clock clock;
    private final Duration poll;
    private final Runnable queued;
    private final Thread thread;
    private volatile boolean closed;

    /** @param queued told after a run was queued (wakes the analysis workers) */
    public TrackerScheduler(TrackerStore trackers, AnalysisStore analyses, Clock clock, Duration poll, Runnable queued) {
        this.trackers = trackers;
        this.analyses = analyses;
        this.clock = clock;
        this.poll = poll;
        this.queued = queued;
        this.thread = new Thread(this::run, "tracker-scheduler");
        this.thread.setDaemon(true);
    }

    public TrackerScheduler start() {
        thread.start();
        return this;
    }

    private void run() {
        while (!closed) {
            try {
                runDue();
            } catch (RuntimeException e) {
                LOG.warn("tracker schedule: {}", e.toString());
            }
            try {
                Thread.sleep(poll.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Queues every run due now; returns how many this instance queued. */
    public int runDue() {
        int started = 0;
        Instant now = clock.instant();
        for (Tracker due : trackers.due(now, BATCH)) {
            Instant since = analyses.newestPostOfTracker(due.id()).orElse(null);
            Analysis run = Analysis.queued(UUID.randomUUID().toString(), due.hashtag(), due.source(), due.limit(),
                    due.model(), now, due.id(), since);
            Optional<Analysis> standing = trackers.startRun(due, due.runAfter(now), run);
            if (standing.isPresent()) {
                started++;
                LOG.info("tracker {}: queued a run of #{} on {} (analysis {})", due.id(), due.hashtag(), due.source(),
                        standing.get().id());
            }
        }
        if (started > 0) {
            queued.run();
        }
        return started;
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
