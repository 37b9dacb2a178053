package io.deepsentiment.spark;

import io.deepsentiment.model.artifact.ModelLocation;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code score}: adds label, polarity and probabilities to every row of a dataset. */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = "Scores the texts of a dataset (csv, json or parquet) on Spark and writes them with their sentiment.")
final class ScoreCommand implements Callable<Integer> {

    @Option(names = "--input", required = true, description = "file, directory, glob or partitioned dataset; any Hadoop filesystem path")
    String input;

    @Option(names = "--format", required = true, description = "csv (with a header line), json (one object per line) or parquet")
    String format;

    @Option(names = "--text-column", required = true, description = "the column holding the texts")
    String textColumn;

    @Option(names = "--id-column", description = "a column naming each row: the summary names bad rows by it")
    String idColumn;

    @Option(names = "--model", defaultValue = "tweets", description = "a model directory, or a bundled model: tweets, reviews, tweets-accurate (default: ${DEFAULT-VALUE})")
    String model;

    @Option(names = "--output", required = true, description = "where the scored rows go")
    String output;

    @Option(names = "--output-format", description = "csv, json or parquet (default: the input's format)")
    String outputFormat;

    @Option(names = "--group-by", split = ",", description = "columns to aggregate by, such as a day or a hashtag column")
    List<String> groupBy = List.of();

    @Option(names = "--groups-output", description = "where the aggregates go (default: the output path with -groups appended)")
    String groupsOutput;

    @Option(names = "--column-prefix", defaultValue = "", description = "put before the added columns' names, when the input already has a column such as label")
    String columnPrefix;

    @Option(names = "--max-chars", defaultValue = "10000", description = "longest text scored; longer ones get an error row (default: ${DEFAULT-VALUE})")
    int maxChars;

    @Option(names = "--batch-size", defaultValue = "512", description = "texts scored together, sorted by length within a batch (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--overwrite", description = "replace existing outputs instead of refusing to start")
    boolean overwrite;

    @Option(names = "--option", description = "an option for Spark's reader of the input, KEY=VALUE, repeatable (for example multiLine=true, sep=;, encoding=ISO-8859-1)")
    Map<String, String> readerOptions = new LinkedHashMap<>();

    @Option(names = "--master", description = "Spark master when not given by spark-submit: local[N], local[*] or spark://HOST:PORT (default: local[*])")
    String master;

    /** Every problem found before or while starting is one line starting with {@code error:}, exit code 2. */
    @Override
    public Integer call() {
        try {
            score();
            return 0;
        } catch (IllegalArgumentException | ScoreJobException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
    }

    private void score() {
        Path modelDir = ModelLocation.resolve(model);
        if (!Files.isDirectory(modelDir)) {
            throw new ScoreJobException("no model directory or bundled model named " + model);
        }
        ScoreOptions options = new ScoreOptions(input, format, textColumn, idColumn, modelDir, output,
                outputFormat != null ? outputFormat : format, groupBy,
                groupsOutput != null ? groupsOutput : ScoreOptions.defaultGroupsOutput(output), columnPrefix,
                maxChars, batchSize, overwrite);
        SparkConf conf = new SparkConf().setAppName("deepsentiment score");
        // spark-submit sets the master; the launcher and a plain java command may not
        if (master != null || !conf.contains("spark.master")) {
            conf.setMaster(master != null ? master : "local[*]");
        }
        // Run with java -cp (the launcher) rather than spark-submit, executors on a cluster still
        // need this jar: ship it as spark-submit would.
        String ownJar = ownJar();
        if (!conf.contains("spark.jars") && ownJar != null) {
            conf.set("spark.jars", ownJar);
        }
        String shippedModel = ModelArchive.ship(conf, modelDir);
        SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
        try {
            System.out.println(new ScoreJob(spark, options, readerOptions, shippedModel).run().toJson());
        } finally {
            spark.stop();
        }
    }

    private static String ownJar() {
        try {
            URL location = ScoreCommand.class.getProtectionDomain().getCodeSource().getLocation();
            return location.getPath().endsWith(".jar") ? location.toString() : null;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
