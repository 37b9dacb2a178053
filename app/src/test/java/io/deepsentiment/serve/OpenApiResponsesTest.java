package io.deepsentiment.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deepsentiment.hashtag.analysis.AnalysisOptions;
import io.deepsentiment.hashtag.store.DatabaseConfig;
import io.deepsentiment.hashtag.store.JdbcAnalysisStore;
import io.deepsentiment.serve.ApiClient.Reply;
import io.deepsentiment.testing.FixedPosts;
import io.deepsentiment.testing.TinyModel;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real server's answers, errors included, against the API document: every documented
 * operation is called, and each answer's status, content type and body must be what the document
 * says for that operation ({@link OpenApiContract}).
 */
class OpenApiResponsesTest {

    private static final String ANALYSES = "/api/v1/analyses";
    private static final String ANALYSIS = "/api/v1/analyses/{id}";
    private static final String EVENTS = "/api/v1/analyses/{id}/events";
    private static final String HISTORY = "/api/v1/hashtags/{tag}/history";
    private static final String UNKNOWN_ID = "00000000-0000-4000-8000-000000000000";

    @TempDir
    Path dir;

    @Test
    void every_operation_answers_as_documented_in_success_and_in_error() throws Exception {
        Map<String, Path> models = new LinkedHashMap<>();
        models.put("tiny", TinyModel.threeLabels());
        models.put("reviews", TinyModel.twoLabels()); // two labels, with test metrics in its manifest
        try (SentimentServer server = start(ServeOptions.defaults(0, models).withRateLimit(0, 1), "served.db")) {
            server.modelsLoaded().get(60, TimeUnit.SECONDS);
            ApiClient client = new ApiClient(server.port());
            OpenApiContract contract = new OpenApiContract(client.get("/openapi.json").body());

            check(contract, "GET", "/healthz", client.get("/healthz"));
            check(contract, "GET", "/readyz", client.get("/readyz"));
            check(contract, "GET", "/metrics", client.get("/metrics"));
            check(contract, "GET", "/openapi.json", client.get("/openapi.json"));
            check(contract, "GET", "/api/v1/models", client.get("/api/v1/models"));

            String sentiment = ApiClient.SENTIMENT;
            check(contract, "POST", sentiment, client.post("{\"text\": \"I love this, best day ever\"}"), 200);
            check(contract, "POST", sentiment, client.postJson(Map.of("texts", List.of("great", "x".repeat(10_001)),
                    "model", "reviews", "explain", true, "truncate", true)), 200);
            check(contract, "POST", sentiment, client.post("{\"text\": "), 400);
            check(contract, "POST", sentiment, client.post("{\"text\": \"hi\", \"model\": \"movies\"}"), 400);
            check(contract, "POST", sentiment, client.post("{\"txt\": \"hi\"}"), 400);
            check(contract, "POST", sentiment, client.postJson(Map.of("text", "x".repeat(10_001))), 413);
            check(contract, "POST", sentiment, client.postJson(Map.of("texts", Collections.nCopies(513, "hi"))), 413);
            check(contract, "POST", sentiment, client.post(" ".repeat((1 << 20) + 1)), 413);

            Reply created = postAnalysis(client, "{\"hashtag\": \"#Happy\", \"limit\": 50}");
            check(contract, "POST", ANALYSES, created, 202);
            assertThat(created.header("Location")).isEqualTo("/api/v1/analyses/" + created.json().get("id").asText());
            String id = created.json().get("id").asText();
            JsonNode done = waitUntilFinished(client, contract, id);
            assertThat(done.get("status").asText()).isEqualTo("done");
            assertThat(done.at("/result/posts").asInt()).isEqualTo(6);
            check(contract, "POST", ANALYSES, postAnalysis(client, "{\"hashtag\": \"happy\", \"limit\": 50}"), 200);
            check(contract, "POST", ANALYSES, postAnalysis(client, "{\"hashtag\": \"no spaces\"}"), 400);
            check(contract, "POST", ANALYSES, postAnalysis(client, "{\"hashtag\": \"ok\", \"source\": \"x\"}"), 400);
            check(contract, "POST", ANALYSES, postAnalysis(client, " ".repeat((1 << 20) + 1)), 413);

            check(contract, "GET", ANALYSIS, client.get("/api/v1/analyses/" + UNKNOWN_ID), 404);
            check(contract, "GET", ANALYSIS, client.get("/api/v1/analyses/not-an-id"), 404);

            Reply stream = events(client, id);
            check(contract, "GET", EVENTS, stream, 200);
            List<JsonNode> data = eventData(stream.body());
            assertThat(data).isNotEmpty();
            for (JsonNode event : data) {
                contract.checkComponent("Analysis", event, "an event of the stream");
            }
            check(contract, "GET", EVENTS, events(client, UNKNOWN_ID), 404);
            check(contract, "GET", EVENTS, client.send(client.request("/api/v1/analyses/" + id + "/events")
                    .header("Accept", "application/json").GET().build()), 406);

            check(contract, "GET", HISTORY, client.get("/api/v1/hashtags/HAPPY/history"), 200);
            check(contract, "GET", HISTORY, client.get("/api/v1/hashtags/no%20spaces/history"), 400);
            check(contract, "GET", "/api/v1/sources", client.get("/api/v1/sources"), 200);
            Reply historyCsv = check(contract, "GET", HISTORY, client.get("/api/v1/hashtags/happy/history?format=csv"), 200);
            assertThat(historyCsv.body()).startsWith("analysis_id,finished_at,source,model_version,posts,");

            String posts = "/api/v1/analyses/{id}/posts";
            JsonNode scored = check(contract, "GET", posts, client.get("/api/v1/analyses/" + id + "/posts"), 200).json();
            assertThat(scored.get("posts")).hasSize(6);
            Reply csv = check(contract, "GET", posts, client.get("/api/v1/analyses/" + id + "/posts?format=csv"), 200);
            assertThat(csv.body().lines()).hasSize(7).first().isEqualTo("id,created_at,author,url,label,polarity,text");
            check(contract, "GET", posts, client.get("/api/v1/analyses/" + id + "/posts?format=xml"), 400);
            check(contract, "GET", posts, client.get("/api/v1/analyses/" + UNKNOWN_ID + "/posts"), 404);

            String trackers = "/api/v1/trackers";
            String tracker = "/api/v1/trackers/{id}";
            Reply tracked = check(contract, "POST", trackers, postTo(client, trackers,
                    "{\"hashtag\": \"#Sunny\", \"every\": \"PT1H\"}"), 201);
            String trackerId = tracked.json().get("id").asText();
            assertThat(tracked.header("Location")).isEqualTo("/api/v1/trackers/" + trackerId);
            check(contract, "POST", trackers, postTo(client, trackers,
                    "{\"hashtag\": \"sunny\", \"every\": \"PT1H\"}"), 200);
            check(contract, "POST", trackers, postTo(client, trackers,
                    "{\"hashtag\": \"sunny\", \"every\": \"PT1M\"}"), 400);
            check(contract, "POST", trackers, postTo(client, trackers, " ".repeat((1 << 20) + 1)), 413);
            waitForRun(client, contract, trackerId);
            check(contract, "GET", trackers, client.get(trackers), 200);
            check(contract, "GET", tracker, client.get("/api/v1/trackers/" + UNKNOWN_ID), 404);
            check(contract, "DELETE", tracker, client.send(client.request("/api/v1/trackers/" + trackerId).DELETE().build()),
                    204);
            check(contract, "DELETE", tracker, client.send(client.request("/api/v1/trackers/" + trackerId).DELETE().build()),
                    404);

            check(contract, "GET", "/api/v1/live/{tag}", client.get("/api/v1/live/Sunny"), 200);
            check(contract, "GET", "/api/v1/live/{tag}", client.get("/api/v1/live/no%20spaces"), 400);
            Reply firstEvent = firstEvent(client, "/api/v1/live/sunny/events");
            check(contract, "GET", "/api/v1/live/{tag}/events", firstEvent, 200);
            contract.checkComponent("LiveView", eventData(firstEvent.body()).get(0), "a live event");
            check(contract, "GET", "/api/v1/live/{tag}/events", client.send(client.request("/api/v1/live/sunny/events")
                    .header("Accept", "application/json").GET().build()), 406);
            check(contract, "GET", "/api/v1/live/{tag}/events", firstEvent(client, "/api/v1/live/no%20spaces/events"), 400);

            assertThat(contract.answeredOperations()).isEqualTo(contract.documentedOperations());
        }
    }

