package io.deepsentiment.hashtag.analysis;

import java.time.Duration;

/**
 * How hashtag analyses run.
 *
 * @param workers analyses running at once
 * @param maxQueued analyses waiting for a worker before new requests are refused
 * @param freshFor a finished analysis of the same tag and source younger than this is reused
 * @param maxLimit most posts one analysis may fetch
 * @param heartbeat how often this instance marks its analyses as alive in the database
 * @param staleAfter an unfinished analysis without heartbeat for this long belonged to a dead
 *     instance and is marked failed
 */
public record AnalysisOptions(
        int workers, int maxQueued, Duration freshFor, int maxLimit, Duration heartbeat, Duration staleAfter) {

    public static AnalysisOptions defaults() {
        return new AnalysisOptions(2, 32, Duration.ofMinutes(10), 1000, Duration.ofSeconds(15), Duration.ofMinutes(1));
    }

    public AnalysisOptions withFreshFor(Duration duration) {
        return new AnalysisOptions(workers, maxQueued, duration, maxLimit, heartbeat, staleAfter);
    }
}
