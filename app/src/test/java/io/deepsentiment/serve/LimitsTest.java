package io.deepsentiment.serve;

import static io.deepsentiment.serve.ApiClient.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.deepsentiment.serve.ApiClient.Reply;
import io.deepsentiment.testing.TinyModel;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What protects the service: the per-client rate limit, the bounded scoring queue, and readiness
 * while the models load or after they failed to load. Each test starts its own server, with the
 * small model trained in the test JVM ({@link TinyModel}) or a copy of it.
 */
class LimitsTest {

    @TempDir
    Path dir;

    private final Map<String, Path> models = Map.of("tiny", TinyModel.threeLabels());

    @Test
    void the_sixth_quick_request_of_a_client_is_rate_limited_with_retry_after() throws Exception {
        ServeOptions options = ServeOptions.defaults(0, models).withRateLimit(5, 5);
        try (SentimentServer server = SentimentServer.start(options)) {
            ApiClient client = new ApiClient(server.port());
            server.modelsLoaded().get();

            // the bucket starts full: the first 5 always pass, however slow they are
            for (int i = 0; i < 5; i++) {
                assertThat(client.get("/api/v1/models").status()).as("request %d", i + 1).isEqualTo(200);
            }
            List<Reply> next = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                next.add(i % 2 == 0 ? client.get("/api/v1/models") : client.post(ApiClient.textBody("hello")));
            }
            assertThat(next).extracting(Reply::status).allMatch(s -> s == 200 || s == 429).contains(429);
            for (Reply reply : next) {
                if (reply.status() == 429) {
                    assertError(reply, 429, "rate_limited");
                    assertThat(reply.header("Retry-After")).as("Retry-After of %s", reply).isNotNull();
                    assertThat(Integer.parseInt(reply.header("Retry-After"))).isBetween(1, 60);
                }
            }

            // the operations routes are not limited
            assertThat(client.get("/healthz").status()).isEqualTo(200);
            assertThat(client.get("/readyz").status()).isEqualTo(200);
            // without --trust-proxy a made-up X-Forwarded-For does not give a client a fresh bucket
            List<Reply> spoofed = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                spoofed.add(client.send(client.request("/api/v1/models")
                        .header("X-Forwarded-For", "198.51.100." + i).GET().build()));
            }
            assertThat(spoofed).extracting(Reply::status).contains(429);
            Reply limited = spoofed.stream().filter(r -> r.status() == 429).findFirst().orElseThrow();

