package io.deepsentiment.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.deepsentiment.client.api.HashtagsApi;
import io.deepsentiment.client.api.LiveApi;
import io.deepsentiment.client.api.ModelsApi;
import io.deepsentiment.client.api.OperationsApi;
import io.deepsentiment.client.api.SentimentApi;
import io.deepsentiment.client.api.TrackersApi;
import io.deepsentiment.client.model.Analysis;
import io.deepsentiment.client.model.AnalysisRequest;
import io.deepsentiment.client.model.ErrorResponse;
import io.deepsentiment.client.model.Health;
import io.deepsentiment.client.model.History;
import io.deepsentiment.client.model.ModelInfo;
import io.deepsentiment.client.model.ModelsResponse;
import io.deepsentiment.client.model.Readiness;
import io.deepsentiment.client.model.ScoredPost;
import io.deepsentiment.client.model.SentimentRequest;
import io.deepsentiment.client.model.SentimentResponse;
import io.deepsentiment.client.model.SentimentResult;
import io.deepsentiment.client.model.Sources;
import io.deepsentiment.client.model.TokenContribution;
import io.deepsentiment.client.model.Tracker;
import io.deepsentiment.client.model.TrackerRequest;
import io.deepsentiment.hashtag.analysis.AnalysisOptions;
import io.deepsentiment.hashtag.store.DatabaseConfig;
import io.deepsentiment.hashtag.store.JdbcAnalysisStore;
import io.deepsentiment.serve.HashtagBackend;
import io.deepsentiment.serve.SentimentServer;
import io.deepsentiment.serve.ServeOptions;
import io.deepsentiment.serve.ServiceVersion;
import io.deepsentiment.testing.FixedPosts;
import io.deepsentiment.testing.TinyModel;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API as a client developer meets it: a Java client generated from {@code openapi.json} by
 * openapi-generator (library native, Jackson; see the app module's pom) calls every route of a
 * real server and gets typed answers, errors included.
 */
class GeneratedClientTest {

    @TempDir
    static Path dir;

    private static SentimentServer server;
    private static ApiClient client;

    @BeforeAll
    static void start() throws Exception {
        Map<String, Path> models = new LinkedHashMap<>();
        models.put("tiny", TinyModel.threeLabels());
        models.put("reviews", TinyModel.twoLabels());
        HashtagBackend backend = HashtagBackend.of(Map.of("mastodon", new FixedPosts()),
                JdbcAnalysisStore.open(DatabaseConfig.sqlite(dir.resolve("analyses.db"))), AnalysisOptions.defaults());
        server = SentimentServer.start(ServeOptions.defaults(0, models).withRateLimit(0, 1), backend);
        server.modelsLoaded().get(60, TimeUnit.SECONDS);
        client = new ApiClient();
        client.updateBaseUri("http://127.0.0.1:" + server.port());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void the_operations_routes_answer_typed_health_readiness_metrics_and_the_document() throws Exception {
        OperationsApi operations = new OperationsApi(client);

        Health health = operations.getHealth();
        assertThat(health.getStatus()).isEqualTo(Health.StatusEnum.OK);
        assertThat(health.getVersion()).isEqualTo(ServiceVersion.get());

        Readiness readiness = operations.getReadiness();
        assertThat(readiness.getStatus()).isEqualTo(Readiness.StatusEnum.READY);
        assertThat(readiness.getModels()).containsExactly("tiny", "reviews");

        assertThat(operations.getMetrics()).contains("# TYPE ");

        @SuppressWarnings("unchecked")
        Map<String, Object> document = (Map<String, Object>) operations.getApiDocument();
        assertThat(document.get("openapi")).isEqualTo("3.0.3");
        assertThat(((Map<?, ?>) document.get("info")).get("version")).isEqualTo(ServiceVersion.get());
    }

    @Test
    void the_models_come_with_their_labels_and_measured_metrics() throws Exception {
        ModelsResponse models = new ModelsApi(client).listModels();

        assertThat(models.getDefault()).isEqualTo("tiny");
        assertThat(models.getReady()).isTrue();
        assertThat(models.getModels()).extracting(ModelInfo::getName).containsExactly("tiny", "reviews");
        ModelInfo reviews = models.getModels().get(1);
        assertThat(reviews.getLabels()).containsExactly("negative", "positive");
        assertThat(reviews.getCreatedAt()).isNotNull();
        assertThat(reviews.getMetrics().get("test").getAccuracy()).isBetween(0.5, 1.0);
        assertThat(reviews.getMetrics().get("test").getExamples()).isEqualTo(60); // its synthetic test set
    }

    @Test
    void analyze_returns_a_typed_result_per_text() throws Exception {
        SentimentApi sentiment = new SentimentApi(client);

        SentimentResponse one = sentiment.analyze(new SentimentRequest().text("I love this, best day ever"));
        assertThat(one.getModel().getName()).isEqualTo("tiny");
        SentimentResult result = one.getResults().get(0);
        assertThat(result.getProbabilities()).containsOnlyKeys("negative", "neutral", "positive");
        assertThat(result.getProbabilities().values().stream().mapToDouble(Double::doubleValue).sum())
                .isCloseTo(1.0, within(1e-3));
        assertThat(result.getProbabilities().get(result.getLabel().getValue()))
                .isEqualTo(result.getProbabilities().values().stream().max(Double::compare).orElseThrow());
        assertThat(result.getPolarity()).isCloseTo(
                result.getProbabilities().get("positive") - result.getProbabilities().get("negative"), within(2e-4));
        assertThat(result.getTruncated()).isFalse();
        assertThat(result.getTokens()).isNullOrEmpty(); // only with explain

        SentimentResponse explained = sentiment.analyze(new SentimentRequest()
                .texts(List.of("A beautiful, moving film.", "x".repeat(10_001))).model("reviews").explain(true)
                .truncate(true));
        assertThat(explained.getModel().getName()).isEqualTo("reviews");
        assertThat(explained.getResults()).hasSize(2);
        assertThat(explained.getResults().get(0).getLabel()).isIn(SentimentResult.LabelEnum.NEGATIVE,
                SentimentResult.LabelEnum.POSITIVE);
        assertThat(explained.getResults().get(0).getTokens()).extracting(TokenContribution::getToken)
                .contains("beautiful", "moving", "film");
        assertThat(explained.getResults().get(1).getTruncated()).isTrue();
    }

    @Test
    void errors_arrive_as_an_api_exception_whose_body_reads_as_an_error_response() throws Exception {
        SentimentApi sentiment = new SentimentApi(client);

        assertThatThrownBy(() -> sentiment.analyze(new SentimentRequest().text("hi").model("movies")))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(400);
                    assertThat(error(e).getError().getCode()).isEqualTo("unknown_model");
                });
        assertThatThrownBy(() -> new HashtagsApi(client).getAnalysis(UUID.randomUUID()))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(404);
                    assertThat(error(e).getError().getCode()).isEqualTo("not_found");
                });
    }

    @Test
    void a_hashtag_analysis_is_started_followed_and_read_with_typed_results() throws Exception {
        HashtagsApi hashtags = new HashtagsApi(client);

        Sources sources = hashtags.listSources();
        assertThat(sources.getDefault()).isEqualTo("mastodon");
        assertThat(sources.getSources()).containsExactly("mastodon");

        Analysis started = hashtags.startAnalysis(new AnalysisRequest().hashtag("#Happy").limit(20));
        assertThat(started.getHashtag()).isEqualTo("happy");
        assertThat(started.getReused()).isFalse();
        Analysis done = waitUntilFinished(hashtags, started.getId());
        assertThat(done.getStatus()).isEqualTo(Analysis.StatusEnum.DONE);
        assertThat(done.getModel().getName()).isEqualTo("tiny");
        assertThat(done.getResult().getPosts()).isEqualTo(6);
        assertThat(done.getResult().getCounts().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(6);
        assertThat(done.getResult().getHistogram()).hasSize(10);
        List<ScoredPost> extremes = new ArrayList<>(done.getResult().getMostPositive());
        extremes.addAll(done.getResult().getMostNegative());
        assertThat(extremes).isNotEmpty().allSatisfy(post -> assertThat(post.getLabel()).isNotNull());

        History history = hashtags.getHashtagHistory("HAPPY", null);
        assertThat(history.getHashtag()).isEqualTo("happy");
        assertThat(history.getAnalyses()).singleElement()
                .satisfies(point -> assertThat(point.getId()).isEqualTo(started.getId()));

        // The event stream: each event's data is an Analysis. The generated followAnalysis asks for
        // "text/event-stream, application/json" and gets the documented 406 (this generator reads
        // no event streams); a client follows with the exact Accept header and reads each event's
        // data with the generated model.
        assertThatThrownBy(() -> hashtags.followAnalysis(started.getId()))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(406);
                    assertThat(error(e).getError().getCode()).isEqualTo("not_acceptable");
                });
        List<Analysis> events = follow(started.getId());
        assertThat(events).last().satisfies(last -> {
            assertThat(last.getStatus()).isEqualTo(Analysis.StatusEnum.DONE);
            assertThat(last.getResult().getPosts()).isEqualTo(6);
        });
    }

    @Test
    void a_hashtag_is_tracked_listed_and_untracked_with_typed_results() throws Exception {
        TrackersApi trackers = new TrackersApi(client);

        Tracker created = trackers.createTracker(new TrackerRequest().hashtag("#Rainy").every("PT30M"));
        assertThat(created.getHashtag()).isEqualTo("rainy");
        assertThat(created.getEvery()).isEqualTo("PT30M");
        assertThat(created.getExisting()).isFalse();
        assertThat(trackers.listTrackers().getTrackers()).extracting(Tracker::getId).contains(created.getId());
        assertThat(trackers.getTracker(created.getId()).getSource()).isEqualTo("mastodon");
        assertThat(new LiveApi(client).getLive("rainy").getHashtag()).isEqualTo("rainy");

        trackers.deleteTracker(created.getId());
        assertThatThrownBy(() -> trackers.getTracker(created.getId()))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(404));
    }

    private static Analysis waitUntilFinished(HashtagsApi hashtags, UUID id) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Analysis analysis = hashtags.getAnalysis(id);
        while (analysis.getStatus() == Analysis.StatusEnum.QUEUED || analysis.getStatus() == Analysis.StatusEnum.RUNNING) {
            assertThat(System.nanoTime()).as("analysis %s finished within 60 s", id).isLessThan(deadline);
            Thread.sleep(100);
            analysis = hashtags.getAnalysis(id);
        }
        return analysis;
    }

    /** The events of a finished analysis's stream, read with the client's HTTP client and JSON mapper. */
    private static List<Analysis> follow(UUID id) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(client.getBaseUri() + "/api/v1/analyses/" + id + "/events"))
                .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(60)).build();
        HttpResponse<String> response = client.getHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        List<Analysis> events = new ArrayList<>();
        for (String line : response.body().split("\n")) {
            if (line.startsWith("data:")) {
                events.add(client.getObjectMapper().readValue(line.substring("data:".length()).strip(), Analysis.class));
            }
        }
        return events;
    }

    private static ErrorResponse error(ApiException e) {
        try {
            return client.getObjectMapper().readValue(e.getResponseBody(), ErrorResponse.class);
        } catch (Exception parse) {
            throw new AssertionError("the error body is not an ErrorResponse: " + e.getResponseBody(), parse);
        }
    }
}
