package io.deepsentiment.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts the service exactly as a platform would from the {@code Procfile} (Heroku runs the web
 * line with bash, PORT set), and checks that the Dockerfile runs the same command, not as root.
 */
class ProcfileIT {

    private static final Path REPO = Path.of("").toAbsolutePath(); // failsafe runs in the repository root
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final List<Path> links = new ArrayList<>();
    private Process process;
    private Path output;

    @TempDir
    Path home;

    @Test
    void the_procfile_web_command_serves_the_api_on_PORT() throws Exception {
        // The web line names app/target/deepsentiment.jar, relative to the working directory. The
        // jar under test is the one this build packaged (the deepsentiment.jar property), which is
        // not in app/target/ when the build uses -DbuildDir=..., and app/target/ may belong to
        // another build. So the line runs verbatim in a directory laid out like a checkout:
        // app/target/deepsentiment.jar and models/ are symlinks to the packaged jar and to the
        // repository's models.
        Path jar = Path.of(System.getProperty("deepsentiment.jar", "app/target/deepsentiment.jar")).toAbsolutePath();
        assertThat(jar).as("the packaged jar (run with mvn verify)").isRegularFile();
        Files.createDirectories(home.resolve("app/target"));
        links.add(Files.createSymbolicLink(home.resolve("app/target/deepsentiment.jar"), jar));
        links.add(Files.createSymbolicLink(home.resolve("models"), REPO.resolve("models")));

        int port = freePort();
        output = home.resolve("web.log");
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", webCommand())
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().put("PORT", Integer.toString(port));
        builder.environment().put("JAVA_OPTS", "-Xmx1g");
        process = builder.start();

        URI base = URI.create("http://127.0.0.1:" + port);
        awaitReady(base.resolve("/readyz"));

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/sentiment"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"text\": \"I love this, what a wonderful day! Best thing ever :)\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode result = JSON.readTree(response.body()).path("results").path(0);
        assertThat(result.path("label").asText()).as(response.body()).isEqualTo("positive");

        List<ProcessHandle> all = stop();
        assertThat(all).as("the web process and its children have exited").noneMatch(ProcessHandle::isAlive);
    }

    @Test
    void the_dockerfile_runs_the_procfile_web_command_as_a_user_that_is_not_root() throws IOException {
        List<String> stage = runtimeStage(Files.readAllLines(REPO.resolve("Dockerfile")));

        List<String> cmd = instructions(stage, "CMD");
        assertThat(cmd).as("one CMD in the runtime stage").hasSize(1);
        List<String> argv = List.of(JSON.readValue(cmd.get(0), String[].class));
        assertThat(argv).as("exec form through sh, so $PORT and $JAVA_OPTS expand").hasSize(3)
                .startsWith("sh", "-c");
        // `exec` only replaces sh by java (so java gets docker stop's SIGTERM); the command is the same.
        String command = argv.get(2).strip().replaceFirst("^exec\\s+", "");
        assertThat(normalized(command)).isEqualTo(normalized(webCommand()));

        List<String> users = instructions(stage, "USER");
        assertThat(users).as("the runtime stage sets a USER").isNotEmpty();
        String user = users.get(users.size() - 1).split(":")[0].strip();
        assertThat(user).as("the user the container runs as").isNotIn("root", "0");
    }

    @AfterEach
    void cleanUp() throws Exception {
        try {
            if (process != null) {
                stop();
            }
        } finally {
            // Remove the links before @TempDir deletes the directory, so that nothing can ever
            // delete through them into the repository's models or the build output.
            for (Path link : links) {
                Files.deleteIfExists(link);
            }
        }
    }

    /** The command of the Procfile's {@code web:} line. */
    private static String webCommand() throws IOException {
        return Files.readAllLines(REPO.resolve("Procfile")).stream()
                .filter(line -> line.startsWith("web:"))
                .map(line -> line.substring("web:".length()).strip())
                .findFirst()
                .orElseThrow(() -> new AssertionError("the Procfile has no web: line"));
    }

    private void awaitReady(URI readyz) throws Exception {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        HttpRequest request = HttpRequest.newBuilder(readyz).timeout(Duration.ofSeconds(2)).build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail("the web process exited with " + process.exitValue() + " before it was ready:\n" + processOutput());
            }
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (ConnectException e) {
                // the port is not open yet
            }
            Thread.sleep(200);
        }
        fail("GET " + readyz + " did not answer 200 within " + READY_TIMEOUT.toSeconds() + " s:\n" + processOutput());
    }

    /**
     * Stops the web process and everything it started (bash may run java as a child rather than
     * exec it), politely first: SIGTERM lets the server finish requests in flight. Returns every
     * process that was stopped.
     */
    private List<ProcessHandle> stop() throws InterruptedException {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroy);
        boolean exited = process.waitFor(30, TimeUnit.SECONDS);
        for (ProcessHandle handle : all) {
            try {
                handle.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                exited = false;
            }
        }
        if (!exited) {
            all.forEach(ProcessHandle::destroyForcibly);
        }
        process = null;
        assertThat(exited).as("the web process exits within 30 s of SIGTERM").isTrue();
        return all;
    }

    private String processOutput() {
        try {
            return output == null ? "" : Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(output unreadable: " + e.getMessage() + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The lines after the last FROM, with backslash continuations joined and comments dropped. */
    private static List<String> runtimeStage(List<String> dockerfile) {
        List<String> joined = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : dockerfile) {
            String stripped = line.strip();
            if (current.length() == 0 && (stripped.isEmpty() || stripped.startsWith("#"))) {
                continue;
            }
            if (stripped.endsWith("\\")) {
                current.append(stripped, 0, stripped.length() - 1).append(' ');
            } else {
                joined.add(current.append(stripped).toString());
                current.setLength(0);
            }
        }
        int from = -1;
        for (int i = 0; i < joined.size(); i++) {
            if (keyword(joined.get(i)).equals("FROM")) {
                from = i;
            }
        }
        assertThat(from).as("the Dockerfile has a FROM").isNotNegative();
        return joined.subList(from, joined.size());
    }

    /** The arguments of every {@code keyword} instruction, in order. */
    private static List<String> instructions(List<String> stage, String keyword) {
        return stage.stream()
                .filter(line -> keyword(line).equals(keyword))
                .map(line -> line.substring(keyword.length()).strip())
                .toList();
    }

    private static String keyword(String line) {
        return line.split("\\s+", 2)[0].toUpperCase();
    }

    private static String normalized(String command) {
        return command.strip().replaceAll("\\s+", " ");
    }
}
