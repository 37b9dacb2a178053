package io.deepsentiment.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.deepsentiment.hashtag.analysis.Analysis;
import io.deepsentiment.hashtag.analysis.AnalysisOptions;
import io.deepsentiment.hashtag.analysis.AnalysisStore;
import io.deepsentiment.hashtag.source.Post;
import io.deepsentiment.hashtag.source.PostSource;
import io.deepsentiment.hashtag.store.DatabaseConfig;
import io.deepsentiment.hashtag.store.JdbcAnalysisStore;
import io.deepsentiment.testing.TinyModel;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Event streams of hashtag analyses under many followers: one database read per analysis per
 * poll, however many streams follow it, and caps per client and in all.
 */
class EventStreamsTest {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    Path dir;

    @Test
    void a_thousand_streams_on_one_analysis_cost_one_read_per_poll_and_the_service_keeps_answering()
            throws Exception {
        HeldSource source = new HeldSource();
        CountingStore store = new CountingStore(JdbcAnalysisStore.open(DatabaseConfig.sqlite(dir.resolve("a.db"))));
        ServeOptions options = ServeOptions.defaults(0, Map.of("tiny", TinyModel.threeLabels())).withRateLimit(0, 1)
                .withStreamLimits(2000, 2000);
        try (SentimentServer server = SentimentServer.start(options, backend(source, store))) {
            server.modelsLoaded().get(60, TimeUnit.SECONDS);
            ApiClient client = new ApiClient(server.port());
            String id = idOf(client.send(client.request("/api/v1/analyses")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"hashtag\": \"busy\"}")).build()).body());
            assertThat(source.started.await(30, TimeUnit.SECONDS)).isTrue();

