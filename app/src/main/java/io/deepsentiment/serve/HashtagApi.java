package io.deepsentiment.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deepsentiment.hashtag.analysis.Analysis;
import io.deepsentiment.hashtag.analysis.AnalysisService;
import io.deepsentiment.hashtag.analysis.AnalysisStatus;
import io.deepsentiment.hashtag.analysis.ScoredPost;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.regex.Pattern;

/**
 * The hashtag API: start an analysis, read it, follow its progress as Server-Sent Events, and read
 * a tag's history. The state lives in the database, so every route works on any instance that
 * shares it, whichever instance runs the analysis.
 */
final class HashtagApi implements AutoCloseable {

    /** How often the event streams look for progress (one read per followed analysis). */
    private static final long POLL_MILLIS = 250;
    /** An event stream never stays open longer than this, whatever the analysis does. */
    private static final long STREAM_MAX_MILLIS = 10 * 60_000;
    private static final int HISTORY_MAX = 100;
    private static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final AnalysisService service;
    private final ServeOptions options;
    private final String defaultSource;
    private final AnalysisEvents events;

    HashtagApi(AnalysisService service, ServeOptions options, String defaultSource, ObjectMapper json,
            StreamCaps caps) {
        this.service = service;
        this.options = options;
        this.defaultSource = defaultSource;
        this.events = new AnalysisEvents(service, this::view, json, POLL_MILLIS, STREAM_MAX_MILLIS, caps);
    }

    void start(Context ctx) {
        AnalysisRequest request = AnalysisRequest.parse(JsonBody.read(ctx, options.maxBodyBytes()),
                service.sourceNames(), defaultSource, service.options().maxLimit(), service.modelNames(),
                service.defaultModel());
        request.withinSourceLimit(service.maxPostsPerAnalysis(request.source()));
        AnalysisService.Submission submission;
        try {
            submission = service.submit(request.hashtag(), request.source(), request.limit(), request.model());
        } catch (RejectedExecutionException e) {
            throw new ApiException(503, "queue_full", "too many analyses are waiting; try again in a minute", 30);
        }
        Analysis analysis = submission.analysis();
        Map<String, Object> body = view(analysis);
        body.put("reused", submission.reused());
        ctx.header("Location", "/api/v1/analyses/" + analysis.id());
        ctx.status(submission.reused() ? 200 : 202).json(body);
    }

    void get(Context ctx) {
        ctx.json(view(existing(ctx.pathParam("id"))));
    }

    /**
     * Before the event stream opens: an unknown id is a plain 404, not an empty stream, a request
     * that does not ask for a stream gets 406, and a client over the stream caps gets 429 / 503.
     */
    void admitStream(Context ctx) {
        existing(ctx.pathParam("id"));
        // Javalin opens a stream only for exactly this Accept header, and answered anything else
        // with an empty 200.
        if (!"text/event-stream".equals(ctx.header("Accept"))) {
            throw new ApiException(406, "not_acceptable", "this route answers a stream of Server-Sent Events:"
                    + " send the header \"Accept: text/event-stream\" (as EventSource does), or poll GET /api/v1/analyses/"
                    + ctx.pathParam("id"));
        }
        events.admit(address(ctx));
    }

    private String address(Context ctx) {
        return ClientAddress.of(ctx, options.trustedProxies());
    }

    @Override
    public void close() {
        events.close();
    }

    void events(SseClient client) {
        events.follow(client, client.ctx().pathParam("id"), address(client.ctx()));
    }

