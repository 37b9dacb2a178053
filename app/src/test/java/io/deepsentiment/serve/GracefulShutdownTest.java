package io.deepsentiment.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.deepsentiment.testing.TinyModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Stopping the service lets the requests already in flight finish with their answers. The test
 * holds a request open itself (half its body sent), stops the server, sees the port close for
 * new connections, and only then sends the rest.
 */
class GracefulShutdownTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void a_request_in_flight_when_the_service_stops_still_gets_its_answer() throws Exception {
        SentimentServer server = SentimentServer.start(
                ServeOptions.defaults(0, Map.of("tiny", TinyModel.threeLabels())).withRateLimit(0, 1));
        server.modelsLoaded().get(60, TimeUnit.SECONDS);
        int port = server.port();
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            texts.add("what a wonderful day number " + i + ", " + "really ".repeat(20));
        }
        byte[] body = JSON.writeValueAsBytes(Map.of("texts", texts));
        int half = body.length / 2;

        CompletableFuture<Void> stopped;
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/sentiment HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, half);
            out.flush();
            awaitAnotherActiveRequest(port);

            stopped = CompletableFuture.runAsync(server::close);
            awaitPortClosed(port);
            assertThat(stopped).as("the server waits for the request in flight").isNotDone();

            out.write(body, half, body.length - half);
            out.flush();
            String response = read(socket.getInputStream());
            assertThat(response).startsWith("HTTP/1.1 200");
            String json = response.substring(response.indexOf("\r\n\r\n") + 4);
            assertThat(JSON.readTree(json).get("results")).hasSize(100);
        }
        stopped.get(30, TimeUnit.SECONDS);
    }

    /** Polls /metrics until a request besides the poll itself is being answered. */
    private static void awaitAnotherActiveRequest(int port) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest metrics = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build();
        for (int attempt = 0; attempt < 300; attempt++) {
            for (String line : http.send(metrics, HttpResponse.BodyHandlers.ofString()).body().split("\n")) {
                if (line.startsWith("http_server_requests_active ") && Double.parseDouble(line.split(" ")[1]) >= 2) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the held request never became active");
    }

    /** Waits until new connections are refused: the server has begun to stop. */
    private static void awaitPortClosed(int port) throws InterruptedException {
        for (int attempt = 0; attempt < 500; attempt++) {
            try (Socket probe = new Socket("127.0.0.1", port)) {
                Thread.sleep(10);
            } catch (ConnectException e) {
                return;
            } catch (IOException e) {
                return;
            }
        }
        throw new AssertionError("the port never closed");
    }

    private static String read(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
}
