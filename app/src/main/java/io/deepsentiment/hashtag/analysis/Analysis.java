package io.deepsentiment.hashtag.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * One hashtag analysis as stored and as the API shows it.
 *
 * @param id random id (UUID)
 * @param hashtag the tag, lower-cased, without '#'
 * @param source source name ({@code x}, {@code mastodon})
 * @param limit posts requested
 * @param status queued, running, done or failed
 * @param fetched posts fetched so far (progress)
 * @param scored posts scored so far (progress)
 * @param error why it failed (status failed), else null
 * @param createdAt when it was requested
 * @param updatedAt last change or heartbeat of the instance running it
 * @param finishedAt when it finished, else null
 * @param modelName model that scores it (chosen when it is requested)
 * @param modelVersion that model's version (when done)
 * @param result the findings (when done)
 * @param trackerId the tracker that scheduled it, else null
 * @param since only posts published after this are fetched (a tracker's newest post so far), else null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Analysis(
        String id,
        String hashtag,
        String source,
        int limit,
        AnalysisStatus status,
        int fetched,
        int scored,
        String error,
        Instant createdAt,
        Instant updatedAt,
        Instant finishedAt,
        String modelName,
        String modelVersion,
        AnalysisResult result,
        String trackerId,
        Instant since) {

    /** A new analysis waiting in the queue. */
    public static Analysis queued(String id, String hashtag, String source, int limit, String model, Instant now,
            String trackerId, Instant since) {
        return new Analysis(id, hashtag, source, limit, AnalysisStatus.QUEUED, 0, 0, null, now, now, null, model, null,
                null, trackerId, since);
    }

    public Analysis withProgress(AnalysisStatus newStatus, int newFetched, int newScored, Instant now) {
        return new Analysis(id, hashtag, source, limit, newStatus, newFetched, newScored, error, createdAt, now,
                finishedAt, modelName, modelVersion, result, trackerId, since);
    }

    public Analysis done(AnalysisResult found, String model, String version, Instant now) {
        return new Analysis(id, hashtag, source, limit, AnalysisStatus.DONE, fetched, scored, null, createdAt, now,
                now, model, version, found, trackerId, since);
    }

    public Analysis failed(String reason, Instant now) {
        return new Analysis(id, hashtag, source, limit, AnalysisStatus.FAILED, fetched, scored, reason, createdAt,
                now, now, modelName, modelVersion, null, trackerId, since);
    }
}
