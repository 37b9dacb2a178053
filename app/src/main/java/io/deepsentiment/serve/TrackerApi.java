package io.deepsentiment.serve;

import com.fasterxml.jackson.databind.JsonNode;
import io.deepsentiment.hashtag.analysis.Analysis;
import io.deepsentiment.hashtag.analysis.AnalysisService;
import io.deepsentiment.hashtag.tracker.Tracker;
import io.deepsentiment.hashtag.tracker.TrackerStore;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Tracked hashtags: {@code POST /api/v1/trackers} starts analysing a hashtag on a schedule,
 * {@code GET} lists them with their latest mood and a series for a sparkline, {@code GET /{id}} gives
 * one with its whole series, {@code DELETE /{id}} stops it (its past analyses stay).
 */
final class TrackerApi {

    static final int MAX_TRACKERS = 100;
    private static final int SPARKLINE_POINTS = 24;
    private static final int SERIES_POINTS = 500;
    private static final Set<String> FIELDS = Set.of("hashtag", "source", "every", "model", "limit");
    private static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final TrackerStore trackers;
    private final AnalysisService analyses;
    private final ServeOptions options;
    private final String defaultSource;
    private final Clock clock;
    private final Runnable changed;

    /** @param changed told when a tracker was added or removed (the live view follows the tracked tags) */
    TrackerApi(TrackerStore trackers, AnalysisService analyses, ServeOptions options, String defaultSource, Clock clock,
            Runnable changed) {
        this.trackers = trackers;
        this.analyses = analyses;
        this.options = options;
        this.defaultSource = defaultSource;
        this.clock = clock;
        this.changed = changed;
    }

    void create(Context ctx) {
        JsonNode body = JsonBody.read(ctx, options.maxBodyBytes());
        if (!body.isObject()) {
            throw ApiException.badRequest("invalid_body",
                    "the body must be a JSON object such as {\"hashtag\": \"java\", \"every\": \"PT1H\"}");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw ApiException.badRequest("unknown_field", "unknown field \"" + name
                        + "\"; the fields are hashtag, source, every, model and limit");
            }
        }
        // hashtag, source, limit and model as for an analysis
        com.fasterxml.jackson.databind.node.ObjectNode analysisFields = body.deepCopy();
        analysisFields.remove("every");
        AnalysisRequest request = AnalysisRequest.parse(analysisFields, analyses.sourceNames(), defaultSource,
                analyses.options().maxLimit(), analyses.modelNames(), analyses.defaultModel());
        request.withinSourceLimit(analyses.maxPostsPerAnalysis(request.source()));
        Duration every = every(body.get("every"));
        if (trackers.list().size() >= MAX_TRACKERS) {
            throw new ApiException(409, "too_many_trackers", "at most " + MAX_TRACKERS
                    + " hashtags can be tracked; delete one first");
        }
        Instant now = clock.instant();
        Tracker asked = new Tracker(UUID.randomUUID().toString(), request.hashtag(), request.source(), request.model(),
                request.limit(), every, now, now, null, null);
        Tracker stored = trackers.create(asked);
        boolean existing = !stored.id().equals(asked.id());
        if (!existing) {
            analyses.wake();
            changed.run();
        }
        Map<String, Object> view = view(stored, SPARKLINE_POINTS);
        view.put("existing", existing);
        ctx.header("Location", "/api/v1/trackers/" + stored.id());
        ctx.status(existing ? 200 : 201).json(view);
    }

    void list(Context ctx) {
        ctx.json(Map.of("trackers", trackers.list().stream().map(t -> view(t, SPARKLINE_POINTS)).toList()));
    }

    void get(Context ctx) {
        ctx.json(view(existing(ctx.pathParam("id")), SERIES_POINTS));
    }

    void delete(Context ctx) {
        Tracker tracker = existing(ctx.pathParam("id"));
        trackers.delete(tracker.id());
        changed.run();
        ctx.status(204);
    }

    private Tracker existing(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new ApiException(404, "not_found", "no tracker with id \"" + (id == null ? "" : id.length() > 60
                    ? id.substring(0, 60) + "…" : id) + "\"");
        }
        return trackers.find(id).orElseThrow(() -> new ApiException(404, "not_found", "no tracker with id " + id));
    }

    /** An ISO-8601 duration from {@link Tracker#MIN_EVERY} to {@link Tracker#MAX_EVERY}. */
    static Duration every(JsonNode node) {
        String hint = "\"every\" must be an ISO-8601 duration from PT5M (5 minutes) to P1D (a day), such as PT1H";
        if (node == null || node.isNull()) {
            throw ApiException.badRequest("missing_field", "the body needs \"every\": " + hint);
        }
        if (!node.isTextual()) {
            throw ApiException.badRequest("invalid_field", hint);
        }
        Duration every;
        try {
            every = Duration.parse(node.textValue());
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("invalid_field", hint);
        }
        if (every.compareTo(Tracker.MIN_EVERY) < 0 || every.compareTo(Tracker.MAX_EVERY) > 0) {
            throw ApiException.badRequest("invalid_field", hint);
        }
        return every;
    }

    private Map<String, Object> view(Tracker tracker, int points) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", tracker.id());
        body.put("hashtag", tracker.hashtag());
        body.put("source", tracker.source());
        body.put("model", tracker.model());
        body.put("limit", tracker.limit());
        body.put("every", tracker.every().toString());
        body.put("createdAt", tracker.createdAt());
        body.put("nextRunAt", tracker.nextRunAt());
        if (tracker.lastRunAt() != null) {
            body.put("lastRunAt", tracker.lastRunAt());
        }
        List<Analysis> runs = analyses.historyOfTracker(tracker.id(), points);
        List<Map<String, Object>> series = runs.stream().map(TrackerApi::point).toList();
        if (!series.isEmpty()) {
            body.put("latest", series.get(series.size() - 1));
        }
        body.put("series", series);
        Map<String, Object> links = new LinkedHashMap<>();
        links.put("self", "/api/v1/trackers/" + tracker.id());
        links.put("history", "/api/v1/hashtags/" + tracker.hashtag() + "/history");
        links.put("live", "/api/v1/live/" + tracker.hashtag());
        if (tracker.lastAnalysisId() != null) {
            links.put("lastAnalysis", "/api/v1/analyses/" + tracker.lastAnalysisId());
        }
        body.put("links", links);
        return body;
    }

    /** One run: when it finished, its new posts and their mood. */
    private static Map<String, Object> point(Analysis run) {
        Map<String, Object> point = new LinkedHashMap<>();
        point.put("analysisId", run.id());
        point.put("finishedAt", run.finishedAt());
        point.put("posts", run.result().posts());
        point.put("meanPolarity", run.result().meanPolarity());
        point.put("shares", run.result().shares());
        return point;
    }
}