    @Test
    void a_client_over_the_rate_limit_gets_the_documented_429_from_every_api_operation() throws Exception {
        try (SentimentServer server = start(ServeOptions.defaults(0, Map.of("tiny", TinyModel.threeLabels()))
                .withRateLimit(0.001, 1), "limited.db")) {
            ApiClient client = new ApiClient(server.port());
            OpenApiContract contract = new OpenApiContract(client.get("/openapi.json").body());
            client.get("/api/v1/sources"); // the one request of the burst

            List<Reply> replies = new ArrayList<>();
            replies.add(check(contract, "POST", ApiClient.SENTIMENT, client.post("{\"text\": \"hi\"}"), 429));
            replies.add(check(contract, "GET", "/api/v1/models", client.get("/api/v1/models"), 429));
            replies.add(check(contract, "POST", ANALYSES, postAnalysis(client, "{\"hashtag\": \"happy\"}"), 429));
            replies.add(check(contract, "GET", ANALYSIS, client.get("/api/v1/analyses/" + UNKNOWN_ID), 429));
            replies.add(check(contract, "GET", EVENTS, events(client, UNKNOWN_ID), 429));
            replies.add(check(contract, "GET", HISTORY, client.get("/api/v1/hashtags/happy/history"), 429));
            replies.add(check(contract, "GET", "/api/v1/sources", client.get("/api/v1/sources"), 429));
            for (Reply reply : replies) {
                assertThat(reply.header("Retry-After")).as("Retry-After of %s", reply).matches("[1-9][0-9]*");
            }
        }
    }

