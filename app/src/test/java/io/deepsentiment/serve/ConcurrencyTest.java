package io.deepsentiment.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deepsentiment.model.predict.Prediction;
import io.deepsentiment.model.predict.SentimentPredictor;
import io.deepsentiment.serve.ApiClient.Reply;
import io.deepsentiment.testing.TinyModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Many clients at once: the micro-batching scorer puts texts of different requests into one forward
 * pass, and every client must still get the answer of its own texts, in its own order. The expected
 * answer of each text comes from the predictor loaded directly in the test. The model is a small
 * three-label one trained in the test JVM ({@link TinyModel}).
 */
class ConcurrencyTest {

    static {
        // thousands of requests: keep the access log out of the test output
        System.setProperty("org.slf4j.simpleLogger.log.access", "warn");
    }

    private static final int CLIENTS = 32;
    private static final int REQUESTS_PER_CLIENT = 50;
    /** Probabilities and polarity are compared to 3 decimals (the API rounds to 4). */
    private static final double TOLERANCE = 1.5e-3;

    private static final String[] POSITIVE = {"I love this", "best day ever", "so happy right now",
        "what a wonderful game", "amazing concert tonight", "thank you so much", "great job team",
        "this made my day 😍", "awesome news!!", "beautiful morning :)"};
    private static final String[] NEGATIVE = {"I hate this", "worst day ever", "so sad and angry",
        "terrible service", "this is awful", "I am so disappointed", "never again, horrible",
        "boring and stupid", "my phone broke again :(", "what a waste of time"};
    private static final String[] NEUTRAL = {"the meeting is on tuesday", "the report comes out tomorrow",
        "schedule for the game", "just announced", "at the station", "reading the news",
        "new episode at 9", "going to the store"};

    private static SentimentServer server;
    private static ApiClient client;
    private static List<String> texts;
    private static Map<String, Prediction> expected;

