package io.deepsentiment.serve;

import static io.deepsentiment.serve.ApiClient.assertError;
import static io.deepsentiment.serve.ApiClient.assertValidResult;
import static io.deepsentiment.serve.ApiClient.fieldNames;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deepsentiment.serve.ApiClient.Reply;
import io.deepsentiment.testing.TinyModel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every route of the service, as a client sees it: one real server on a random port with the
 * default limits, serving two small models trained in this JVM on synthetic data: "tiny" (negative,
 * neutral, positive; the default) and "binary" (negative, positive), see {@link TinyModel}.
 * Texts that must get a label are written with the words those models learnt (love, best, hate, ...).
 */
class SentimentApiTest {

    private static final List<String> LABELS = TinyModel.THREE_LABELS;
    private static final List<String> BINARY_LABELS = TinyModel.TWO_LABELS;
    private static final int MB = 1 << 20;

    private static SentimentServer server;
    private static ApiClient client;

    @BeforeAll
    static void start() throws Exception {
        Map<String, Path> models = new LinkedHashMap<>();
        models.put("tiny", TinyModel.threeLabels());
        models.put("binary", TinyModel.twoLabels());
        // the default limits, rate limit included: this class sends well under the burst of 200 API requests
        server = SentimentServer.start(ServeOptions.defaults(0, models));
        client = new ApiClient(server.port());
        server.modelsLoaded().get();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    // ---- operations routes -------------------------------------------------------------------

    @Test
    void healthz_answers_ok() {
        Reply reply = client.get("/healthz");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("application/json");
        assertThat(reply.json().get("status").asText()).isEqualTo("ok");
    }

    @Test
    void readyz_is_200_with_the_model_names_once_loaded() {
        Reply reply = client.get("/readyz");
        assertThat(reply.status()).isEqualTo(200);
        JsonNode body = reply.json();
        assertThat(body.get("status").asText()).isEqualTo("ready");
        assertThat(texts(body.get("models"))).containsExactly("tiny", "binary");
    }

    @Test
    void metrics_are_prometheus_text_with_http_batch_and_jvm_series() {
        assertThat(client.post(ApiClient.textBody("metrics please")).status()).isEqualTo(200);
        assertThat(client.get("/healthz").status()).isEqualTo(200);
        assertThat(client.post(ApiClient.textBody("and once more")).status()).isEqualTo(200);

        Reply reply = client.get("/metrics");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("text/plain");
        assertThat(reply.body())
                .contains("http_server_requests_seconds")
                .contains("route=\"/api/v1/sentiment\"")
                .contains("sentiment_batch_texts")
                .contains("sentiment_inference_seconds")
                .contains("jvm_memory");
        assertThat(reply.body().lines().filter(l -> !l.isBlank() && !l.startsWith("#")))
                .allSatisfy(line -> assertThat(line).matches("[a-zA-Z_:][a-zA-Z0-9_:]*(\\{.*})? \\S+"));
    }

    @Test
    void openapi_document_is_json_describing_the_sentiment_route() {
        Reply reply = client.get("/openapi.json");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("application/json");
        JsonNode paths = reply.json().get("paths");
        assertThat(paths).as("paths of the OpenAPI document").isNotNull();
        assertThat(fieldNames(paths)).contains("/api/v1/sentiment");
    }

    @Test
    void models_lists_names_labels_and_the_metrics_of_each_manifest() throws Exception {
        Reply reply = client.get("/api/v1/models");
        assertThat(reply.status()).isEqualTo(200);
        JsonNode body = reply.json();
        assertThat(body.get("default").asText()).isEqualTo("tiny");
        assertThat(body.get("ready").asBoolean()).isTrue();
        JsonNode models = body.get("models");
        assertThat(models).hasSize(2);
        JsonNode tiny = models.get(0);
        JsonNode tinyManifest = manifest(TinyModel.threeLabels());
        assertThat(tiny.get("name").asText()).isEqualTo("tiny");
        assertThat(tiny.get("version").asText()).isNotBlank().isEqualTo(tinyManifest.get("version").asText());
        assertThat(texts(tiny.get("labels"))).isEqualTo(LABELS);
        assertThat(tiny.at("/metrics/test/avgRec").asDouble(-1)).isBetween(0.0, 1.0);
        assertThat(tiny.get("metrics")).isEqualTo(tinyManifest.get("metrics"));
        JsonNode binary = models.get(1);
        assertThat(binary.get("name").asText()).isEqualTo("binary");
        assertThat(texts(binary.get("labels"))).isEqualTo(BINARY_LABELS);
        assertThat(binary.get("metrics")).isEqualTo(manifest(TinyModel.twoLabels()).get("metrics"));
    }

    @Test
    void the_page_is_served_as_html() {
        Reply reply = client.get("/");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("text/html");
    }

    // ---- scoring -----------------------------------------------------------------------------

    @Test
    void a_positive_text_is_positive_and_a_negative_text_negative() {
        JsonNode positive = client.post(ApiClient.textBody("I love this phone and it was the best day")).json();
        JsonNode negative = client.post(ApiClient.textBody("This was the worst day and I hate it")).json();

        for (JsonNode body : List.of(positive, negative)) {
            assertThat(body.at("/model/name").asText()).isEqualTo("tiny");
            assertThat(body.at("/model/version").asText()).isNotBlank();
            assertThat(body.get("results")).hasSize(1);
            JsonNode result = body.get("results").get(0);
            assertValidResult(result, LABELS);
            assertThat(result.get("truncated").asBoolean()).isFalse();
            assertThat(result.has("tokens")).as("tokens only when asked for").isFalse();
        }
        JsonNode p = positive.get("results").get(0);
        JsonNode n = negative.get("results").get(0);
        assertThat(p.get("label").asText()).isEqualTo("positive");
        assertThat(p.get("polarity").asDouble()).isGreaterThan(0.3);
        assertThat(n.get("label").asText()).isEqualTo("negative");
        assertThat(n.get("polarity").asDouble()).isLessThan(-0.3);
    }

    @Test
    void texts_are_answered_in_order() {
        List<String> texts = List.of(
                "I love this phone and it was the best day",
                "This was the worst day and I hate it",
                "My friend was happy and the show was amazing",
                "The new game was awful and I hate it",
                "The meeting is on Tuesday",
                "The game was great and the movie was the best",
                "My friend was sad and the movie was boring");
        List<String> expected = List.of("positive", "negative", "positive", "negative", "neutral", "positive",
                "negative");

        Reply reply = client.postJson(Map.of("texts", texts));

        assertThat(reply.status()).isEqualTo(200);
        JsonNode results = reply.json().get("results");
        assertThat(results).hasSize(texts.size());
        List<String> labels = new ArrayList<>();
        results.forEach(r -> {
            assertValidResult(r, LABELS);
            labels.add(r.get("label").asText());
        });
        assertThat(labels).isEqualTo(expected);
    }

    /**
     * The scorer puts texts of concurrent requests into one forward pass, so a text must score the
     * same whatever it is batched with. With PyTorch's conv1d (before TextCnn used a matrix product)
     * it did not on the development machine: batches of two or more went through another kernel,
     * and "this made my day 😍" was negative alone but positive in a batch.
     */
    @Test
    void a_text_scores_the_same_alone_and_in_a_batch() {
        List<String> texts = List.of("at the station", "this made my day 😍", "good morning",
                "I hate mondays so much, worst day of the week", "ok");
        JsonNode batch = client.postJson(Map.of("texts", texts)).json().get("results");
        List<String> differences = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            JsonNode alone = client.post(ApiClient.textBody(texts.get(i))).json().get("results").get(0);
            double a = alone.get("polarity").asDouble();
            double b = batch.get(i).get("polarity").asDouble();
            if (Math.abs(a - b) > 1e-3 || !alone.get("label").equals(batch.get(i).get("label"))) {
                differences.add(texts.get(i) + ": alone " + alone + ", in a batch " + batch.get(i));
            }
        }
        assertThat(differences).as("texts whose answer depends on the batch").isEmpty();
    }

