package io.deepsentiment.hashtag.tracker;

import java.time.Duration;
import java.time.Instant;

/**
 * A hashtag analysed on a schedule.
 *
 * @param id random id (UUID)
 * @param hashtag the tag, lower-cased, without '#'
 * @param source source name
 * @param model the model that scores its runs
 * @param limit posts a run fetches at most
 * @param every how often it runs
 * @param createdAt when it was created
 * @param nextRunAt when it runs next
 * @param lastRunAt when its last run was queued, null before the first
 * @param lastAnalysisId the analysis of its last run, null before the first
 */
public record Tracker(String id, String hashtag, String source, String model, int limit, Duration every,
        Instant createdAt, Instant nextRunAt, Instant lastRunAt, String lastAnalysisId) {

    public static final Duration MIN_EVERY = Duration.ofMinutes(5);
    public static final Duration MAX_EVERY = Duration.ofDays(1);

    /**
     * The run after the one due at {@link #nextRunAt}: the first time on its schedule after {@code now},
     * so that runs missed while no instance was up are not all made up for at once.
     */
    public Instant runAfter(Instant now) {
        Instant next = nextRunAt.plus(every);
        if (!next.isAfter(now)) {
            long behind = Duration.between(next, now).toMillis() / every.toMillis() + 1;
            next = next.plus(every.multipliedBy(behind));
        }
        return next;
    }
}