            // waiting as long as Retry-After says is enough
            Thread.sleep(1000L * Integer.parseInt(limited.header("Retry-After")) + 100);
            assertThat(client.post(ApiClient.textBody("hello again")).status()).isEqualTo(200);
        }
    }

    @Test
    void behind_a_trusted_proxy_rotating_the_entries_a_client_writes_does_not_escape_the_limit() throws Exception {
        ServeOptions options = ServeOptions.defaults(0, models).withRateLimit(0.01, 3)
                .withTrustedProxies(1);
        try (SentimentServer server = SentimentServer.start(options)) {
            ApiClient client = new ApiClient(server.port());
            server.modelsLoaded().get();
            // the proxy appended 203.0.113.7; the client made up the left-most entry anew each time
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                statuses.add(client.send(client.request("/api/v1/models")
                        .header("X-Forwarded-For", "198.51.100." + i + ", 203.0.113.7").GET().build()).status());
            }
            assertThat(statuses).containsExactly(200, 200, 200, 429, 429, 429);
            // another real client, as the proxy reports it, has a bucket of its own
            assertThat(client.send(client.request("/api/v1/models")
                    .header("X-Forwarded-For", "203.0.113.8").GET().build()).status()).isEqualTo(200);
        }
    }

    @Test
    void with_the_rate_limit_at_zero_nothing_is_limited() throws Exception {
        ServeOptions options = ServeOptions.defaults(0, models).withRateLimit(0, 1);
        try (SentimentServer server = SentimentServer.start(options)) {
            ApiClient client = new ApiClient(server.port());
            server.modelsLoaded().get();
            for (int i = 0; i < 50; i++) {
                assertThat(client.get("/api/v1/models").status()).isEqualTo(200);
            }
        }
    }

    @Test
    void a_full_queue_answers_503_with_retry_after_and_the_service_recovers() throws Exception {
        ServeOptions options = ServeOptions.defaults(0, models)
                .withRateLimit(0, 1)
                .withQueueCapacity(10);
        try (SentimentServer server = SentimentServer.start(options)) {
            ApiClient client = new ApiClient(server.port());
            server.modelsLoaded().get();
            String batch = ApiClient.write(Map.of("texts", longTexts(512, new Random(5))));

            List<Reply> replies = new ArrayList<>();
            // concurrency decides how many are refused; a few rounds make "some 503 and some 200" certain
            for (int round = 0; round < 5 && !(hasStatus(replies, 503) && hasStatus(replies, 200)); round++) {
                replies.addAll(concurrently(16, () -> client.post(batch)));
            }

            assertThat(replies).extracting(Reply::status).allMatch(s -> s == 200 || s == 503)
                    .contains(200, 503);
            for (Reply reply : replies) {
                if (reply.status() == 503) {
                    assertError(reply, 503, "queue_full");
                    assertThat(reply.header("Retry-After")).as("Retry-After of %s", reply).isNotNull();
                } else {
                    JsonNode results = reply.json().get("results");
                    assertThat(results).hasSize(512);
                    results.forEach(r -> ApiClient.assertValidResult(r, List.of("negative", "neutral", "positive")));
                }
            }

            Reply after = client.post(ApiClient.textBody("still working after the rush"));
            assertThat(after.status()).isEqualTo(200);
            assertThat(client.get("/readyz").status()).isEqualTo(200);
            assertThat(client.get("/metrics").body()).contains("sentiment_queue_rejected");
        }
    }

    @Test
    void readiness_is_503_failed_and_scoring_503_not_ready_when_a_model_cannot_load() throws Exception {
        Path model = copyOfTheModel();
        try (RandomAccessFile weights = new RandomAccessFile(model.resolve("weights.bin").toFile(), "rw")) {
            weights.seek(weights.length() / 2);
            weights.write(new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        }
        try (SentimentServer server = SentimentServer.start(ServeOptions.defaults(0, Map.of("tiny", model)))) {
            ApiClient client = new ApiClient(server.port());
            assertThatThrownBy(() -> server.modelsLoaded().get()).isInstanceOf(ExecutionException.class)
                    .hasMessageContaining("checksum");

            Reply ready = client.get("/readyz");
            assertThat(ready.status()).isEqualTo(503);
            assertThat(ready.json().get("status").asText()).isEqualTo("failed");

            assertError(client.post(ApiClient.textBody("anyone there?")), 503, "not_ready");
            assertThat(client.get("/healthz").status()).isEqualTo(200);
            Reply models = client.get("/api/v1/models");
            assertThat(models.status()).isEqualTo(200);
            assertThat(models.json().get("ready").asBoolean()).isFalse();
            assertThat(models.json().get("models")).isEmpty();
        }
    }

    @Test
    void readiness_is_503_loading_until_the_models_are_loaded_then_200() throws Exception {
        // The manifest is a named pipe: loading blocks on it until the test writes it, so the
        // "loading" state lasts exactly as long as the test needs.
        Path model = copyOfTheModel();
        Path manifest = model.resolve("manifest.json");
        byte[] manifestBytes = Files.readAllBytes(manifest);
        Files.delete(manifest);
        assumeTrue(mkfifo(manifest), "mkfifo is not available");

        try (SentimentServer server = SentimentServer.start(ServeOptions.defaults(0, Map.of("tiny", model)))) {
            ApiClient client = new ApiClient(server.port());

            Reply loading = client.get("/readyz");
            assertThat(loading.status()).isEqualTo(503);
            assertThat(loading.json().get("status").asText()).isEqualTo("loading");
            Reply early = client.post(ApiClient.textBody("too early"));
            assertError(early, 503, "not_ready");
            assertThat(early.header("Retry-After")).isNotNull();
            assertThat(client.get("/healthz").status()).isEqualTo(200);

            try (OutputStream out = Files.newOutputStream(manifest)) {
                out.write(manifestBytes);
            }
            server.modelsLoaded().get();

            Reply ready = client.get("/readyz");
            assertThat(ready.status()).isEqualTo(200);
            assertThat(ready.json().get("status").asText()).isEqualTo("ready");
            assertThat(client.post(ApiClient.textBody("now it works")).status()).isEqualTo(200);
        }
    }

    // ---- helpers -----------------------------------------------------------------------------

    private Path copyOfTheModel() throws IOException {
        Path copy = Files.createDirectories(dir.resolve("tiny"));
        try (Stream<Path> files = Files.list(TinyModel.threeLabels())) {
            for (Path file : files.toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
        return copy;
    }

    private static boolean mkfifo(Path path) {
        try {
            Process process = new ProcessBuilder("mkfifo", path.toString()).redirectErrorStream(true).start();
            return process.waitFor() == 0 && !Files.isRegularFile(path) && Files.exists(path);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Texts of 30 to 60 words, long enough that a batch of 512 keeps the scorer busy for a while. */
    private static List<String> longTexts(int count, Random random) {
        String[] words = {"great", "awful", "the", "game", "today", "love", "hate", "meeting", "phone", "happy",
            "sad", "tomorrow", "really", "not", "best", "worst", "movie", "friends", "rain", "sun"};
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            StringBuilder text = new StringBuilder();
            int n = 30 + random.nextInt(31);
            for (int w = 0; w < n; w++) {
                text.append(words[random.nextInt(words.length)]).append(' ');
            }
            out.add(text.toString().trim());
        }
        return out;
    }

    private static boolean hasStatus(List<Reply> replies, int status) {
        return replies.stream().anyMatch(r -> r.status() == status);
    }

    /** Runs the same request from {@code clients} threads released at the same moment. */
    private static List<Reply> concurrently(int clients, Callable<Reply> request)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Reply>> futures = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return request.call();
                }));
            }
            go.countDown();
            List<Reply> replies = new ArrayList<>();
            for (Future<Reply> future : futures) {
                replies.add(future.get());
            }
            return replies;
        } finally {
            pool.shutdownNow();
        }
    }
}
