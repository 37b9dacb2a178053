package io.deepsentiment.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deepsentiment.model.predict.Prediction;
import io.deepsentiment.model.predict.SentimentPredictor;
import java.io.IOException;
import java.io.Reader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job on a real Spark standalone cluster on this machine: a master and two workers (1 core
 * each), JVMs of their own started by scripts/spark-cluster.sh from Maven's Spark jars, and the
 * job submitted by the same script with spark-submit's main class, so that the jar and the model
 * travel to executors in other processes.
 */
class StandaloneClusterIT {

    private static final Path TWEETS = Path.of("models/tweets");
    private static final int FILES = 4;
    private static final int ROWS_PER_FILE = 500;

    @TempDir
    Path dir;

    private Path cluster;

    @AfterEach
    void stopCluster() throws Exception {
        if (cluster != null) {
            run(List.of("bash", "scripts/spark-cluster.sh", "stop", cluster.toString()), dir.resolve("stop.log"), 60);
            // its SPARK_HOME is links into the Maven repository: delete the links, never what they point at
            try (Stream<Path> files = Files.walk(cluster)) {
                for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    @Test
    void a_job_submitted_to_a_two_worker_cluster_scores_every_row_as_predict_does() throws Exception {
        List<String> texts = GeneratedPosts.texts(FILES * ROWS_PER_FILE, 7);
        Path input = Files.createDirectories(dir.resolve("posts"));
        for (int f = 0; f < FILES; f++) {
            try (CSVPrinter csv = new CSVPrinter(Files.newBufferedWriter(input.resolve("part-" + f + ".csv")),
                    CSVFormat.DEFAULT.builder().setHeader("id", "day", "text").get())) {
                for (int i = f * ROWS_PER_FILE; i < (f + 1) * ROWS_PER_FILE; i++) {
                    csv.printRecord(i, "2026-11-0" + (1 + i % 3), texts.get(i));
                }
            }
        }
        cluster = Files.createTempDirectory("spark-cluster");
        int port = freePort();
        Process start = run(List.of("bash", "scripts/spark-cluster.sh", "start", cluster.toString(), "2", "1",
                Integer.toString(port)), dir.resolve("start.log"), 120);
        assertThat(start.exitValue()).as(Files.readString(dir.resolve("start.log"))).isZero();
        String master = "spark://127.0.0.1:" + port;
        assertThat(Files.readString(dir.resolve("start.log"))).contains(master);

        Path output = dir.resolve("scored");
        List<String> submit = List.of("bash", "scripts/spark-cluster.sh", "submit", cluster.toString(),
                "score", "--input", input.toString(), "--format", "csv", "--text-column", "text", "--id-column", "id",
                "--model", TWEETS.toString(), "--output", output.toString(), "--group-by", "day");
        Path log = dir.resolve("submit.log");
        Path stdout = dir.resolve("submit.out");
        ProcessBuilder builder = new ProcessBuilder(submit).redirectError(log.toFile()).redirectOutput(stdout.toFile());
        builder.environment().put("JOB_JAR", System.getProperty("deepsentiment.spark.jar"));
        Process job = builder.start();
        assertThat(job.waitFor(300, TimeUnit.SECONDS)).as("the job ends").isTrue();
        assertThat(job.exitValue()).as(Files.readString(log)).isZero();

        JsonNode summary = new ObjectMapper().readTree(Files.readString(stdout).strip());
        assertThat(summary.get("rows").asLong()).isEqualTo(FILES * ROWS_PER_FILE);
        assertThat(summary.get("errors").asLong()).isZero();
        assertThat(summary.get("groups").asLong()).isEqualTo(3);

        Map<Integer, CSVRecord> scored = new HashMap<>();
        for (CSVRecord record : csvRecords(output)) {
            scored.put(Integer.parseInt(record.get("id")), record);
        }
        assertThat(scored).hasSize(FILES * ROWS_PER_FILE);
        try (SentimentPredictor predictor = SentimentPredictor.load(TWEETS)) {
            List<Prediction> expected = predictor.predict(texts);
            for (int i = 0; i < texts.size(); i++) {
                assertThat(scored.get(i).get("label")).as("row %d", i).isEqualTo(expected.get(i).label());
            }
        }
        // both workers ran an executor, and each fetched and unpacked the model in its own folder
        for (String worker : List.of("worker-1", "worker-2")) {
            try (Stream<Path> files = Files.walk(cluster.resolve(worker))) {
                assertThat(files.filter(p -> p.endsWith(Path.of("tweets.zip", "manifest.json"))).count())
                        .as("executors of %s holding the model", worker).isEqualTo(1);
            }
        }
    }

    private static List<CSVRecord> csvRecords(Path folder) throws IOException {
        List<CSVRecord> records = new ArrayList<>();
        try (Stream<Path> parts = Files.list(folder)) {
            for (Path part : parts.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted().toList()) {
                try (Reader reader = Files.newBufferedReader(part, StandardCharsets.UTF_8)) {
                    CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).forEach(records::add);
                }
            }
        }
        return records;
    }

    private static Process run(List<String> command, Path log, int seconds) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not end in " + seconds + " s: " + Files.readString(log));
        }
        return process;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