    @Test
    void the_binary_model_answers_without_a_neutral_label() {
        Reply reply = client.postJson(Map.of("model", "binary", "texts", List.of(
                "We love the new show and it was a wonderful time",
                "My friend was sad and the movie was boring")));

        assertThat(reply.status()).isEqualTo(200);
        JsonNode body = reply.json();
        assertThat(body.at("/model/name").asText()).isEqualTo("binary");
        JsonNode results = body.get("results");
        results.forEach(r -> assertValidResult(r, BINARY_LABELS));
        assertThat(results.get(0).get("label").asText()).isEqualTo("positive");
        assertThat(results.get(1).get("label").asText()).isEqualTo("negative");
    }

    @Test
    void the_model_can_be_named_explicitly_and_null_means_the_default() {
        JsonNode named = client.post("{\"text\": \"nice\", \"model\": \"binary\"}").json();
        JsonNode nulled = client.post("{\"text\": \"nice\", \"model\": null, \"explain\": null, \"truncate\": null}").json();
        assertThat(named.at("/model/name").asText()).isEqualTo("binary");
        assertThat(nulled.at("/model/name").asText()).isEqualTo("tiny");
        assertThat(nulled.get("results").get(0).has("tokens")).isFalse();
    }

    @Test
    void text_or_texts_sent_as_null_is_left_out() {
        // as clients generated from the API document send the one they do not use
        Reply one = client.post("{\"text\": \"nice\", \"texts\": null}");
        Reply two = client.post("{\"text\": null, \"texts\": [\"nice\", \"awful\"]}");
        assertThat(one.status()).as("%s", one).isEqualTo(200);
        assertThat(one.json().get("results")).hasSize(1);
        assertThat(two.status()).as("%s", two).isEqualTo(200);
        assertThat(two.json().get("results")).hasSize(2);
    }

