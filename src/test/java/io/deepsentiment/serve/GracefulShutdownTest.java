package io.deepsentiment.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Stopping the service lets the requests already in flight finish with their answers. */
class GracefulShutdownTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void requestsInFlightWhenTheServiceStopsStillGetTheirAnswers() throws Exception {
        SentimentServer server = SentimentServer.start(
                ServeOptions.defaults(0, Map.of("reviews", Path.of("models/reviews"))).withRateLimit(0, 1));
        server.modelsLoaded().get(60, TimeUnit.SECONDS);
        // Explanations of 16 reviews of about 100 tokens: a row per token, about a second of work,
        // well inside the 15 s the server gives requests in flight when it stops.
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            texts.add(("A wonderful film with a moving story number " + i + ", though the ending drags. ").repeat(6));
        }
        String body = JSON.writeValueAsString(Map.of("texts", texts, "explain", true));
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/v1/sentiment"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        CompletableFuture<HttpResponse<String>> inFlight = http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        awaitAnotherActiveRequest(http, server.port());

        server.close();

        HttpResponse<String> response = inFlight.get(60, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("results")).hasSize(16);
        assertThat(inFlight.isDone()).isTrue();
        // And the port is closed for new requests.
        assertThat(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()))
                .failsWithin(10, TimeUnit.SECONDS);
    }

    /** Polls /metrics until a request besides the poll itself is being answered. */
    private static void awaitAnotherActiveRequest(HttpClient http, int port) throws Exception {
        HttpRequest metrics = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build();
        for (int attempt = 0; attempt < 300; attempt++) {
            for (String line : http.send(metrics, HttpResponse.BodyHandlers.ofString()).body().split("\n")) {
                if (line.startsWith("http_server_requests_active ") && Double.parseDouble(line.split(" ")[1]) >= 2) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the long request never became active");
    }
}
