package io.deepsentiment.spark;

import static org.apache.spark.sql.functions.col;

import io.deepsentiment.model.artifact.ArtifactException;
import io.deepsentiment.model.artifact.ModelManifest;
import io.deepsentiment.model.predict.SentimentPredictor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.AtomicType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver's side of {@code score}: checks everything that can be checked before a task runs
 * (model, columns, outputs), scores the rows in
 * {@code mapPartitions}, writes them, then reads them back for the summary and the aggregates
 * (reading the written rows is cheaper than scoring twice and needs no cache of the whole set).
 */
final class ScoreJob {

    private static final Logger log = LoggerFactory.getLogger(ScoreJob.class);
    private static final long PROGRESS_SECONDS = 10;

    private final SparkSession spark;
    private final ScoreOptions options;
    private final Map<String, String> readerOptions;
    private final String shippedModel;

    /**
     * @param shippedModel what {@link ModelArchive#ship} returned for {@code options.modelDir()}
     *     when the session's configuration was made
     */
    ScoreJob(SparkSession spark, ScoreOptions options, Map<String, String> readerOptions, String shippedModel) {
        this.spark = spark;
        this.shippedModel = shippedModel;
        this.options = options;
        this.readerOptions = Map.copyOf(readerOptions);
    }

    JobSummary run() {
        ModelManifest manifest = checkModel();
        checkOutputs();
        Dataset<Row> input = readInput();
        ScoredColumns columns = new ScoredColumns(options.columnPrefix(), manifest.labels());
        int textIndex = checkColumns(input.schema(), columns);

        LongAccumulator rowsScored = spark.sparkContext().longAccumulator("rows scored");
        PartitionScorer scorer = new PartitionScorer(shippedModel, manifest.name(), manifest.version(), columns, textIndex,
                options.maxChars(), options.batchSize(), rowsScored);
        StructType outputSchema = columns.appendTo(input.schema());
        Dataset<Row> scored = input.mapPartitions(scorer, Encoders.row(outputSchema));

        long start = System.nanoTime();
        ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "score-progress");
            t.setDaemon(true);
            return t;
        });
        progress.scheduleAtFixedRate(() -> log.info("scored {} rows so far", String.format("%,d", rowsScored.value())),
                PROGRESS_SECONDS, PROGRESS_SECONDS, TimeUnit.SECONDS);
        try {
            write(scored, options.output(), options.outputFormat());
        } finally {
            progress.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        Dataset<Row> written = readWritten(options.output(), outputSchema);
        // one pass for both counts: rows per error, the scored rows under a null error
        long rows = 0;
        long errors = 0;
        Map<String, Long> errorsByReason = new LinkedHashMap<>();
        for (Row r : written.groupBy(col(columns.error())).count().collectAsList()) {
            rows += r.getLong(1);
            if (!r.isNullAt(0)) {
                errorsByReason.put(r.getString(0), r.getLong(1));
                errors += r.getLong(1);
            }
        }
        List<String> badRows = new ArrayList<>();
        if (options.idColumn() != null && errors > 0) {
            for (Row r : written.where(col(columns.error()).isNotNull()).select(col(options.idColumn())).limit(10).collectAsList()) {
                badRows.add(String.valueOf(r.get(0)));
            }
        }
        long groups = 0;
        String groupsOutput = null;
        if (!options.groupBy().isEmpty()) {
            groupsOutput = options.groupsOutput();
            write(GroupAggregates.of(written, options.groupBy(), columns), groupsOutput, options.outputFormat());
            groups = readWritten(groupsOutput, null).count();
        }
        JobSummary summary = new JobSummary(rows, errors, errorsByReason, badRows, Math.round(seconds * 10) / 10.0,
                Math.round(rows / Math.max(seconds, 1e-9)), manifest.name(), manifest.version(), options.output(),
                groupsOutput, groups);
        log.info(summary.sentence());
        return summary;
    }

    /** A corrupt or incompatible model fails here, on the driver, before any task starts. */
    private ModelManifest checkModel() {
        ExecutorModels.useOneThreadPerTask(); // in local mode the driver's JVM is the executor
        try (SentimentPredictor predictor = SentimentPredictor.load(options.modelDir())) {
            return predictor.manifest();
        } catch (ArtifactException e) {
            throw new ScoreJobException("the model in " + options.modelDir() + " cannot be used: " + e.getMessage(), e);
        }
    }

    private void checkOutputs() {
        List<String> outputs = new ArrayList<>(List.of(options.output()));
        if (!options.groupBy().isEmpty()) {
            outputs.add(options.groupsOutput());
        }
        for (String output : outputs) {
            Path path = new Path(output);
            try {
                FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
                if (fs.exists(path) && !options.overwrite()) {
                    throw new ScoreJobException(output + " exists: remove it, choose another path or pass --overwrite");
                }
            } catch (IOException e) {
                throw new ScoreJobException("cannot check the output path " + output + ": " + e.getMessage(), e);
            }
        }
    }

    private Dataset<Row> readInput() {
        try {
            return read(options.format(), options.input(), null, readerOptions);
        } catch (Exception e) { // Scala throws AnalysisException (checked in Java) undeclared, sometimes wrapped
            AnalysisException analysis = e instanceof AnalysisException a ? a
                    : e.getCause() instanceof AnalysisException a ? a : null;
            if (analysis == null) {
                throw e;
            }
            throw new ScoreJobException("cannot read " + options.input() + " as " + options.format() + ": "
                    + analysis.getSimpleMessage(), e);
        }
    }

    private int checkColumns(StructType schema, ScoredColumns columns) {
        Set<String> present = Set.of(schema.fieldNames());
        List<String> wanted = new ArrayList<>(List.of(options.textColumn()));
        if (options.idColumn() != null) {
            wanted.add(options.idColumn());
        }
        wanted.addAll(options.groupBy());
        for (String column : wanted) {
            if (!present.contains(column)) {
                throw new ScoreJobException("no column " + column + " in " + options.input() + "; its columns are "
                        + Arrays.toString(schema.fieldNames()));
            }
        }
        StructField text = schema.apply(options.textColumn());
        if (!text.dataType().equals(DataTypes.StringType)) {
            throw new ScoreJobException("column " + options.textColumn() + " holds " + text.dataType().simpleString()
                    + ", not text");
        }
        for (String added : columns.names()) {
            if (present.contains(added)) {
                throw new ScoreJobException("the input already has a column " + added
                        + ", which the job adds: pass --column-prefix (for example sentiment_)");
            }
        }
        if (options.outputFormat().equals("csv")) {
            for (StructField field : schema.fields()) {
                if (!(field.dataType() instanceof AtomicType)) {
                    throw new ScoreJobException("csv cannot hold column " + field.name() + " ("
                            + field.dataType().simpleString() + "): pass --output-format json or parquet");
                }
            }
        }
        return schema.fieldIndex(options.textColumn());
    }

    private static void write(Dataset<Row> rows, String path, String format) {
        var writer = rows.write().mode(SaveMode.Overwrite).format(format);
        if (format.equals("csv")) {
            writer = writer.option("header", "true");
        }
        if (format.equals("json")) {
            writer = writer.option("ignoreNullFields", "false"); // every row has every field: "error": null
        }
        writer.save(path);
    }

    /** What the job wrote, read back: in CSV, texts may hold line breaks inside quotes. */
    private Dataset<Row> readWritten(String path, StructType schema) {
        Map<String, String> csv = Map.of("multiLine", "true");
        return read(options.outputFormat(), path, schema, options.outputFormat().equals("csv") ? csv : Map.of());
    }

    /** Input and outputs are read one way: CSV with its header line, the schema given when known. */
    private Dataset<Row> read(String format, String path, StructType schema, Map<String, String> extra) {
        var reader = spark.read().format(format);
        if (format.equals("csv")) {
            reader = reader.option("header", "true");
        }
        if (schema != null) {
            reader = reader.schema(schema);
        }
        return reader.options(extra).load(path);
    }
}