    @Test
    void explain_gives_each_token_its_contribution() {
        Reply reply = client.postJson(Map.of("text", "I love it", "explain", true));

        assertThat(reply.status()).isEqualTo(200);
        JsonNode result = reply.json().get("results").get(0);
        assertValidResult(result, LABELS);
        JsonNode tokens = result.get("tokens");
        assertThat(tokens).isNotNull().isNotEmpty();
        Map<String, Double> contributions = new LinkedHashMap<>();
        tokens.forEach(t -> {
            assertThat(fieldNames(t)).containsExactlyInAnyOrder("token", "contribution");
            assertThat(t.get("contribution").isNumber()).isTrue();
            contributions.put(t.get("token").asText(), t.get("contribution").asDouble());
        });
        assertThat(contributions).containsKey("love");
        assertThat(contributions.get("love")).isGreaterThan(0.0);
    }

    @Test
    void explain_works_with_the_binary_model_and_for_a_text_without_tokens() {
        Reply binary = client.postJson(Map.of("model", "binary", "text", "a dreadful, boring film", "explain", true));
        assertThat(binary.status()).isEqualTo(200);
        assertThat(binary.json().get("results").get(0).get("tokens")).isNotEmpty();

        Reply empty = client.postJson(Map.of("texts", List.of("", "   "), "explain", true));
        assertThat(empty.status()).isEqualTo(200);
        empty.json().get("results").forEach(r -> {
            assertValidResult(r, LABELS);
            assertThat(r.get("tokens")).isEmpty();
        });
    }

    @Test
    void a_text_at_the_length_limit_is_accepted_and_one_character_more_is_refused() {
        Reply atLimit = client.post(ApiClient.textBody("b".repeat(10_000)));
        assertThat(atLimit.status()).isEqualTo(200);
        assertThat(atLimit.json().get("results").get(0).get("truncated").asBoolean()).isFalse();

        assertError(client.post(ApiClient.textBody("b".repeat(10_001))), 413, "text_too_long");
    }

    @Test
    void the_length_limit_counts_characters_not_utf16_units() {
        Reply emoji = client.post(ApiClient.textBody("😀".repeat(10_000)));
        assertThat(emoji.status()).isEqualTo(200);
        assertThat(emoji.json().get("results").get(0).get("truncated").asBoolean()).isFalse();
    }

    @Test
    void truncate_cuts_a_long_text_instead_of_refusing_it() {
        String longText = "what a great day ".repeat(700);
        assertThat(longText.length()).isGreaterThan(10_000);
        assertError(client.post(ApiClient.textBody(longText)), 413, "text_too_long");

        Reply reply = client.postJson(Map.of("texts", List.of(longText, "short and sweet"), "truncate", true));

        assertThat(reply.status()).isEqualTo(200);
        JsonNode results = reply.json().get("results");
        assertValidResult(results.get(0), LABELS);
        assertThat(results.get(0).get("truncated").asBoolean()).isTrue();
        assertThat(results.get(1).get("truncated").asBoolean()).isFalse();
    }

    @Test
    void truncate_never_splits_a_surrogate_pair() {
        String text = "😀".repeat(10_001);
        Reply reply = client.postJson(Map.of("text", text, "truncate", true, "explain", true));
        assertThat(reply.status()).isEqualTo(200);
        JsonNode result = reply.json().get("results").get(0);
        assertThat(result.get("truncated").asBoolean()).isTrue();
        result.get("tokens").forEach(t -> assertThat(t.get("token").asText()).doesNotContain("\uFFFD"));
    }

