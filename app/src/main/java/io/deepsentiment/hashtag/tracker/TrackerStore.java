package io.deepsentiment.hashtag.tracker;

import io.deepsentiment.hashtag.analysis.Analysis;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where trackers are kept: shared by every instance, which all run the schedule. */
public interface TrackerStore {

    /**
     * Adds the tracker unless one of the same hashtag, source and model exists.
     *
     * @return the tracker stored: the new one, or the one that was there
     */
    Tracker create(Tracker tracker);

    List<Tracker> list();

    Optional<Tracker> find(String id);

    /** Removes it; its past analyses stay. False when there was none. */
    boolean delete(String id);

    /** Trackers whose next run is due at {@code now}, the longest overdue first. */
    List<Tracker> due(Instant now, int max);

    /**
     * Queues the tracker's due run, {@code run}, and moves its next run to {@code nextRunAt}, in one
     * transaction, if its next run is still the one {@code due} says: when several instances find the
     * same run due, exactly one queues it. When an analysis of the same hashtag, source and model is
     * queued or running already, that one stands for the run.
     *
     * @return the analysis standing for the run, or empty when another instance took the run
     */
    Optional<Analysis> startRun(Tracker due, Instant nextRunAt, Analysis run);
}
