package io.deepsentiment.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.deepsentiment.testing.TinyModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Jetty's limits against clients that try to hold the server: huge headers, connections left
 * open and silent, bodies sent a byte at a time, more connections than the server takes. The
 * server runs with small limits so that each case shows quickly.
 */
class HttpLimitsTest {

    private static final HttpLimits SMALL = new HttpLimits(Duration.ofMillis(500), 4096, 24, 30, 2000);
    private static SentimentServer server;

    @BeforeAll
    static void start() throws Exception {
        server = SentimentServer.start(ServeOptions.defaults(0, Map.of("tiny", TinyModel.threeLabels()))
                .withRateLimit(0, 1).withHttpLimits(SMALL));
        server.modelsLoaded().get(60, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void headers_beyond_the_limit_get_431() throws IOException {
        String response = exchange("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Padding: " + "a".repeat(8000)
                + "\r\nConnection: close\r\n\r\n");
        assertThat(response).startsWith("HTTP/1.1 431");
        assertThat(exchange("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Padding: " + "a".repeat(1000)
                + "\r\nConnection: close\r\n\r\n")).startsWith("HTTP/1.1 200");
    }

    @Test
    void a_silent_connection_is_closed_by_the_server() throws IOException {
        try (Socket socket = connect()) {
            assertThat(socket.getInputStream().read()).as("the server closes the connection").isEqualTo(-1);
        }
    }

    @Test
    void bodies_trickling_in_on_more_connections_than_threads_do_not_stop_others_from_being_served()
            throws Exception {
        int slow = 2 * SMALL.maxThreads();
        ExecutorService trickle = Executors.newFixedThreadPool(slow);
        try {
            List<Future<String>> cut = new ArrayList<>();
            for (int i = 0; i < slow; i++) {
                cut.add(trickle.submit(HttpLimitsTest::trickleBody));
            }
            Thread.sleep(500);
            for (int i = 0; i < 5; i++) {
                assertThat(exchange("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
                        .startsWith("HTTP/1.1 200");
            }
            for (Future<String> each : cut) {
                // cut off: 408, or the connection closed, well before the body could have arrived
                assertThat(each.get(60, TimeUnit.SECONDS)).matches("(?s)(HTTP/1.1 (408|400|500).*|closed)");
            }
        } finally {
            trickle.shutdownNow();
        }
    }

    @Test
    void more_idle_connections_than_the_limit_do_not_lock_out_a_new_client() throws Exception {
        List<Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < 3 * SMALL.maxConnections(); i++) {
                idle.add(connect());
            }
            assertThat(exchange("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
                    .startsWith("HTTP/1.1 200");
        } finally {
            for (Socket s : idle) {
                s.close();
            }
        }
    }

    /** A POST of 100 kB sent 10 bytes every 100 ms (100 B/s, below the 2,000 B/s minimum). */
    private static String trickleBody() throws IOException, InterruptedException {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/sentiment HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 100000\r\n\r\n{\"text\": \"").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            for (int i = 0; i < 1000; i++) {
                try {
                    out.write("aaaaaaaaaa".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (IOException e) {
                    return "closed";
                }
                if (socket.getInputStream().available() > 0) {
                    return read(socket.getInputStream());
                }
                Thread.sleep(100);
            }
            return "never cut off";
        }
    }

    private static String exchange(String request) throws IOException {
        try (Socket socket = connect()) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return read(socket.getInputStream());
        }
    }

    private static String read(InputStream in) throws IOException {
        StringBuilder text = new StringBuilder();
        byte[] buffer = new byte[8192];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                text.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
            }
        } catch (SocketTimeoutException | java.net.SocketException e) {
            // what was read so far is the answer
        }
        return text.length() == 0 ? "closed" : text.toString();
    }

    private static Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", server.port());
        socket.setSoTimeout(30_000);
        return socket;
    }
}
