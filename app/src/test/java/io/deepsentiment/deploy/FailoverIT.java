package io.deepsentiment.deploy;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.deepsentiment.hashtag.store.DatabaseConfig;
import io.deepsentiment.hashtag.store.PostgresSchema;
import io.deepsentiment.testing.MastodonFixtures;
import io.deepsentiment.testing.SyntheticSentiment;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code serve} processes on one PostgreSQL behind a real nginx (the repository's
 * {@code deploy/nginx/deepsentiment.conf}), round-robin. Fifty analyses are posted through nginx
 * against a slow Mastodon (WireMock); one instance is killed with SIGKILL while it runs some of
 * them and started again later. Every analysis must end done exactly once, none lost, none
 * duplicated, and the clients must see only 2xx, or 503 with Retry-After, throughout.
 */
class FailoverIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ANALYSES = 50;
    private static final int LEASE_SECONDS = 3;
    private static final Path REPO = Path.of("").toAbsolutePath();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Process> processes = new CopyOnWriteArrayList<>();
    private final List<Path> logs = new CopyOnWriteArrayList<>();
    private final List<String> unexpected = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger unavailable = new java.util.concurrent.atomic.AtomicInteger();
    private WireMockServer mastodon;
    private PostgresSchema schema;

    @TempDir
    Path dir;

    @AfterEach
    void stopEverything() throws Exception {
        // SIGTERM first: nginx's master then stops its workers (after a SIGKILL they would be left running)
        for (Process p : processes) {
            p.destroy();
        }
        for (Process p : processes) {
            if (!p.waitFor(15, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        if (mastodon != null) {
            mastodon.stop();
        }
        if (schema != null) {
            schema.close();
        }
    }

    @Test
    void an_instance_killed_mid_analysis_loses_nothing_and_finishes_nothing_twice() throws Exception {
        startSlowMastodon();
        schema = PostgresSchema.create();
        Path model = trainTinyModel();
        int portA = freePort();
        int portB = freePort();
        Process a = startInstance("a", portA, model);
        Process b = startInstance("b", portB, model);
        int front = freePort();
        startNginx(front, portA, portB);
        awaitReady(portA);
        awaitReady(portB);
        String base = "http://127.0.0.1:" + front;

        Map<String, String> ids = new ConcurrentHashMap<>(); // hashtag -> analysis id
        AtomicBoolean polling = new AtomicBoolean(true);
        Thread poller = new Thread(() -> pollWhileRunning(base, ids, polling), "poller");
        poller.start();
        for (int i = 0; i < ANALYSES / 2; i++) {
            submit(base, "tag" + i, ids);
        }
        Map<String, String> lost = awaitRunningOn(a.pid(), Duration.ofSeconds(60));
        a.destroyForcibly(); // SIGKILL
        long killedAt = System.nanoTime();
        a.waitFor(10, TimeUnit.SECONDS);
        java.util.concurrent.CompletableFuture<Double> resumed = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return awaitResumed(lost.keySet(), a.pid(), killedAt, Duration.ofSeconds(60));
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        for (int i = ANALYSES / 2; i < ANALYSES; i++) {
            submit(base, "tag" + i, ids);
            Thread.sleep(40);
        }
        double resumedAfter = resumed.get(90, TimeUnit.SECONDS);
        Process again = startInstance("a-again", portA, model);
        awaitAllDone(base, ids, Duration.ofSeconds(180));
        polling.set(false);
        poller.join(10_000);
        System.out.printf("failover: %d analyses running on the killed instance resumed %.1f s after SIGKILL"
                + " (lease %d s); all %d done %.1f s after it; clients saw %d answers 503 with Retry-After%n",
                lost.size(), resumedAfter, LEASE_SECONDS, ANALYSES, (System.nanoTime() - killedAt) / 1e9,
                unavailable.get());

        assertThat(unexpected).as("responses through nginx other than 2xx or 503 with Retry-After").isEmpty();
        assertThat(ids).hasSize(ANALYSES);
        try (Connection db = connect()) {
            Map<String, Integer> rowsPerTag = new HashMap<>();
            Map<String, Integer> attempts = new HashMap<>();
            Map<String, String> finishedBy = new HashMap<>();
            Set<Integer> postsPerAnalysis = new HashSet<>();
            try (PreparedStatement select = db.prepareStatement(
                    "SELECT hashtag, id, status, attempts, lease_owner, posts FROM analyses");
                    ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    rowsPerTag.merge(row.getString("hashtag"), 1, Integer::sum);
                    assertThat(row.getString("status")).as(row.getString("hashtag")).isEqualTo("done");
                    postsPerAnalysis.add(row.getInt("posts"));
                    attempts.put(row.getString("id"), row.getInt("attempts"));
                    finishedBy.put(row.getString("id"), row.getString("lease_owner"));
                }
            }
            // every analysis read the same pages: resumed ones were not counted twice
            assertThat(postsPerAnalysis).hasSize(1);
            assertThat(postsPerAnalysis.iterator().next()).isPositive();
            assertThat(rowsPerTag).hasSize(ANALYSES);
            assertThat(rowsPerTag.values()).as("analyses per hashtag").containsOnly(1);
            for (String id : lost.keySet()) {
                assertThat(attempts.get(id)).as("attempts of " + id).isGreaterThanOrEqualTo(2);
                assertThat(finishedBy.get(id)).as("finished by").doesNotContain("-" + a.pid() + "-");
            }
        }
        for (String tag : List.of("tag0", "tag" + (ANALYSES - 1))) {
            JsonNode history = JSON.readTree(send(base + "/api/v1/hashtags/" + tag + "/history").body());
            assertThat(history.get("analyses")).hasSize(1);
        }
        assertThat(again.isAlive()).isTrue();
        assertThat(b.isAlive()).isTrue();
    }

    private void submit(String base, String tag, Map<String, String> ids) throws Exception {
        String body = "{\"hashtag\": \"" + tag + "\", \"source\": \"mastodon\", \"limit\": 100}";
        for (int attempt = 0; attempt < 30; attempt++) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/analyses"))
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (check(response)) {
                ids.put(tag, JSON.readTree(response.body()).get("id").asText());
                return;
            }
            Thread.sleep(1000L * Integer.parseInt(response.headers().firstValue("Retry-After").orElse("1")));
        }
        throw new AssertionError("no instance took the analysis of #" + tag);
    }

    /** True for 2xx; false for 503 with Retry-After; anything else is recorded as unexpected. */
    private boolean check(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return true;
        }
        if (status == 503) {
            unavailable.incrementAndGet();
        }
        if (status != 503 || response.headers().firstValue("Retry-After").isEmpty()) {
            unexpected.add(response.request().method() + " " + response.uri().getPath() + " -> " + status + " "
                    + response.body());
        }
        return false;
    }

    private void pollWhileRunning(String base, Map<String, String> ids, AtomicBoolean polling) {
        while (polling.get()) {
            for (String id : List.copyOf(ids.values())) {
                try {
                    check(send(base + "/api/v1/analyses/" + id));
                } catch (IOException e) {
                    unexpected.add("GET " + id + ": " + e);
                } catch (InterruptedException e) {
                    return;
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void awaitAllDone(String base, Map<String, String> ids, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Set<String> left = new HashSet<>(ids.values());
        while (!left.isEmpty()) {
            assertThat(System.nanoTime()).as("analyses still unfinished: " + left + "\n" + logTails()).isLessThan(deadline);
            for (String id : List.copyOf(left)) {
                HttpResponse<String> response = send(base + "/api/v1/analyses/" + id);
                if (check(response)) {
                    String status = JSON.readTree(response.body()).get("status").asText();
                    assertThat(status).as("analysis " + id + ": " + response.body()).isNotEqualTo("failed");
                    if (status.equals("done")) {
                        left.remove(id);
                    }
                }
            }
            Thread.sleep(200);
        }
    }

    /** Waits until the instance of that process runs at least one analysis; returns id -> hashtag. */
    private Map<String, String> awaitRunningOn(long pid, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Map<String, String> running = runningOn(pid);
            if (!running.isEmpty()) {
                return running;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("instance " + pid + " never ran an analysis\n" + logTails());
    }

    private Map<String, String> runningOn(long pid) throws SQLException {
        Map<String, String> running = new LinkedHashMap<>();
        try (Connection db = connect(); PreparedStatement select = db.prepareStatement(
                "SELECT id, hashtag FROM analyses WHERE status = 'running' AND lease_owner LIKE ?")) {
            select.setString(1, "%-" + pid + "-%");
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    running.put(row.getString("id"), row.getString("hashtag"));
                }
            }
        }
        return running;
    }

    /** Seconds from the kill until every analysis the dead instance held was claimed by another one. */
    private double awaitResumed(Set<String> lost, long deadPid, long killedAt, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Set<String> waiting = new HashSet<>(lost);
        while (!waiting.isEmpty()) {
            assertThat(System.nanoTime()).as("not resumed: " + waiting + "\n" + logTails()).isLessThan(deadline);
            try (Connection db = connect(); PreparedStatement select = db.prepareStatement(
                    "SELECT id, lease_owner, status FROM analyses WHERE id = ANY (?)")) {
                select.setArray(1, db.createArrayOf("text", waiting.toArray()));
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        String owner = row.getString("lease_owner");
                        if (owner != null && !owner.contains("-" + deadPid + "-")) {
                            waiting.remove(row.getString("id"));
                        }
                    }
                }
            }
            Thread.sleep(50);
        }
        return (System.nanoTime() - killedAt) / 1e9;
    }

    private HttpResponse<String> send(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void startSlowMastodon() {
        mastodon = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
        mastodon.start();
        String tag = "/api/v1/timelines/tag/.*";
        mastodon.stubFor(get(urlPathMatching(tag)).withQueryParam("max_id", absent())
                .willReturn(page(MastodonFixtures.page(0, 40).toString())));
        mastodon.stubFor(get(urlPathMatching(tag)).withQueryParam("max_id", equalTo(MastodonFixtures.lastId(0, 40)))
                .willReturn(page(MastodonFixtures.page(40, 20).toString())));
        mastodon.stubFor(get(urlPathMatching(tag)).withQueryParam("max_id", equalTo(MastodonFixtures.lastId(40, 20)))
                .willReturn(page("[]")));
    }

    /** A page that takes most of a second, so that analyses are mid-flight when the instance dies. */
    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder page(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body)
                .withFixedDelay(700);
    }

    /** A small model made here: the test needs a model, not the shipped weights. */
    private Path trainTinyModel() throws Exception {
        List<String> labels = List.of("negative", "neutral", "positive");
        Path train = SyntheticSentiment.csv(dir.resolve("train.csv"), labels, 300, 1);
        Path dev = SyntheticSentiment.csv(dir.resolve("dev.csv"), labels, 60, 2);
        Path out = dir.resolve("tiny-model");
        Process p = java(List.of("train", "--name", "tiny", "--out", out.toString(), "--train", "csv:" + train,
                "--dev", "csv:" + dev, "--dim", "16", "--filters", "8", "--epochs", "2"), Map.of(), "train");
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(logTails()).isZero();
        return out;
    }

    private Process startInstance(String name, int port, Path model) throws IOException {
        DatabaseConfig db = schema.config();
        Map<String, String> env = new HashMap<>();
        env.put("DATABASE_URL", db.jdbcUrl() + "&user=" + db.user());
        env.put("MASTODON_INSTANCE", mastodon.baseUrl());
        return java(List.of("serve", "--host", "127.0.0.1", "--port", Integer.toString(port), "--models",
                "tiny=" + model, "--rate-limit", "0", "--workers", "1", "--analysis-lease",
                Integer.toString(LEASE_SECONDS)), env, name);
    }

    private Process java(List<String> args, Map<String, String> env, String name) throws IOException {
        Path jar = Path.of(System.getProperty("deepsentiment.jar", "app/target/deepsentiment.jar")).toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1", "-jar", jar.toString()));
        command.addAll(args);
        Path log = dir.resolve(name + ".log");
        logs.add(log);
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        processes.add(process);
        return process;
    }

    private void startNginx(int front, int portA, int portB) throws Exception {
        String site = Files.readString(REPO.resolve("deploy/nginx/deepsentiment.conf"))
                .replace("server 127.0.0.1:8081", "server 127.0.0.1:" + portA)
                .replace("server 127.0.0.1:8082", "server 127.0.0.1:" + portB)
                .replace("listen 127.0.0.1:8080", "listen 127.0.0.1:" + front);
        Path conf = dir.resolve("nginx");
        Files.createDirectories(conf.resolve("temp"));
        Files.writeString(conf.resolve("site.conf"), site);
        String t = conf.resolve("temp").toString();
        Files.writeString(conf.resolve("nginx.conf"), String.join("\n",
                "daemon off;", "worker_processes 1;", "pid " + conf.resolve("nginx.pid") + ";",
                "error_log " + conf.resolve("error.log") + " warn;",
                "events { worker_connections 512; }",
                "http {",
                "  access_log " + conf.resolve("access.log") + ";",
                "  client_body_temp_path " + t + "/body;", "  proxy_temp_path " + t + "/proxy;",
                "  fastcgi_temp_path " + t + "/fastcgi;", "  uwsgi_temp_path " + t + "/uwsgi;",
                "  scgi_temp_path " + t + "/scgi;",
                "  include " + conf.resolve("site.conf") + ";",
                "}", ""));
        Path nginx = Path.of("/usr/sbin/nginx");
        assertThat(nginx).as("nginx (apt-get install nginx-light; .ci/run installs it)").isExecutable();
        Path log = conf.resolve("nginx.out");
        logs.add(log);
        Process process = new ProcessBuilder(nginx.toString(), "-p", conf.toString(), "-c", conf.resolve("nginx.conf")
                .toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        processes.add(process);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (java.net.Socket ignored = new java.net.Socket("127.0.0.1", front)) {
                return;
            } catch (IOException e) {
                assertThat(process.isAlive()).as("nginx stopped: " + Files.readString(log)).isTrue();
                assertThat(System.nanoTime()).as("nginx did not listen").isLessThan(deadline);
                Thread.sleep(50);
            }
        }
    }

    private void awaitReady(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (true) {
            try {
                if (send("http://127.0.0.1:" + port + "/readyz").statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            assertThat(System.nanoTime()).as("instance on " + port + " not ready\n" + logTails()).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private Connection connect() throws SQLException {
        DatabaseConfig db = schema.config();
        return DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
    }

    private String logTails() {
        StringBuilder out = new StringBuilder();
        for (Path log : logs) {
            try {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                out.append("--- ").append(log.getFileName()).append('\n')
                        .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())))
                        .append('\n');
            } catch (IOException e) {
                out.append("--- ").append(log.getFileName()).append(": ").append(e.getMessage()).append('\n');
            }
        }
        return out.toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
