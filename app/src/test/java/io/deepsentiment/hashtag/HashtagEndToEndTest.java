package io.deepsentiment.hashtag;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.deepsentiment.hashtag.analysis.Analysis;
import io.deepsentiment.hashtag.analysis.AnalysisOptions;
import io.deepsentiment.hashtag.source.HttpSettings;
import io.deepsentiment.hashtag.source.MastodonTagSource;
import io.deepsentiment.hashtag.source.PostSource;
import io.deepsentiment.hashtag.source.XRecentSearchSource;
import io.deepsentiment.hashtag.store.DatabaseConfig;
import io.deepsentiment.hashtag.store.JdbcAnalysisStore;
import io.deepsentiment.hashtag.store.PostgresSchema;
import io.deepsentiment.serve.HashtagBackend;
import io.deepsentiment.serve.SentimentServer;
import io.deepsentiment.serve.ServeOptions;
import io.deepsentiment.testing.TinyModel;
import io.deepsentiment.testing.MastodonFixtures;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real server with two small models trained in the test JVM ({@link TinyModel}: "tiny"
 * with three labels, the default, and "binary" with two), real sources pointed at WireMock (standing
 * in for Mastodon and X), and a real database: post an analysis, follow its events, read the
 * result, restart, and read it again; then two instances sharing one PostgreSQL.
 */
class HashtagEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String TOKEN = "test-bearer-token-123";
    private static final HttpSettings FAST = new HttpSettings(
            Duration.ofSeconds(2), Duration.ofSeconds(2), 2, Duration.ofMillis(10), Duration.ofSeconds(1));

    private static WireMockServer remote;

    @TempDir
    Path temp;

    @BeforeAll
    static void startRemote() throws Exception {
        remote = new WireMockServer(wireMockConfig().dynamicPort());
        remote.start();
        remote.stubFor(get(urlPathEqualTo("/api/v1/timelines/tag/happy")).withQueryParam("max_id", absent())
                .willReturn(json(MastodonFixtures.page(0, 40))));
        remote.stubFor(get(urlPathEqualTo("/api/v1/timelines/tag/happy")).withQueryParam("max_id", equalTo(MastodonFixtures.lastId(0, 40)))
                .willReturn(json(MastodonFixtures.page(40, 20))));
        remote.stubFor(get(urlPathEqualTo("/api/v1/timelines/tag/happy")).withQueryParam("max_id", equalTo(MastodonFixtures.lastId(40, 20)))
                .willReturn(json(JSON.createArrayNode())));
        remote.stubFor(get(urlPathEqualTo("/2/tweets/search/recent"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(json(xPage())));
    }

    @AfterAll
    static void stopRemote() {
        remote.stop();
    }

    @Test
    void anAnalysisRunsReportsProgressAndSurvivesARestart() throws Exception {
        Path db = temp.resolve("data/analyses.db");
        String id;
        JsonNode done;
        try (SentimentServer server = start(DatabaseConfig.sqlite(db))) {
            String base = "http://127.0.0.1:" + server.port();
            HttpResponse<String> created = post(base + "/api/v1/analyses",
                    "{\"hashtag\": \"#Happy\", \"source\": \"mastodon\", \"limit\": 100}");
            assertThat(created.statusCode()).isEqualTo(202);
            JsonNode body = JSON.readTree(created.body());
            id = body.get("id").asText();
            assertThat(body.get("status").asText()).isIn("queued", "running");
            assertThat(created.headers().firstValue("Location")).contains("/api/v1/analyses/" + id);

            List<String> events = events(base + "/api/v1/analyses/" + id + "/events");
            assertThat(events).isNotEmpty();
            assertThat(events.get(events.size() - 1)).isEqualTo("done");

            done = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/analyses/" + id)).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            assertThat(done.get("status").asText()).isEqualTo("done");
            JsonNode result = done.get("result");
            assertThat(result.get("fetched").asInt()).isEqualTo(60);
            // 60 posts: one repeats an earlier text and one is empty once its HTML is removed
            assertThat(result.get("posts").asInt()).isEqualTo(58);
            assertThat(result.get("counts").get("positive").asInt()).isGreaterThan(result.get("counts").get("negative").asInt());
            assertThat(result.get("histogram")).hasSize(10);
            JsonNode top = result.get("mostPositive").get(0);
            assertThat(top.get("text").asText()).doesNotContain("<p>").doesNotContain("&amp;");
            assertThat(top.get("url").asText()).startsWith("https://");
            assertThat(top.get("author").asText()).startsWith("@");
            assertThat(result.get("mostNegative").get(0).get("polarity").asDouble()).isLessThan(0);
            assertThat(done.get("model").get("name").asText()).isEqualTo("tiny");

            // The same tag again within the freshness window reuses the result instead of fetching.
            int calls = remote.findAll(getRequestedFor(urlPathEqualTo("/api/v1/timelines/tag/happy"))).size();
            HttpResponse<String> again = post(base + "/api/v1/analyses", "{\"hashtag\": \"happy\", \"source\": \"mastodon\"}");
            assertThat(again.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(again.body()).get("id").asText()).isEqualTo(id);
            assertThat(JSON.readTree(again.body()).get("reused").asBoolean()).isTrue();
            assertThat(remote.findAll(getRequestedFor(urlPathEqualTo("/api/v1/timelines/tag/happy")))).hasSize(calls);

            // Another model is another analysis: its result is not reused from the first one.
            HttpResponse<String> other = post(base + "/api/v1/analyses",
                    "{\"hashtag\": \"happy\", \"source\": \"mastodon\", \"model\": \"binary\"}");
            assertThat(other.statusCode()).isEqualTo(202);
            String otherId = JSON.readTree(other.body()).get("id").asText();
            assertThat(otherId).isNotEqualTo(id);
            assertThat(events(base + "/api/v1/analyses/" + otherId + "/events")).last().isEqualTo("done");
            JsonNode byBinary = JSON.readTree(HTTP.send(HttpRequest.newBuilder(
                    URI.create(base + "/api/v1/analyses/" + otherId)).build(), HttpResponse.BodyHandlers.ofString()).body());
            assertThat(byBinary.get("model").get("name").asText()).isEqualTo("binary");
        }

        try (SentimentServer restarted = start(DatabaseConfig.sqlite(db))) {
            String base = "http://127.0.0.1:" + restarted.port();
            JsonNode reread = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/analyses/" + id))
                    .build(), HttpResponse.BodyHandlers.ofString()).body());
            assertThat(reread.get("result")).isEqualTo(done.get("result"));
            JsonNode history = JSON.readTree(HTTP.send(HttpRequest.newBuilder(
                    URI.create(base + "/api/v1/hashtags/HAPPY/history")).build(), HttpResponse.BodyHandlers.ofString()).body());
            // both analyses of the tag, oldest first: by tiny, then by binary
            assertThat(history.get("analyses")).hasSize(2);
            assertThat(history.get("analyses").get(0).get("id").asText()).isEqualTo(id);
        }
    }

    @Test
    void anAnalysisLeftRunningByADeadInstanceIsResumedAndFinishedOnStart() throws Exception {
        Path db = temp.resolve("dead.db");
        Instant longAgo = Instant.now().minus(Duration.ofMinutes(10));
        String id = "11111111-2222-3333-4444-555555555555";
        try (JdbcAnalysisStore store = JdbcAnalysisStore.open(DatabaseConfig.sqlite(db))) {
            store.enqueue(Analysis.queued(id, "happy", "mastodon", 100, "tiny", longAgo, null, null));
            // claimed by an instance that then died: its lease ran out ten minutes ago
            store.claim("dead-instance", longAgo, longAgo.plusSeconds(30), 3).orElseThrow();
        }
        try (SentimentServer server = start(DatabaseConfig.sqlite(db))) {
            String url = "http://127.0.0.1:" + server.port() + "/api/v1/analyses/" + id;
            assertThat(events(url + "/events")).last().isEqualTo("done");
            JsonNode analysis = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            assertThat(analysis.get("status").asText()).isEqualTo("done");
            assertThat(analysis.get("result").get("posts").asInt()).isPositive();
        }
    }

    @Test
    void xAnalysesSendTheTokenAndBadRequestsGetClearErrors() throws Exception {
        try (SentimentServer server = start(DatabaseConfig.sqlite(temp.resolve("x.db")))) {
            String base = "http://127.0.0.1:" + server.port();
            HttpResponse<String> created = post(base + "/api/v1/analyses", "{\"hashtag\": \"happy\", \"source\": \"x\", \"limit\": 10}");
            assertThat(created.statusCode()).isEqualTo(202);
            String id = JSON.readTree(created.body()).get("id").asText();
            assertThat(events(base + "/api/v1/analyses/" + id + "/events")).last().isEqualTo("done");
            JsonNode done = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/analyses/" + id)).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            assertThat(done.get("result").get("posts").asInt()).isEqualTo(3);
            assertThat(done.get("result").get("mostPositive").get(0).get("url").asText()).startsWith("https://x.com/");

            // Devanagari needs combining marks: the API accepts what the sources accept.
            assertThat(post(base + "/api/v1/analyses", "{\"hashtag\": \"#हिन्दी\", \"source\": \"x\"}").statusCode())
                    .isEqualTo(202);
            assertError(post(base + "/api/v1/analyses", "{\"hashtag\": \"no spaces\"}"), 400, "invalid_hashtag");
            assertError(post(base + "/api/v1/analyses", "{\"hashtag\": \"a/../b\"}"), 400, "invalid_hashtag");
            assertError(post(base + "/api/v1/analyses", "{\"hashtag\": \"ok\", \"source\": \"http://evil\"}"), 400, "unknown_source");
            assertError(post(base + "/api/v1/analyses", "{\"hashtag\": \"ok\", \"limit\": 0}"), 400, "invalid_field");
            assertError(post(base + "/api/v1/analyses", "{\"hashtag\": \"ok\", \"limit\": 1001}"), 400, "invalid_field");
            // X bills each post read: the operator's cap per analysis (100 here) is checked before anything is queued
            HttpResponse<String> overCap = post(base + "/api/v1/analyses",
                    "{\"hashtag\": \"ok\", \"source\": \"x\", \"limit\": 101}");
            assertError(overCap, 400, "invalid_field");
            assertThat(overCap.body()).contains("at most 100 for source x");
            assertError(post(base + "/api/v1/analyses", "{\"hashtag\": \"ok\", \"model\": \"nope\"}"), 400, "unknown_model");
            assertError(post(base + "/api/v1/analyses", "{}"), 400, "missing_field");
            assertError(post(base + "/api/v1/analyses", "[1"), 400, "malformed_json");
            HttpResponse<String> unknown = HTTP.send(HttpRequest.newBuilder(URI.create(base
                    + "/api/v1/analyses/00000000-0000-0000-0000-000000000000")).build(), HttpResponse.BodyHandlers.ofString());
            assertError(unknown, 404, "not_found");
            assertThat(JSON.readTree(unknown.body()).at("/error/message").asText())
                    .isEqualTo("no analysis with id 00000000-0000-0000-0000-000000000000");
            HttpResponse<String> unknownEvents = HTTP.send(HttpRequest.newBuilder(URI.create(base
                    + "/api/v1/analyses/nope/events")).build(), HttpResponse.BodyHandlers.ofString());
            assertError(unknownEvents, 404, "not_found");
        }
    }

    @Test
    void twoInstancesSharingOnePostgresqlSeeEachOthersAnalyses() throws Exception {
        try (PostgresSchema schema = PostgresSchema.create();
                SentimentServer first = start(schema.config());
                SentimentServer second = start(schema.config())) {
            HttpResponse<String> created = post("http://127.0.0.1:" + first.port() + "/api/v1/analyses",
                    "{\"hashtag\": \"happy\", \"source\": \"mastodon\"}");
            assertThat(created.statusCode()).isEqualTo(202);
            String id = JSON.readTree(created.body()).get("id").asText();
            // Followed on the other instance: progress comes from the shared database.
            assertThat(events("http://127.0.0.1:" + second.port() + "/api/v1/analyses/" + id + "/events")).last().isEqualTo("done");
            JsonNode history = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + second.port() + "/api/v1/hashtags/happy/history")).build(), HttpResponse.BodyHandlers.ofString()).body());
            assertThat(history.get("analyses")).hasSize(1);
        }
    }

    private static SentimentServer start(DatabaseConfig database) throws Exception {
        // the default model first: analyses that name none are scored with tiny
        Map<String, Path> models = new LinkedHashMap<>();
        models.put("tiny", TinyModel.threeLabels());
        models.put("binary", TinyModel.twoLabels());
        Map<String, PostSource> sources = new LinkedHashMap<>();
        sources.put("mastodon", new MastodonTagSource(URI.create(remote.baseUrl()), null, FAST));
        JdbcAnalysisStore store = JdbcAnalysisStore.open(database);
        sources.put("x", new XRecentSearchSource(URI.create(remote.baseUrl()), TOKEN,
                new XRecentSearchSource.Spending(100, 100_000, store.postBudget()), FAST));
        HashtagBackend backend = HashtagBackend.of(sources, store, AnalysisOptions.defaults());
        SentimentServer server = SentimentServer.start(
                ServeOptions.defaults(0, models).withRateLimit(0, 1), backend);
        server.modelsLoaded().get(60, TimeUnit.SECONDS);
        return server;
    }

    /** Reads the event stream to its end and returns the event names. */
    private static List<String> events(String url) throws Exception {
        // As a browser's EventSource does; Javalin answers a plain GET without it with an empty body.
        HttpResponse<java.io.InputStream> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
        List<String> names = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("event:")) {
                    names.add(line.substring(6).trim());
                } else if (line.startsWith("data:")) {
                    assertThat(JSON.readTree(line.substring(5)).get("id")).isNotNull();
                }
            }
        }
        return names;
    }

    private static HttpResponse<String> post(String url, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertError(HttpResponse<String> response, int status, String code) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(JSON.readTree(response.body()).get("error").get("code").asText()).isEqualTo(code);
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(JsonNode body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8").withBody(body.toString());
    }

    /** Three tweets in the shape of X's recent search, with the authors in includes. */
    private static ObjectNode xPage() {
        ObjectNode page = JSON.createObjectNode();
        ArrayNode data = page.putArray("data");
        String[] texts = {"I love this so much &amp; more #happy", "Terrible service, never again #happy", "Best day ever #happy"};
        for (int i = 0; i < texts.length; i++) {
            ObjectNode tweet = data.addObject();
            tweet.put("id", "17000000000000000" + i);
            tweet.put("text", texts[i]);
            tweet.put("author_id", "42" + i);
            tweet.put("created_at", "2026-11-25T12:0" + i + ":00.000Z");
            tweet.put("lang", "en");
        }
        ArrayNode users = page.putObject("includes").putArray("users");
        for (int i = 0; i < texts.length; i++) {
            users.addObject().put("id", "42" + i).put("username", "tweeter" + i).put("name", "Tweeter " + i);
        }
        page.putObject("meta").put("result_count", texts.length).put("newest_id", "170000000000000000")
                .put("oldest_id", "170000000000000002");
        return page;
    }
}
