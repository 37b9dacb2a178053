package io.deepsentiment.hashtag.analysis;

import java.time.Duration;

/**
 * How hashtag analyses run.
 *
 * @param workers analyses this instance runs at once
 * @param maxQueued analyses waiting in the database for any instance before new requests are refused
 * @param freshFor a finished analysis of the same tag and source younger than this is reused
 * @param maxLimit most posts one analysis may fetch
 * @param lease how long an instance holds an analysis it runs without renewing the lease; when
 *     its instance dies, the analysis is claimed again by another instance this long after its
 *     last renewal. Renewed every third of it.
 * @param poll how often an idle worker looks for queued analyses (a submission to this instance
 *     wakes it at once; this is for analyses queued through other instances or left by dead ones)
 * @param maxAttempts an analysis whose instance died this many times is marked failed, not run again
 */
public record AnalysisOptions(
        int workers, int maxQueued, Duration freshFor, int maxLimit, Duration lease, Duration poll, int maxAttempts) {

    public AnalysisOptions {
        if (workers < 1 || maxQueued < 1 || maxLimit < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("workers, maxQueued, maxLimit and maxAttempts must be at least 1");
        }
        if (lease.toMillis() < 300 || poll.isNegative() || poll.isZero()) {
            throw new IllegalArgumentException("the lease must be at least 300 ms and the poll interval positive");
        }
    }

    public static AnalysisOptions defaults() {
        return new AnalysisOptions(2, 32, Duration.ofMinutes(10), 1000, Duration.ofSeconds(30), Duration.ofSeconds(1), 3);
    }

    public AnalysisOptions withFreshFor(Duration duration) {
        return new AnalysisOptions(workers, maxQueued, duration, maxLimit, lease, poll, maxAttempts);
    }

    public AnalysisOptions withWorkers(int count) {
        return new AnalysisOptions(count, maxQueued, freshFor, maxLimit, lease, poll, maxAttempts);
    }

    public AnalysisOptions withLease(Duration duration) {
        return new AnalysisOptions(workers, maxQueued, freshFor, maxLimit, duration, poll, maxAttempts);
    }

    public AnalysisOptions withPoll(Duration duration) {
        return new AnalysisOptions(workers, maxQueued, freshFor, maxLimit, lease, duration, maxAttempts);
    }

    /** How often the leases of running analyses are renewed: a third of the lease, so two renewals may fail. */
    public Duration heartbeat() {
        return lease.dividedBy(3);
    }
}