    /** Every post a finished analysis scored, as JSON or CSV ({@code ?format=csv}). */
    void posts(Context ctx) {
        Analysis analysis = existing(ctx.pathParam("id"));
        boolean csv = CsvDownload.wantsCsv(ctx);
        if (analysis.status() != AnalysisStatus.DONE) {
            throw new ApiException(409, "not_finished", "the analysis is " + analysis.status().json()
                    + "; its posts can be downloaded once it is done");
        }
        List<ScoredPost> posts = service.posts(analysis.id());
        if (csv) {
            CsvDownload.send(ctx, "deepsentiment-" + analysis.hashtag() + "-" + analysis.id().substring(0, 8) + ".csv",
                    List.of("id", "created_at", "author", "url", "label", "polarity", "text"),
                    posts.stream().map(p -> List.<Object>of(p.id(), p.createdAt() == null ? "" : p.createdAt().toString(),
                            p.author() == null ? "" : p.author(), p.url() == null ? "" : p.url(), p.label(),
                            p.polarity(), p.text())).toList());
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", analysis.id());
        body.put("hashtag", analysis.hashtag());
        body.put("source", analysis.source());
        body.put("model", Map.of("name", analysis.modelName(), "version", analysis.modelVersion()));
        body.put("posts", posts);
        ctx.json(body);
    }

    void history(Context ctx) {
        String tag = AnalysisRequest.validHashtag(ctx.pathParam("tag"));
        boolean csv = CsvDownload.wantsCsv(ctx);
        List<Analysis> analyses = service.history(tag, HISTORY_MAX);
        if (csv) {
            java.util.Set<String> labels = new java.util.TreeSet<>();
            analyses.forEach(a -> labels.addAll(a.result().shares().keySet()));
            List<String> header = new java.util.ArrayList<>(List.of("analysis_id", "finished_at", "source", "model_version",
                    "posts", "mean_polarity", "mean_polarity_low", "mean_polarity_high"));
            labels.forEach(label -> header.add("share_" + label));
            CsvDownload.send(ctx, "deepsentiment-" + tag.toLowerCase(java.util.Locale.ROOT) + "-history.csv", header,
                    analyses.stream().map(a -> {
                        List<Object> row = new java.util.ArrayList<>(List.of(a.id(), a.finishedAt().toString(), a.source(),
                                a.modelVersion(), a.result().posts(), a.result().meanPolarity(),
                                a.result().meanPolarityLow(), a.result().meanPolarityHigh()));
                        labels.forEach(label -> row.add(a.result().shares().getOrDefault(label, 0.0)));
                        return row;
                    }).toList());
            return;
        }
        List<Map<String, Object>> points = analyses.stream().map(a -> {
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("id", a.id());
            point.put("source", a.source());
            point.put("finishedAt", a.finishedAt());
            point.put("posts", a.result().posts());
            point.put("meanPolarity", a.result().meanPolarity());
            point.put("meanPolarityLow", a.result().meanPolarityLow());
            point.put("meanPolarityHigh", a.result().meanPolarityHigh());
            point.put("shares", a.result().shares());
            point.put("modelVersion", a.modelVersion());
            return point;
        }).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("hashtag", tag.toLowerCase(java.util.Locale.ROOT));
        body.put("analyses", points);
        ctx.json(body);
    }

    private Analysis existing(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new ApiException(404, "not_found", "no analysis with id \"" + shorten(id) + "\"");
        }
        return service.find(id).orElseThrow(() -> new ApiException(404, "not_found", "no analysis with id " + id));
    }

    private Map<String, Object> view(Analysis analysis) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", analysis.id());
        body.put("hashtag", analysis.hashtag());
        body.put("source", analysis.source());
        body.put("status", analysis.status());
        Map<String, Object> progress = new LinkedHashMap<>();
        progress.put("limit", analysis.limit());
        progress.put("fetched", analysis.fetched());
        progress.put("scored", analysis.scored());
        body.put("progress", progress);
        if (analysis.status() == AnalysisStatus.FAILED) {
            body.put("error", analysis.error());
        }
        body.put("createdAt", analysis.createdAt());
        body.put("updatedAt", analysis.updatedAt());
        if (analysis.finishedAt() != null) {
            body.put("finishedAt", analysis.finishedAt());
        }
        if (analysis.trackerId() != null) {
            body.put("trackerId", analysis.trackerId());
        }
        if (analysis.since() != null) {
            body.put("since", analysis.since());
        }
        if (analysis.result() != null) {
            body.put("model", Map.of("name", analysis.modelName(), "version", analysis.modelVersion()));
            body.put("result", analysis.result());
        }
        body.put("links", Map.of("self", "/api/v1/analyses/" + analysis.id(),
                "events", "/api/v1/analyses/" + analysis.id() + "/events",
                "posts", "/api/v1/analyses/" + analysis.id() + "/posts",
                "history", "/api/v1/hashtags/" + analysis.hashtag() + "/history"));
        return body;
    }

    private static String shorten(String s) {
        return s == null ? "" : s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
