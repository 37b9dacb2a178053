package io.deepsentiment.hashtag.analysis;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where analyses are kept: SQLite by default, PostgreSQL when several instances share one.
 * Every method throws {@link StoreException} when the database fails; callers never lose data
 * already written by an earlier call.
 */
public interface AnalysisStore extends AutoCloseable {

    /** Stores a new analysis (usually queued). */
    void insert(Analysis analysis);

    /**
     * Replaces the stored state of an existing analysis (status, progress, error, result, times),
     * whoever holds it: for tools and tests; the service writes through {@link #update(Analysis, String)}.
     */
    void update(Analysis analysis);

    Optional<Analysis> find(String id);

    /** The newest analysis of that tag and source, scored by that model, that finished as done at or after {@code notBefore}. */
    Optional<Analysis> findFresh(String hashtag, String source, String model, Instant notBefore);

    /** Finished (done) analyses of a tag, any source, oldest first, at most {@code max} (the newest ones). */
    List<Analysis> history(String hashtag, int max);

    /**
     * Queues an analysis unless one of the same tag, source and model is already queued or running
     * (on any instance): returns the one that is, or {@code queued} once it is stored. Atomic, so
     * that of many submissions at once exactly one queues an analysis.
     */
    Analysis enqueue(Analysis queued);

    /** How many analyses wait for an instance to claim them. */
    int countQueued();

    /**
     * Takes the oldest queued analysis, or a running one whose lease expired before {@code now}
     * (its instance died) or that has none and that was claimed fewer than {@code maxAttempts} times: it becomes
     * running, leased to {@code owner} until {@code leaseUntil}, with its progress reset. Of
     * several instances claiming at once, each gets a different analysis.
     */
    Optional<Analysis> claim(String owner, Instant now, Instant leaseUntil, int maxAttempts);

    /**
     * Stores the new state of a running analysis if {@code owner} still holds its lease; false
     * when it does not (the lease expired and another instance claimed it, or it was released),
     * and nothing is written.
     */
    boolean update(Analysis analysis, String owner);

    /**
     * Stores a finished analysis and every post it scored, in one transaction, if {@code owner} still
     * holds its lease (as {@link #update(Analysis, String)}).
     */
    boolean finish(Analysis done, List<ScoredPost> posts, String owner);

    /** The posts an analysis scored, in the order it fetched them; empty for one not finished. */
    List<ScoredPost> posts(String analysisId);

    /** The finished analyses of a tracker, oldest first, the newest {@code max}. */
    List<Analysis> historyOfTracker(String trackerId, int max);

    /** The publication time of the newest post any analysis of the tracker scored, if any. */
    Optional<Instant> newestPostOfTracker(String trackerId);

    /** Extends the leases {@code owner} holds on these analyses; returns the ids it no longer holds. */
    Set<String> renew(Collection<String> ids, String owner, Instant now, Instant leaseUntil);

    /** Puts running analyses of {@code owner} back in the queue, for an instance that stops. */
    void release(Collection<String> ids, String owner, Instant now);

    /**
     * Marks failed, with the reason, every running analysis whose lease expired and that was
     * claimed {@code maxAttempts} times already. Returns how many were marked.
     */
    int failExhausted(Instant now, int maxAttempts, String reason);

    @Override
    void close();
}