            int streams = 1000;
            CountDownLatch opened = new CountDownLatch(streams);
            CountDownLatch done = new CountDownLatch(streams);
            for (int i = 0; i < streams; i++) {
                http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                        + "/api/v1/analyses/" + id + "/events")).header("Accept", "text/event-stream").build(),
                        HttpResponse.BodyHandlers.fromLineSubscriber(new EventCounter(opened, done)));
            }
            assertThat(opened.await(60, TimeUnit.SECONDS)).as("all streams got their first event").isTrue();

            int before = store.finds.get();
            Thread.sleep(2000);
            int during = store.finds.get() - before;
            // polling every 250 ms: about 8 reads in 2 s for the one analysis (a stream each would be 8,000)
            assertThat(during).as("analysis reads in 2 s with %d streams open", streams).isBetween(1, 24);

            assertThat(client.get("/healthz").status()).isEqualTo(200);
            assertThat(client.post(ApiClient.textBody("a wonderful day")).status()).isEqualTo(200);

            source.release.countDown();
            assertThat(done.await(60, TimeUnit.SECONDS)).as("every stream saw the analysis finish: %d did not; ended"
                    + " early %d; the analysis: %s", done.getCount(), EventCounter.ended.get(),
                    client.get("/api/v1/analyses/" + id).body()).isTrue();
            // the analysis was scored through the model's queue, as the API's texts are: 10 posts + 1 text
            assertThat(client.get("/metrics").body()).containsPattern(
                    "sentiment_texts_scored_total\\{[^}]*model=\"tiny\"[^}]*\\} 11\\.0");
        }
    }

    @Test
    void streams_beyond_the_caps_are_refused_with_retry_after_and_places_come_back() throws Exception {
        HeldSource source = new HeldSource();
        CountingStore store = new CountingStore(JdbcAnalysisStore.open(DatabaseConfig.sqlite(dir.resolve("b.db"))));
        ServeOptions options = ServeOptions.defaults(0, Map.of("tiny", TinyModel.threeLabels())).withRateLimit(0, 1)
                .withStreamLimits(5, 3).withTrustedProxies(1);
        try (SentimentServer server = SentimentServer.start(options, backend(source, store))) {
            server.modelsLoaded().get(60, TimeUnit.SECONDS);
            ApiClient client = new ApiClient(server.port());
            String id = idOf(client.send(client.request("/api/v1/analyses")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"hashtag\": \"capped\"}")).build()).body());
            String events = "http://127.0.0.1:" + server.port() + "/api/v1/analyses/" + id + "/events";

            CountDownLatch opened = new CountDownLatch(5);
            CountDownLatch done = new CountDownLatch(5);
            List<String> clients = List.of("198.51.100.1", "198.51.100.1", "198.51.100.1", "198.51.100.2",
                    "198.51.100.3");
            for (String address : clients) {
                http.sendAsync(stream(events, address), HttpResponse.BodyHandlers.fromLineSubscriber(
                        new EventCounter(opened, done)));
            }
            assertThat(opened.await(30, TimeUnit.SECONDS)).isTrue();

            HttpResponse<String> perClient = http.send(stream(events, "198.51.100.1"), HttpResponse.BodyHandlers.ofString());
            assertThat(perClient.statusCode()).isEqualTo(429);
            assertThat(perClient.body()).contains("too_many_streams");
            assertThat(perClient.headers().firstValue("Retry-After")).isPresent();
            HttpResponse<String> total = http.send(stream(events, "198.51.100.4"), HttpResponse.BodyHandlers.ofString());
            assertThat(total.statusCode()).isEqualTo(503);
            assertThat(total.headers().firstValue("Retry-After")).isPresent();
            // plain reads are not streams: never capped
            assertThat(client.get("/api/v1/analyses/" + id).status()).isEqualTo(200);

            source.release.countDown();
            assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
            // the finished streams gave their places back
            HttpResponse<String> again = awaitStatus(events, "198.51.100.1", 200);
            assertThat(again.body()).contains("event: done");
        }
    }

    private HttpResponse<String> awaitStatus(String url, String address, int status) throws Exception {
        HttpResponse<String> response = null;
        for (int i = 0; i < 100; i++) {
            response = http.send(stream(url, address), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == status) {
                return response;
            }
            Thread.sleep(100);
        }
        return response;
    }

    private static HttpRequest stream(String url, String address) {
        return HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream")
                .header("X-Forwarded-For", address).timeout(Duration.ofSeconds(30)).build();
    }

    private static String idOf(String body) {
        int at = body.indexOf("\"id\":\"") + 6;
        return body.substring(at, body.indexOf('"', at));
    }

    private static HashtagBackend backend(PostSource source, CountingStore store) {
        return new HashtagBackend(Map.of("mastodon", source), store, store.store.trackerStore(), store.store.liveStore(),
                AnalysisOptions.defaults(), null);
    }

    /** Counts a stream's first event and its final one. */
    private static final class EventCounter implements Flow.Subscriber<String> {
        private final CountDownLatch opened;
        private final CountDownLatch done;
        private boolean first = true;

        EventCounter(CountDownLatch opened, CountDownLatch done) {
            this.opened = opened;
            this.done = done;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            if (line.startsWith("event:") && first) {
                first = false;
                opened.countDown();
            }
            if (line.equals("event: done")) {
                done.countDown();
            }
        }

        static final AtomicInteger ended = new AtomicInteger();

        @Override
        public void onError(Throwable throwable) {
            ended.incrementAndGet();
        }

        @Override
        public void onComplete() {
            if (done.getCount() > 0) {
                ended.incrementAndGet();
            }
        }
    }

    /** A source that holds the analysis running until the test releases it. */
    private static final class HeldSource implements PostSource {
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public String name() {
            return "mastodon";
        }

        @Override
        public List<Post> fetch(String hashtag, int limit, IntConsumer fetchedSoFar) {
            started.countDown();
            try {
                release.await(120, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            List<Post> posts = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                posts.add(new Post("p" + i, "what a great day number " + i, "@someone", "https://example.org/" + i,
                        Instant.parse("2026-12-01T00:00:00Z")));
            }
            return posts;
        }
    }

    /** The real store, counting how often an analysis is read. */
    private static final class CountingStore implements AnalysisStore {
        final AtomicInteger finds = new AtomicInteger();
        private final JdbcAnalysisStore store;

        CountingStore(JdbcAnalysisStore store) {
            this.store = store;
        }

        @Override
        public Optional<Analysis> find(String id) {
            finds.incrementAndGet();
            return store.find(id);
        }

        @Override
        public void insert(Analysis analysis) {
            store.insert(analysis);
        }

        @Override
        public void update(Analysis analysis) {
            store.update(analysis);
        }

        @Override
        public Optional<Analysis> findFresh(String hashtag, String source, String model, Instant notBefore) {
            return store.findFresh(hashtag, source, model, notBefore);
        }

        @Override
        public List<Analysis> history(String hashtag, int max) {
            return store.history(hashtag, max);
        }

        @Override
        public Analysis enqueue(Analysis queued) {
            return store.enqueue(queued);
        }

        @Override
        public int countQueued() {
            return store.countQueued();
        }

        @Override
        public Optional<Analysis> claim(String owner, Instant now, Instant leaseUntil, int maxAttempts) {
            return store.claim(owner, now, leaseUntil, maxAttempts);
        }

        @Override
        public boolean update(Analysis analysis, String owner) {
            return store.update(analysis, owner);
        }

        @Override
        public boolean finish(Analysis done, List<io.deepsentiment.hashtag.analysis.ScoredPost> posts, String owner) {
            return store.finish(done, posts, owner);
        }

        @Override
        public List<io.deepsentiment.hashtag.analysis.ScoredPost> posts(String analysisId) {
            return store.posts(analysisId);
        }

        @Override
        public List<Analysis> historyOfTracker(String trackerId, int max) {
            return store.historyOfTracker(trackerId, max);
        }

        @Override
        public Optional<Instant> newestPostOfTracker(String trackerId) {
            return store.newestPostOfTracker(trackerId);
        }

        @Override
        public Set<String> renew(Collection<String> ids, String owner, Instant now, Instant leaseUntil) {
            return store.renew(ids, owner, now, leaseUntil);
        }

        @Override
        public void release(Collection<String> ids, String owner, Instant now) {
            store.release(ids, owner, now);
        }

        @Override
        public int failExhausted(Instant now, int maxAttempts, String reason) {
            return store.failExhausted(now, maxAttempts, reason);
        }

        @Override
        public void close() {
            store.close();
        }
    }
}
