package io.deepsentiment.spark;

import java.nio.file.Path;
import java.util.List;

/**
 * What a {@code score} job reads, with which model, and where it writes.
 *
 * @param input a file, directory, glob or partitioned dataset, on any Hadoop filesystem
 * @param format csv, json (one object per line) or parquet
 * @param textColumn the column holding the texts
 * @param idColumn a column naming each row, used to name bad rows in the summary; null for none
 * @param modelDir the model directory on the driver's machine (shipped to the executors)
 * @param output where the scored rows go (a directory, as Spark writes)
 * @param outputFormat csv, json or parquet
 * @param groupBy columns to aggregate by; empty for no aggregates
 * @param groupsOutput where the aggregates go
 * @param columnPrefix put before the names of the columns the job adds, for inputs that already
 *     have a column named like one of them (such as {@code label})
 * @param maxChars longest text scored, in characters; longer ones get an error row
 * @param batchSize texts scored together, sorted by length within the batch
 * @param overwrite replace existing outputs instead of refusing to start
 */
public record ScoreOptions(
        String input,
        String format,
        String textColumn,
        String idColumn,
        Path modelDir,
        String output,
        String outputFormat,
        List<String> groupBy,
        String groupsOutput,
        String columnPrefix,
        int maxChars,
        int batchSize,
        boolean overwrite) {

    public static final List<String> FORMATS = List.of("csv", "json", "parquet");

    public ScoreOptions {
        groupBy = List.copyOf(groupBy);
        if (!FORMATS.contains(format)) {
            throw new IllegalArgumentException("--format must be one of " + FORMATS + ", not " + format);
        }
        if (!FORMATS.contains(outputFormat)) {
            throw new IllegalArgumentException("--output-format must be one of " + FORMATS + ", not " + outputFormat);
        }
        if (maxChars < 1 || batchSize < 1) {
            throw new IllegalArgumentException("--max-chars and --batch-size must be at least 1");
        }
    }

    /** The aggregates' default place: beside the scored rows, with -groups appended. */
    static String defaultGroupsOutput(String output) {
        String trimmed = output.endsWith("/") ? output.substring(0, output.length() - 1) : output;
        return trimmed + "-groups";
    }
}