    static Stream<String> edgeTexts() {
        return Stream.of(
                "",
                "   \n\t ",
                "😀😀😀",
                "أنا أحب هذا الهاتف كثيرا",
                "אני אוהב את הטלפון הזה",
                "שלום hello مرحبا 123",
                "x".repeat(10_000),
                "!".repeat(10_000),
                "<script>alert(1)</script>",
                "\u0000\u0001\u001b[31m",
                "\u202Eevil\u202C \u200B\u200D\uFEFF",
                "👩‍👩‍👧‍👦🏳️‍🌈 🇫🇷👍🏽",
                "http://example.org/a?b=c @someone #HashTag &amp;amp; <br /> \\u2019");
    }

    @ParameterizedTest
    @MethodSource("edgeTexts")
    void edge_texts_get_a_valid_prediction(String text) {
        Reply reply = client.post(ApiClient.textBody(text));
        assertThat(reply.status()).as("answer %s", reply).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("application/json");
        assertThat(reply.json().get("results")).hasSize(1);
        assertValidResult(reply.json().get("results").get(0), LABELS);
    }

    @ParameterizedTest
    @MethodSource("edgeTexts")
    void edge_texts_can_be_explained(String text) {
        Reply reply = client.postJson(Map.of("text", text, "explain", true));
        assertThat(reply.status()).as("answer %s", reply).isEqualTo(200);
        assertValidResult(reply.json().get("results").get(0), LABELS);
    }

    @ParameterizedTest
    @MethodSource("loneSurrogateBodies")
    void lone_surrogate_escapes_get_a_valid_prediction(String body) {
        Reply reply = client.post(body);
        assertThat(reply.status()).as("answer %s", reply).isEqualTo(200);
        reply.json().get("results").forEach(r -> assertValidResult(r, LABELS));
    }

    static Stream<String> loneSurrogateBodies() {
        return Stream.of(
                "{\"text\": \"\\ud800\"}",
                "{\"text\": \"\\udc00\"}",
                "{\"text\": \"a\\udc00\\ud800b\", \"explain\": true}",
                "{\"texts\": [\"\\ud83d\", \"ok \\ud83d\\ude00 \\ud83d\"]}");
    }

    // ---- errors ------------------------------------------------------------------------------

    static Stream<Arguments> invalidBodies() {
        return Stream.of(
                Arguments.of("{\"text\": ", 400, "malformed_json"),
                Arguments.of("{'text': 'single quotes'}", 400, "malformed_json"),
                Arguments.of("{\"text\": \"a\",}", 400, "malformed_json"),
                Arguments.of("text=hello", 400, "malformed_json"),
                Arguments.of("   ", 400, "malformed_json"),
                Arguments.of("[\"a list\"]", 400, "invalid_body"),
                Arguments.of("\"a string\"", 400, "invalid_body"),
                Arguments.of("null", 400, "invalid_body"),
                Arguments.of("{\"text\": 5}", 400, "invalid_field"),
                Arguments.of("{\"text\": null}", 400, "missing_field"),
                Arguments.of("{\"text\": null, \"texts\": null}", 400, "missing_field"),
                Arguments.of("{\"text\": [\"a\"]}", 400, "invalid_field"),
                Arguments.of("{\"texts\": \"x\"}", 400, "invalid_field"),
                Arguments.of("{\"texts\": [1]}", 400, "invalid_field"),
                Arguments.of("{\"texts\": [\"a\", null]}", 400, "invalid_field"),
                Arguments.of("{\"texts\": []}", 400, "invalid_field"),
                Arguments.of("{\"text\": \"a\", \"texts\": [\"b\"]}", 400, "invalid_field"),
                Arguments.of("{\"text\": \"a\", \"explain\": \"yes\"}", 400, "invalid_field"),
                Arguments.of("{\"text\": \"a\", \"explain\": 1}", 400, "invalid_field"),
                Arguments.of("{\"text\": \"a\", \"truncate\": \"true\"}", 400, "invalid_field"),
                Arguments.of("{\"text\": \"a\", \"model\": 3}", 400, "invalid_field"),
                Arguments.of("{\"text\": \"a\", \"model\": {\"name\": \"tiny\"}}", 400, "invalid_field"),
                Arguments.of("{}", 400, "missing_field"),
                Arguments.of("{\"model\": \"tiny\"}", 400, "missing_field"),
                Arguments.of("{\"text\": \"a\", \"language\": \"en\"}", 400, "unknown_field"),
                Arguments.of("{\"Text\": \"a\"}", 400, "unknown_field"),
                Arguments.of("", 400, "missing_body"),
                Arguments.of("{\"text\": \"a\", \"model\": \"nope\"}", 400, "unknown_model"),
                Arguments.of("{\"text\": \"a\", \"model\": \"\"}", 400, "unknown_model"),
                Arguments.of("{\"text\": \"a\", \"model\": \"../models/tweets\"}", 400, "unknown_model"));
    }

