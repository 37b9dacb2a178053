package io.deepsentiment.hashtag.store;

import io.deepsentiment.hashtag.analysis.Analysis;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Where analyses are kept: SQLite by default, PostgreSQL when several instances share one.
 * Every method throws {@link StoreException} when the database fails; callers never lose data
 * already written by an earlier call.
 */
public interface AnalysisStore extends AutoCloseable {

    /** Stores a new analysis (usually queued). */
    void insert(Analysis analysis);

    /** Replaces the stored state of an existing analysis (status, progress, error, result, times). */
    void update(Analysis analysis);

    Optional<Analysis> find(String id);

    /** The newest analysis of that tag and source, scored by that model, that finished as done at or after {@code notBefore}. */
    Optional<Analysis> findFresh(String hashtag, String source, String model, Instant notBefore);

    /** Finished (done) analyses of a tag, any source, oldest first, at most {@code max} (the newest ones). */
    List<Analysis> history(String hashtag, int max);

    /** Sets updatedAt of these analyses to {@code now}: the instance running them is alive. */
    void heartbeat(Collection<String> ids, Instant now);

    /**
     * Marks failed, with the reason, every queued or running analysis whose updatedAt is older than
     * {@code staleBefore}: its instance died. Returns how many were marked.
     */
    int failAbandoned(Instant staleBefore, String reason, Instant now);

    @Override
    void close();
}