    @Test
    void a_server_whose_models_failed_to_load_answers_as_documented() throws Exception {
        ServeOptions options = ServeOptions.defaults(0, Map.of("broken", dir.resolve("no-such-model")))
                .withRateLimit(0, 1);
        try (SentimentServer server = start(options, "broken.db")) {
            server.modelsLoaded().handle((loaded, failure) -> failure).get(60, TimeUnit.SECONDS);
            ApiClient client = new ApiClient(server.port());
            OpenApiContract contract = new OpenApiContract(client.get("/openapi.json").body());

            check(contract, "GET", "/readyz", client.get("/readyz"), 503);
            check(contract, "POST", ApiClient.SENTIMENT, client.post("{\"text\": \"hi\"}"), 503);
            JsonNode models = check(contract, "GET", "/api/v1/models", client.get("/api/v1/models"), 200).json();
            assertThat(models.get("models")).isEmpty();

            Reply created = check(contract, "POST", ANALYSES, postAnalysis(client, "{\"hashtag\": \"happy\"}"), 202);
            JsonNode failed = waitUntilFinished(client, contract, created.json().get("id").asText());
            assertThat(failed.get("status").asText()).isEqualTo("failed");
            assertThat(failed.get("error").asText()).isNotBlank();
            check(contract, "GET", "/api/v1/analyses/{id}/posts",
                    client.get("/api/v1/analyses/" + failed.get("id").asText() + "/posts"), 409);
        }
    }

    private SentimentServer start(ServeOptions options, String database) {
        HashtagBackend backend = HashtagBackend.of(Map.of("mastodon", new FixedPosts()),
                JdbcAnalysisStore.open(DatabaseConfig.sqlite(dir.resolve(database))), AnalysisOptions.defaults());
        return SentimentServer.start(options, backend);
    }

    private static Reply check(OpenApiContract contract, String method, String path, Reply reply, int status) {
        assertThat(reply.status()).as("%s %s: %s", method, path, reply).isEqualTo(status);
        contract.check(method, path, reply.status(), reply.contentType(), reply.body());
        return reply;
    }

    private static Reply check(OpenApiContract contract, String method, String path, Reply reply) {
        return check(contract, method, path, reply, 200);
    }

    private static Reply postAnalysis(ApiClient client, String json) {
        return client.send(client.request(ANALYSES).header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build());
    }

    private static Reply postTo(ApiClient client, String path, String json) {
        return client.send(client.request(path).header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build());
    }

    private static Reply events(ApiClient client, String id) {
        return client.send(client.request("/api/v1/analyses/" + id + "/events")
                .header("Accept", "text/event-stream").GET().build());
    }

    /** Reads the analysis until it is done or failed, checking every answer on the way. */
    private static JsonNode waitUntilFinished(ApiClient client, OpenApiContract contract, String id)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            JsonNode analysis = check(contract, "GET", ANALYSIS, client.get("/api/v1/analyses/" + id), 200).json();
            String status = analysis.get("status").asText();
            if (status.equals("done") || status.equals("failed")) {
                return analysis;
            }
            assertThat(System.nanoTime()).as("analysis %s finished within 60 s", id).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /** Waits until the tracker's first run (queued at once) has finished, reading the tracker on the way. */
    private static void waitForRun(ApiClient client, OpenApiContract contract, String trackerId)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            JsonNode tracker = check(contract, "GET", "/api/v1/trackers/{id}",
                    client.get("/api/v1/trackers/" + trackerId), 200).json();
            if (tracker.has("latest")) {
                assertThat(tracker.at("/latest/posts").asInt()).isEqualTo(6);
                return;
            }
            assertThat(System.nanoTime()).as("tracker %s ran within 60 s", trackerId).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /**
     * Opens a stream that stays open and answers with its status, content type and first event
     * (or, for a refused stream, its whole body), then closes it.
     */
    private static Reply firstEvent(ApiClient client, String path) throws Exception {
        java.net.http.HttpResponse<java.util.stream.Stream<String>> response = java.net.http.HttpClient.newHttpClient()
                .send(client.request(path).header("Accept", "text/event-stream").GET().build(),
                        java.net.http.HttpResponse.BodyHandlers.ofLines());
        StringBuilder body = new StringBuilder();
        try (java.util.stream.Stream<String> lines = response.body()) {
            java.util.Iterator<String> it = lines.iterator();
            while (it.hasNext()) {
                String line = it.next();
                body.append(line).append('\n');
                if (response.statusCode() == 200 && line.startsWith("data:")) {
                    break;
                }
            }
        }
        return new Reply(response.statusCode(), response.headers(), body.toString());
    }

    /** The data of every event of a Server-Sent Events body, as JSON. */
    private static List<JsonNode> eventData(String body) throws Exception {
        List<JsonNode> data = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (line.startsWith("data:")) {
                data.add(ApiClient.JSON.readTree(line.substring("data:".length()).strip()));
            }
        }
        return data;
    }
}