    @ParameterizedTest
    @MethodSource("invalidBodies")
    void invalid_bodies_get_a_json_error_with_status_and_code(String body, int status, String code) {
        assertError(client.post(body), status, code);
    }

    @Test
    void invalid_utf8_is_refused() {
        byte[] prefix = "{\"text\": \"caf".getBytes(StandardCharsets.US_ASCII);
        byte[] body = concat(prefix, new byte[] {(byte) 0xC3, (byte) 0x28}, "\"}".getBytes(StandardCharsets.US_ASCII));
        assertError(client.postBytes(body, "application/json"), 400, "invalid_utf8");

        byte[] overlong = concat(prefix, new byte[] {(byte) 0xC0, (byte) 0xAF}, "\"}".getBytes(StandardCharsets.US_ASCII));
        assertError(client.postBytes(overlong, "application/json"), 400, "invalid_utf8");

        byte[] encodedSurrogate = concat(prefix, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                "\"}".getBytes(StandardCharsets.US_ASCII));
        assertError(client.postBytes(encodedSurrogate, "application/json"), 400, "invalid_utf8");
    }

    @Test
    void a_body_exactly_at_the_limit_is_read() {
        String head = "{\"truncate\": true, \"text\": \"";
        String tail = "\"}";
        String body = head + "z".repeat(MB - head.length() - tail.length()) + tail;
        assertThat(body.getBytes(StandardCharsets.UTF_8)).hasSize(MB);

        Reply reply = client.post(body);

        assertThat(reply.status()).as("answer %s", reply).isEqualTo(200);
        assertThat(reply.json().get("results").get(0).get("truncated").asBoolean()).isTrue();
    }

    @Test
    void a_body_over_1_mb_with_content_length_is_refused() {
        assertError(client.postBytes(largeBody(MB + 1), "application/json"), 413, "body_too_large");
        assertError(client.postBytes(largeBody(3 * MB), "application/json"), 413, "body_too_large");
        assertThat(client.get("/healthz").status()).isEqualTo(200);
    }

