package io.deepsentiment.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.deepsentiment.model.predict.Prediction;
import io.deepsentiment.model.predict.SentimentPredictor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The score job on a local[2] Spark session against predict, with a small model made in the test
 * ({@link UntrainedModel}): every expected answer is that model's own prediction.
 */
class ScoreJobTest {

    private static final int ROWS = 3_000;

    private static Path model;
    private static SparkSession spark;
    private static String shipped;
    private static List<String> texts;
    private static SentimentPredictor predictor;

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    @BeforeAll
    static void startSpark() throws IOException {
        SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("ScoreJobTest")
                .set("spark.ui.enabled", "false").set("spark.sql.shuffle.partitions", "4");
        texts = GeneratedPosts.texts(ROWS, 42);
        model = UntrainedModel.write(shared.resolve("tiny"), "tiny", texts);
        shipped = ModelArchive.ship(conf, model);
        spark = SparkSession.builder().config(conf).getOrCreate();
        predictor = SentimentPredictor.load(model);
        // the same rows in the three input formats, in 4 files each
        Dataset<Row> rows = spark.createDataFrame(rowsOf(texts), schema()).repartition(4);
        rows.write().option("header", "true").csv(shared.resolve("in.csv").toString());
        rows.write().json(shared.resolve("in.json").toString());
        rows.write().parquet(shared.resolve("in.parquet").toString());
    }

    @AfterAll
    static void stopSpark() {
        if (predictor != null) {
            predictor.close();
        }
        if (spark != null) {
            spark.stop();
        }
    }

    @Test
    void the_model_gives_the_texts_different_answers_so_that_a_mixed_up_row_shows() {
        List<Prediction> predictions = predictor.predict(texts);
        Set<String> labels = new HashSet<>();
        Set<Long> polarities = new HashSet<>();
        for (Prediction p : predictions) {
            labels.add(p.label());
            polarities.add(Math.round(p.polarity() * 10_000));
        }
        assertThat(labels).hasSizeGreaterThan(1);
        assertThat(polarities.size()).as("distinct polarities among %d texts", ROWS).isGreaterThan(1_000);
    }

    @Test
    void every_row_gets_the_label_of_predict_and_its_probabilities_within_1e_5() {
        JobSummary summary = score(options("csv", "parquet", dir.resolve("out")));

        assertThat(summary.rows()).isEqualTo(ROWS);
        assertThat(summary.errors()).isZero();
        Map<Integer, Row> byId = byId(spark.read().parquet(dir.resolve("out").toString()));
        assertThat(byId).hasSize(ROWS);
        List<Prediction> expected = predictor.predict(texts);
        List<float[]> probabilities = predictor.probabilities(predictor.idsOf(texts));
        for (int i = 0; i < ROWS; i++) {
            Row row = byId.get(i);
            assertThat(row.<String>getAs("text")).isEqualTo(texts.get(i));
            assertThat(row.<String>getAs("label")).as("label of row %d", i).isEqualTo(expected.get(i).label());
            // polarity is rounded to 4 decimals, as predict rounds it
            assertThat(row.<Double>getAs("polarity")).isCloseTo(expected.get(i).polarity(), within(1.1e-4));
            List<String> labels = predictor.labels();
            for (int c = 0; c < labels.size(); c++) {
                assertThat(row.<Double>getAs("p_" + labels.get(c))).isCloseTo(probabilities.get(i)[c], within(1e-5));
            }
            assertThat(row.<String>getAs("model")).isEqualTo("tiny");
            assertThat(row.<String>getAs("model_version")).isEqualTo(predictor.manifest().version());
            assertThat(row.<String>getAs("error")).isNull();
            assertThat(row.<String>getAs("day")).isEqualTo(day(i));
        }
    }

