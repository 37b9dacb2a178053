package io.deepsentiment.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A small HTTP client for the tests: talks to a real {@link SentimentServer} on localhost over
 * HTTP/1.1 and returns status, headers and body. Nothing of the server is mocked.
 */
final class ApiClient {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String SENTIMENT = "/api/v1/sentiment";

    private final HttpClient http;
    private final String base;

    ApiClient(int port) {
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        this.base = "http://localhost:" + port;
    }

    /** An answer of the server. */
    record Reply(int status, HttpHeaders headers, String body) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (JsonProcessingException e) {
                throw new AssertionError("status " + status + ": the body is not JSON: " + abbreviate(body), e);
            }
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        String contentType() {
            return header("Content-Type");
        }

        /** The {@code error.code} of an error answer, after checking the error shape. */
        String errorCode() {
            assertErrorShape(this);
            return json().get("error").get("code").asText();
        }

        @Override
        public String toString() {
            return status + " " + abbreviate(body);
        }
    }

    URI uri(String path) {
        return URI.create(base + path);
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60));
    }

    Reply get(String path) {
        return send(request(path).GET().build());
    }

    /** POSTs a JSON text to the sentiment route. */
    Reply post(String json) {
        return send(request(SENTIMENT).header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build());
    }

    /** POSTs an object (a Map or a JsonNode) serialised by Jackson to the sentiment route. */
    Reply postJson(Object body) {
        try {
            return post(JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    Reply postBytes(byte[] body, String contentType) {
        return post(BodyPublishers.ofByteArray(body), contentType);
    }

    Reply post(BodyPublisher body, String contentType) {
        HttpRequest.Builder request = request(SENTIMENT).POST(body);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request.build());
    }

    Reply send(HttpRequest request) {
        try {
            var response = http.send(request, BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The body of a sentiment request with one text. */
    static String textBody(String text) {
        return write(Map.of("text", text));
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Every error answer is exactly {"error": {"code": "...", "message": "..."}} in JSON. */
    static void assertErrorShape(Reply reply) {
        assertThat(reply.contentType()).as("content type of %s", reply).startsWith("application/json");
        JsonNode root = reply.json();
        assertThat(root.isObject()).as("error body %s", reply).isTrue();
        assertThat(fieldNames(root)).as("error body %s", reply).containsExactly("error");
        JsonNode error = root.get("error");
        assertThat(fieldNames(error)).as("error body %s", reply).containsExactlyInAnyOrder("code", "message");
        assertThat(error.get("code").isTextual()).as("error code of %s", reply).isTrue();
        assertThat(error.get("code").asText()).as("error code of %s", reply).matches("[a-z0-9_]+");
        assertThat(error.get("message").isTextual()).as("error message of %s", reply).isTrue();
        assertThat(error.get("message").asText()).as("error message of %s", reply).isNotBlank();
    }

    /** A valid result: a label of the model, polarity in [-1, 1] = P(pos) - P(neg), probabilities summing to 1. */
    static void assertValidResult(JsonNode result, List<String> labels) {
        assertThat(result.get("label").asText()).isIn(labels);
        JsonNode probabilities = result.get("probabilities");
        assertThat(fieldNames(probabilities)).containsExactlyElementsOf(labels);
        double sum = 0;
        double best = -1;
        String bestLabel = null;
        for (String label : labels) {
            double p = probabilities.get(label).asDouble(-1);
            assertThat(p).as("P(%s)", label).isBetween(0.0, 1.0);
            sum += p;
            if (p > best) {
                best = p;
                bestLabel = label;
            }
        }
        assertThat(sum).isCloseTo(1.0, within(1e-3));
        assertThat(probabilities.get(result.get("label").asText()).asDouble()).isCloseTo(best, within(1e-4));
        assertThat(bestLabel).isNotNull();
        double polarity = result.get("polarity").asDouble(Double.NaN);
        assertThat(polarity).isBetween(-1.0, 1.0);
        double positive = probabilities.get("positive").asDouble();
        double negative = probabilities.get("negative").asDouble();
        assertThat(polarity).isCloseTo(positive - negative, within(2e-4));
        assertThat(result.get("truncated").isBoolean()).isTrue();
    }

    /** Asserts the status and the error code of an error answer, and its shape. */
    static void assertError(Reply reply, int status, String code) {
        assertThat(reply.status()).as("status of %s", reply).isEqualTo(status);
        assertThat(reply.errorCode()).as("error code of %s", reply).isEqualTo(code);
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    static String abbreviate(String s) {
        if (s == null) {
            return "null";
        }
        return s.length() <= 300 ? s : s.substring(0, 300) + "... (" + s.length() + " chars)";
    }
}