    @Test
    void a_chunked_body_over_1_mb_is_refused() {
        byte[] body = largeBody(MB + 1);
        assertError(client.post(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)), "application/json"),
                413, "body_too_large");
        byte[] larger = largeBody(3 * MB);
        assertError(client.post(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(larger)), "application/json"),
                413, "body_too_large");
        assertThat(client.post(ApiClient.textBody("still fine")).status()).isEqualTo(200);
    }

    @Test
    void a_small_chunked_body_is_read() {
        byte[] body = ApiClient.textBody("chunked but fine").getBytes(StandardCharsets.UTF_8);
        Reply reply = client.post(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)), "application/json");
        assertThat(reply.status()).as("answer %s", reply).isEqualTo(200);
    }

    @Test
    void at_most_512_texts_per_request() {
        Reply ok = client.postJson(Map.of("texts", Collections.nCopies(512, "fine")));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().get("results")).hasSize(512);

        assertError(client.postJson(Map.of("texts", Collections.nCopies(513, "too many"))), 413, "too_many_texts");
    }

    @Test
    void at_most_64_texts_per_request_with_explanations() {
        Reply ok = client.postJson(Map.of("texts", Collections.nCopies(64, "so good"), "explain", true));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().get("results")).hasSize(64);

        assertError(client.postJson(Map.of("texts", Collections.nCopies(65, "too many"), "explain", true)),
                413, "too_many_texts");
    }

    @Test
    void explanations_are_limited_to_as_many_token_rows_as_the_queue_holds() {
        // 64 reviews of the 400 tokens the binary model reads would be 25,000 scoring rows, past the queue's 8,192
        String review = "a truly wonderful film with a moving story and brilliant acting . ".repeat(40);
        Reply reply = client.postJson(Map.of("model", "binary", "texts", Collections.nCopies(64, review), "explain", true));
        assertError(reply, 413, "too_many_tokens");
        assertThat(reply.json().get("error").get("message").asText()).contains("8192");
    }

    @Test
    void an_unknown_route_is_a_json_404() {
        for (String path : List.of("/api/v1/nope", "/api/v2/sentiment", "/nope", "/api/v1/models/tiny")) {
            Reply reply = client.get(path);
            assertError(reply, 404, "not_found");
        }
    }

    @Test
    void a_wrong_method_is_a_json_404_or_405() {
        List<HttpRequest> requests = List.of(
                client.request(ApiClient.SENTIMENT).GET().build(),
                client.request(ApiClient.SENTIMENT).PUT(BodyPublishers.ofString("{\"text\": \"a\"}")).build(),
                client.request(ApiClient.SENTIMENT).DELETE().build(),
                client.request("/api/v1/models").POST(BodyPublishers.ofString("{}")).build(),
                client.request("/healthz").DELETE().build());
        for (HttpRequest request : requests) {
            Reply reply = client.send(request);
            assertThat(reply.status()).as("%s %s: %s", request.method(), request.uri(), reply).isIn(404, 405);
            ApiClient.assertErrorShape(reply);
        }
    }

    @Test
    void every_answer_carries_the_security_headers() {
        List<Reply> replies = List.of(
                client.get("/"),
                client.get("/healthz"),
                client.get("/api/v1/models"),
                client.post(ApiClient.textBody("headers")),
                client.post("{"),
                client.get("/nope"));
        for (Reply reply : replies) {
            assertThat(reply.header("Content-Security-Policy")).as("CSP of %s", reply)
                    .isNotNull()
                    .contains("frame-ancestors");
            assertThat(reply.header("X-Content-Type-Options")).as("nosniff on %s", reply).isEqualTo("nosniff");
        }
    }

    @Test
    void cors_is_off_by_default() {
        Reply get = client.send(client.request("/api/v1/models").header("Origin", "https://example.org").GET().build());
        assertThat(get.status()).isEqualTo(200);
        assertThat(get.header("Access-Control-Allow-Origin")).isNull();

        Reply post = client.send(client.request(ApiClient.SENTIMENT).header("Origin", "https://example.org")
                .header("Content-Type", "application/json").POST(BodyPublishers.ofString("{\"text\": \"hi\"}")).build());
        assertThat(post.status()).isEqualTo(200);
        assertThat(post.header("Access-Control-Allow-Origin")).isNull();

        Reply preflight = client.send(preflight(client));
        assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void cors_allows_only_the_configured_origins() throws Exception {
        ServeOptions options = ServeOptions.defaults(0, Map.of("tiny", TinyModel.threeLabels()))
                .withCors(List.of("https://example.org"));
        try (SentimentServer cors = SentimentServer.start(options)) {
            ApiClient corsClient = new ApiClient(cors.port());
            cors.modelsLoaded().get();

            Reply post = corsClient.send(corsClient.request(ApiClient.SENTIMENT).header("Origin", "https://example.org")
                    .header("Content-Type", "application/json").POST(BodyPublishers.ofString("{\"text\": \"hi\"}")).build());
            assertThat(post.status()).isEqualTo(200);
            assertThat(post.header("Access-Control-Allow-Origin")).isEqualTo("https://example.org");

            Reply preflight = corsClient.send(preflight(corsClient));
            assertThat(preflight.status()).isBetween(200, 204);
            assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo("https://example.org");

            Reply other = corsClient.send(corsClient.request("/api/v1/models").header("Origin", "https://evil.example")
                    .GET().build());
            assertThat(other.header("Access-Control-Allow-Origin")).isNull();
        }
    }

    // ---- helpers -----------------------------------------------------------------------------

    private static HttpRequest preflight(ApiClient c) {
        return c.request(ApiClient.SENTIMENT)
                .header("Origin", "https://example.org")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type")
                .method("OPTIONS", BodyPublishers.noBody())
                .build();
    }

    private static JsonNode manifest(Path model) throws Exception {
        return ApiClient.JSON.readTree(Files.readString(model.resolve("manifest.json")));
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** A well-formed sentiment request of exactly {@code size} bytes. */
    private static byte[] largeBody(int size) {
        String head = "{\"text\": \"";
        String tail = "\"}";
        return (head + "y".repeat(size - head.length() - tail.length()) + tail).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