    @ParameterizedTest
    @CsvSource({"csv, csv", "csv, json", "json, json", "json, parquet", "parquet, csv", "parquet, parquet"})
    void each_format_in_and_out_keeps_the_input_columns_and_the_same_scores(String in, String out) {
        JobSummary summary = score(options(in, out, dir.resolve("out")));

        assertThat(summary.rows()).isEqualTo(ROWS);
        Dataset<Row> written = read(out, dir.resolve("out"));
        // the input's columns as its reader gives them (JSON's in name order), then the added ones
        List<String> expectedColumns = new ArrayList<>(List.of(read(in, shared.resolve("in." + in)).columns()));
        expectedColumns.addAll(List.of("label", "polarity", "p_negative", "p_neutral", "p_positive", "model",
                "model_version", "error"));
        String[] columns = expectedColumns.toArray(String[]::new);
        if (out.equals("json")) { // JSON objects have no column order
            assertThat(written.columns()).containsExactlyInAnyOrder(columns);
        } else {
            assertThat(written.columns()).containsExactly(columns);
        }
        List<Prediction> expected = predictor.predict(texts);
        Map<Integer, Row> byId = byId(written);
        for (int i = 0; i < ROWS; i += 7) {
            assertThat(String.valueOf(byId.get(i).<Object>getAs("label"))).isEqualTo(expected.get(i).label());
            assertThat(String.valueOf(byId.get(i).<Object>getAs("text"))).isEqualTo(texts.get(i));
        }
    }

    @Test
    void a_partitioned_dataset_is_read_with_its_partition_column_and_a_glob_picks_files() throws IOException {
        Path partitioned = dir.resolve("by-day");
        spark.read().parquet(shared.resolve("in.parquet").toString()).write().partitionBy("day")
                .parquet(partitioned.toString());

        JobSummary whole = score(new ScoreOptions(partitioned.toString(), "parquet", "text", "id", model,
                dir.resolve("out").toString(), "parquet", List.of("day"), dir.resolve("groups").toString(), "", 10_000,
                512, false));
        assertThat(whole.rows()).isEqualTo(ROWS);
        assertThat(whole.groups()).isEqualTo(5);
        Map<Integer, Row> byId = byId(spark.read().parquet(dir.resolve("out").toString()));
        for (int i = 0; i < ROWS; i += 11) {
            assertThat(String.valueOf(byId.get(i).<Object>getAs("day"))).isEqualTo(day(i));
        }

        JobSummary twoDays = score(new ScoreOptions(partitioned + "/day=2026-11-0[12]", "parquet", "text", "id",
                model, dir.resolve("out2").toString(), "parquet", List.of(), null, "", 10_000, 512, false));
        assertThat(twoDays.rows()).isEqualTo(IntStream.range(0, ROWS).filter(i -> i % 5 < 2).count());
    }

    @Test
    void bad_rows_get_an_error_and_empty_scores_and_are_counted_without_failing_the_job() throws IOException {
        Path input = dir.resolve("bad.csv");
        String longText = "good ".repeat(30);
        byte[] notUtf8 = {'b', 'a', 'd', ' ', (byte) 0xff, (byte) 0xfe, ' ', 'x'};
        try (var out = Files.newOutputStream(input)) {
            out.write("id,text\n1,what a great day\n2,\n3,\"   \"\n4,".getBytes(StandardCharsets.UTF_8));
            out.write(notUtf8);
            out.write(("\n5," + longText + "\n6,awful service\n").getBytes(StandardCharsets.UTF_8));
        }
        ScoreOptions options = new ScoreOptions(input.toString(), "csv", "text", "id", model,
                dir.resolve("out").toString(), "json", List.of(), null, "", 100, 512, false);

        JobSummary summary = score(options);

        assertThat(summary.rows()).isEqualTo(6);
        assertThat(summary.errors()).isEqualTo(4);
        assertThat(summary.errorsByReason()).containsOnly(Map.entry(TextCheck.NULL, 1L), Map.entry(TextCheck.EMPTY, 1L),
                Map.entry(TextCheck.NOT_UTF8, 1L), Map.entry(TextCheck.tooLong(100), 1L));
        assertThat(summary.firstBadRows()).containsExactlyInAnyOrder("2", "3", "4", "5");
        Map<String, Row> rows = new HashMap<>();
        for (Row row : spark.read().json(dir.resolve("out").toString()).collectAsList()) {
            rows.put(row.getAs("id"), row);
        }
        assertThat(rows.get("1").<String>getAs("label")).isEqualTo(predictor.predict("what a great day").label());
        assertThat(rows.get("6").<String>getAs("label")).isEqualTo(predictor.predict("awful service").label());
        assertThat(rows.get("4").<String>getAs("error")).isEqualTo(TextCheck.NOT_UTF8);
        assertThat(rows.get("5").<String>getAs("error")).isEqualTo(TextCheck.tooLong(100));
        for (String id : List.of("2", "3", "4", "5")) {
            assertThat(rows.get(id).<Object>getAs("label")).isNull();
            assertThat(rows.get(id).<Object>getAs("polarity")).isNull();
            assertThat(rows.get(id).<Object>getAs("p_positive")).isNull();
            assertThat(rows.get(id).<String>getAs("model")).isEqualTo("tiny");
        }
    }