    @BeforeAll
    static void start() throws Exception {
        texts = distinctTexts(CLIENTS * REQUESTS_PER_CLIENT, new Random(7));
        expected = new HashMap<>();
        try (SentimentPredictor predictor = SentimentPredictor.load(TinyModel.threeLabels())) {
            List<Prediction> predictions = predictor.predict(texts);
            for (int i = 0; i < texts.size(); i++) {
                expected.put(texts.get(i), predictions.get(i));
            }
        }
        server = SentimentServer.start(ServeOptions.defaults(0, Map.of("tiny", TinyModel.threeLabels()))
                .withRateLimit(0, 1));
        client = new ApiClient(server.port());
        server.modelsLoaded().get();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void the_texts_are_different_enough_to_reveal_a_mixed_up_answer() {
        Set<Long> polarities = new HashSet<>();
        Set<String> labels = new HashSet<>();
        for (Prediction p : expected.values()) {
            polarities.add(Math.round(p.polarity() * 1000));
            labels.add(p.label());
        }
        assertThat(labels).containsExactlyInAnyOrder("negative", "neutral", "positive");
        assertThat(polarities.size()).as("distinct polarities among %d texts", texts.size()).isGreaterThan(300);
    }

    @Test
    void every_client_gets_the_answer_of_its_own_text() throws Exception {
        Queue<String> problems = new ConcurrentLinkedQueue<>();
        runAtOnce(CLIENTS, c -> {
            List<String> mine = texts.subList(c * REQUESTS_PER_CLIENT, (c + 1) * REQUESTS_PER_CLIENT);
            return () -> {
                for (String text : mine) {
                    Reply reply = client.post(ApiClient.textBody(text));
                    if (reply.status() != 200) {
                        problems.add("status " + reply + " for " + text);
                        continue;
                    }
                    JsonNode results = reply.json().get("results");
                    if (results.size() != 1) {
                        problems.add(results.size() + " results for one text: " + text);
                        continue;
                    }
                    check(text, results.get(0), problems);
                }
                return null;
            };
        });
        assertThat(problems).as("answers that do not belong to their text").isEmpty();
    }

    @Test
    void concurrent_batches_get_their_own_answers_in_order() throws Exception {
        Queue<String> problems = new ConcurrentLinkedQueue<>();
        runAtOnce(16, c -> {
            Random random = new Random(100 + c);
            return () -> {
                for (int r = 0; r < 8; r++) {
                    int size = 1 + random.nextInt(r % 2 == 0 ? 8 : 150);
                    boolean explain = size <= 64 && random.nextInt(4) == 0;
                    List<String> batch = new ArrayList<>(size);
                    for (int i = 0; i < size; i++) {
                        batch.add(texts.get(random.nextInt(texts.size())));
                    }
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("texts", batch);
                    body.put("explain", explain);
                    Reply reply = client.postJson(body);
                    if (reply.status() != 200) {
                        problems.add("status " + reply + " for a batch of " + size);
                        continue;
                    }
                    JsonNode results = reply.json().get("results");
                    if (results.size() != size) {
                        problems.add(results.size() + " results for " + size + " texts");
                        continue;
                    }
                    for (int i = 0; i < size; i++) {
                        check(batch.get(i), results.get(i), problems);
                        if (explain && !results.get(i).has("tokens")) {
                            problems.add("no tokens for an explained text: " + batch.get(i));
                        }
                    }
                }
                return null;
            };
        });
        assertThat(problems).as("answers that do not belong to their text").isEmpty();
        assertThat(client.get("/metrics").body()).contains("sentiment_batch_texts_count");
    }

    /**
     * Runs the task of each of {@code clients} clients on its own thread, all released at the same
     * moment, and waits for them all; a task's exception fails the test.
     */
    private static void runAtOnce(int clients, IntFunction<Callable<Void>> taskOfClient) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                Callable<Void> task = taskOfClient.apply(c);
                done.add(pool.submit(() -> {
                    go.await();
                    return task.call();
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void batches_of_every_size_get_finite_scores_for_each_text() {
        Random random = new Random(11);
        List<String> problems = new ArrayList<>();
        for (int size = 1; size <= 100; size++) {
            List<String> batch = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                batch.add(texts.get(random.nextInt(texts.size())));
            }
            Reply reply = client.postJson(Map.of("texts", batch));
            if (reply.status() != 200) {
                problems.add("status " + reply + " for a batch of " + size);
                continue;
            }
            Queue<String> wrong = new ConcurrentLinkedQueue<>();
            JsonNode results = reply.json().get("results");
            for (int i = 0; i < size; i++) {
                check(batch.get(i), results.get(i), wrong);
            }
            problems.addAll(wrong);
        }
        assertThat(problems).isEmpty();
    }

    /** Compares one result with the expected prediction of its text, to 3 decimals. */
    private static void check(String text, JsonNode result, Queue<String> problems) {
        if (!matches(expected.get(text), result)) {
            problems.add("\"" + text + "\": expected " + expected.get(text) + ", got " + result);
        }
    }

    private static boolean matches(Prediction want, JsonNode result) {
        boolean same = Math.abs(result.get("polarity").asDouble() - want.polarity()) <= TOLERANCE;
        for (Map.Entry<String, Double> p : want.probabilities().entrySet()) {
            same &= Math.abs(result.get("probabilities").get(p.getKey()).asDouble() - p.getValue()) <= TOLERANCE;
        }
        // the label must match unless the two best classes are (nearly) tied
        if (!result.get("label").asText().equals(want.label()) && margin(want) > 2 * TOLERANCE) {
            same = false;
        }
        return same;
    }

    private static double margin(Prediction p) {
        List<Double> values = new ArrayList<>(p.probabilities().values());
        values.sort(null);
        return values.get(values.size() - 1) - values.get(values.size() - 2);
    }

    /** Texts of every class, one to five phrases long, each one different. */
    private static List<String> distinctTexts(int count, Random random) {
        Set<String> out = new LinkedHashSet<>();
        while (out.size() < count) {
            int i = out.size();
            String[] dominant = switch (i % 3) {
                case 0 -> POSITIVE;
                case 1 -> NEGATIVE;
                default -> NEUTRAL;
            };
            int phrases = 1 + random.nextInt(5);
            StringBuilder text = new StringBuilder();
            for (int k = 0; k < phrases; k++) {
                String[] pool = random.nextInt(4) == 0
                        ? new String[][] {POSITIVE, NEGATIVE, NEUTRAL}[random.nextInt(3)] : dominant;
                if (k > 0) {
                    text.append(random.nextBoolean() ? ", " : " and ");
                }
                text.append(pool[random.nextInt(pool.length)]);
            }
            if (random.nextBoolean()) {
                text.append(" #day").append(i);
            }
            out.add(text.toString());
        }
        return new ArrayList<>(out);
    }
}