    @Test
    void group_by_writes_rows_shares_and_mean_polarity_with_a_95_percent_interval() throws IOException {
        Path out = dir.resolve("out");
        ScoreOptions options = new ScoreOptions(shared.resolve("in.json").toString(), "json", "text", "id", model,
                out.toString(), "csv", List.of("day"), dir.resolve("groups").toString(), "", 40, 512, false);

        JobSummary summary = score(options);

        // the expected numbers, computed here from the scored rows, without Spark
        Map<String, List<Row>> byDay = new TreeMap<>();
        for (Row row : read("csv", out).collectAsList()) {
            byDay.computeIfAbsent(row.getAs("day"), d -> new ArrayList<>()).add(row);
        }
        assertThat(summary.groups()).isEqualTo(byDay.size());
        List<Map<String, String>> groups = csvRecords(dir.resolve("groups"));
        assertThat(groups).extracting(g -> g.get("day")).containsExactlyElementsOf(byDay.keySet());
        assertThat(groups.get(0).keySet()).containsExactly("day", "rows", "scored", "errors", "share_negative",
                "share_neutral", "share_positive", "mean_polarity", "polarity_ci_low", "polarity_ci_high");
        long errorsSeen = 0;
        for (Map<String, String> group : groups) {
            List<Row> rows = byDay.get(group.get("day"));
            List<Row> scored = rows.stream().filter(r -> r.getAs("error") == null).toList();
            errorsSeen += rows.size() - scored.size();
            assertThat(Long.parseLong(group.get("rows"))).isEqualTo(rows.size());
            assertThat(Long.parseLong(group.get("scored"))).isEqualTo(scored.size());
            assertThat(Long.parseLong(group.get("errors"))).isEqualTo(rows.size() - scored.size());
            for (String label : List.of("negative", "neutral", "positive")) {
                double share = scored.stream().filter(r -> label.equals(r.getAs("label"))).count() / (double) scored.size();
                assertThat(Double.parseDouble(group.get("share_" + label))).isCloseTo(share, within(1e-9));
            }
            double[] polarity = scored.stream().mapToDouble(r -> Double.parseDouble(r.getAs("polarity"))).toArray();
            double mean = Arrays.stream(polarity).average().orElseThrow();
            double variance = 0;
            for (double p : polarity) {
                variance += (p - mean) * (p - mean);
            }
            double halfWidth = 1.959964 * Math.sqrt(variance / (polarity.length - 1)) / Math.sqrt(polarity.length);
            assertThat(Double.parseDouble(group.get("mean_polarity"))).isCloseTo(mean, within(1e-9));
            assertThat(Double.parseDouble(group.get("polarity_ci_low"))).isCloseTo(mean - halfWidth, within(1e-9));
            assertThat(Double.parseDouble(group.get("polarity_ci_high"))).isCloseTo(mean + halfWidth, within(1e-9));
        }
        // --max-chars 40 turned the long texts into errors, and the groups counted them
        assertThat(errorsSeen).isEqualTo(summary.errors()).isPositive();
    }

    @Test
    void a_missing_column_fails_with_one_message_before_anything_is_scored() {
        ScoreOptions options = new ScoreOptions(shared.resolve("in.parquet").toString(), "parquet", "body", null,
                model, dir.resolve("out").toString(), "parquet", List.of(), null, "", 10_000, 512, false);

        assertThatThrownBy(() -> score(options)).isInstanceOf(ScoreJobException.class)
                .hasMessage("no column body in " + shared.resolve("in.parquet") + "; its columns are [id, day, text]");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void a_corrupt_model_fails_with_one_message_before_anything_is_scored() throws IOException {
        Path broken = Files.createDirectories(dir.resolve("broken"));
        try (Stream<Path> files = Files.list(model)) {
            for (Path file : files.toList()) {
                Files.copy(file, broken.resolve(file.getFileName()));
            }
        }
        byte[] weights = Files.readAllBytes(broken.resolve("weights.bin"));
        Files.write(broken.resolve("weights.bin"), Arrays.copyOf(weights, weights.length / 2));
        ScoreOptions options = new ScoreOptions(shared.resolve("in.csv").toString(), "csv", "text", null, broken,
                dir.resolve("out").toString(), "csv", List.of(), null, "", 10_000, 512, false);

        assertThatThrownBy(() -> score(options)).isInstanceOf(ScoreJobException.class)
                .hasMessageStartingWith("the model in " + broken + " cannot be used: ");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void an_existing_output_is_kept_unless_overwrite_is_asked() throws IOException {
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.writeString(out.resolve("keep.txt"), "earlier results");

        assertThatThrownBy(() -> score(options("csv", "csv", out))).isInstanceOf(ScoreJobException.class)
                .hasMessage(out + " exists: remove it, choose another path or pass --overwrite");
        assertThat(out.resolve("keep.txt")).exists();

        ScoreOptions overwrite = new ScoreOptions(shared.resolve("in.csv").toString(), "csv", "text", "id", model,
                out.toString(), "csv", List.of(), null, "", 10_000, 512, true);
        assertThat(score(overwrite).rows()).isEqualTo(ROWS);
        assertThat(out.resolve("keep.txt")).doesNotExist();
    }

    @Test
    void an_input_with_a_label_column_keeps_it_and_the_added_columns_take_a_prefix() throws IOException {
        Path input = dir.resolve("labelled.csv");
        Files.writeString(input, "id,label,text\n1,positive,love it\n2,negative,worst flight ever\n");
        ScoreOptions clash = new ScoreOptions(input.toString(), "csv", "text", "id", model,
                dir.resolve("out").toString(), "csv", List.of(), null, "", 10_000, 512, false);
        assertThatThrownBy(() -> score(clash)).isInstanceOf(ScoreJobException.class)
                .hasMessage("the input already has a column label, which the job adds: pass --column-prefix (for example sentiment_)");

        ScoreOptions prefixed = new ScoreOptions(input.toString(), "csv", "text", "id", model,
                dir.resolve("out").toString(), "csv", List.of(), null, "sentiment_", 10_000, 512, false);
        score(prefixed);
        Row first = read("csv", dir.resolve("out")).orderBy("id").first();
        assertThat(first.<String>getAs("label")).isEqualTo("positive");
        assertThat(first.<String>getAs("sentiment_label")).isEqualTo(predictor.predict("love it").label());
        assertThat(first.<String>getAs("sentiment_model")).isEqualTo("tiny");
    }

    private static JobSummary score(ScoreOptions options) {
        return new ScoreJob(spark, options, Map.of(), shipped).run();
    }

    private ScoreOptions options(String in, String out, Path output) {
        return new ScoreOptions(shared.resolve("in." + in).toString(), in, "text", "id", model, output.toString(), out,
                List.of(), null, "", 10_000, 512, false);
    }

    private static Dataset<Row> read(String format, Path path) {
        var reader = spark.read().format(format);
        if (format.equals("csv")) {
            reader = reader.option("header", "true").option("multiLine", "true");
        }
        return reader.load(path.toString());
    }

    private static Map<Integer, Row> byId(Dataset<Row> rows) {
        Map<Integer, Row> byId = new HashMap<>();
        for (Row row : rows.collectAsList()) {
            byId.put(Integer.parseInt(String.valueOf(row.<Object>getAs("id"))), row);
        }
        return byId;
    }

    private static List<Map<String, String>> csvRecords(Path folder) throws IOException {
        List<Map<String, String>> records = new ArrayList<>();
        try (Stream<Path> parts = Files.list(folder)) {
            for (Path part : parts.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted().toList()) {
                try (var parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                        .parse(Files.newBufferedReader(part))) {
                    parser.forEach(r -> records.add(r.toMap()));
                }
            }
        }
        return records;
    }

    private static String day(int i) {
        return "2026-11-0" + (1 + i % 5);
    }

    private static List<Row> rowsOf(List<String> texts) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            rows.add(RowFactory.create(i, day(i), texts.get(i)));
        }
        return rows;
    }

    private static StructType schema() {
        return new StructType()
                .add("id", DataTypes.IntegerType, false)
                .add("day", DataTypes.StringType, false)
                .add("text", DataTypes.StringType, true);
    }
}
