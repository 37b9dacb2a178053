package io.deepsentiment.train.data;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What happened to the rows of one source (a file, or one split of an archive): how many were
 * read, skipped (counted by reason), dropped as duplicate ids or as overlapping held-out data,
 * and kept.
 *
 * <p>Training never stops for one bad row; this summary is how the user learns about them.
 */
public final class ReadSummary {

    private final String name;
    private final int rowsRead;
    private final Map<String, Integer> skippedByReason;
    private final int duplicatesRemoved;
    private final int overlapRemoved;

    /**
     * Creates a summary.
     *
     * @param name the source's name, usually the file name
     * @param rowsRead every row seen, including the ones later skipped or removed
     * @param skippedByReason number of skipped rows per reason, e.g. "empty text"
     * @param duplicatesRemoved rows dropped because their id was already seen
     * @param overlapRemoved rows dropped because they also occur in held-out data
     */
    public ReadSummary(String name, int rowsRead, Map<String, Integer> skippedByReason,
            int duplicatesRemoved, int overlapRemoved) {
        this.name = Objects.requireNonNull(name, "name");
        this.rowsRead = rowsRead;
        this.skippedByReason = Map.copyOf(skippedByReason);
        this.duplicatesRemoved = duplicatesRemoved;
        this.overlapRemoved = overlapRemoved;
        if (kept() < 0) {
            throw new IllegalArgumentException(name + ": more rows removed than read");
        }
    }

    /**
     * Adds up the summaries of several sources, e.g. all files of one dataset spec.
     *
     * @param name the name of the combined summary
     */
    public static ReadSummary merge(String name, Collection<ReadSummary> parts) {
        Map<String, Integer> skipped = new LinkedHashMap<>();
        int rows = 0;
        int duplicates = 0;
        int overlap = 0;
        for (ReadSummary part : parts) {
            rows += part.rowsRead;
            duplicates += part.duplicatesRemoved;
            overlap += part.overlapRemoved;
            part.skippedByReason.forEach((reason, n) -> skipped.merge(reason, n, Integer::sum));
        }
        return new ReadSummary(name, rows, skipped, duplicates, overlap);
    }

    /** Returns a copy that additionally records {@code count} rows removed as held-out overlap. */
    public ReadSummary withOverlapRemoved(int count) {
        return new ReadSummary(name, rowsRead, skippedByReason, duplicatesRemoved,
                overlapRemoved + count);
    }

    /** Returns a copy that additionally records {@code count} rows skipped for {@code reason}. */
    public ReadSummary withSkipped(String reason, int count) {
        if (count == 0) {
            return this;
        }
        Map<String, Integer> skipped = new LinkedHashMap<>(skippedByReason);
        skipped.merge(reason, count, Integer::sum);
        return new ReadSummary(name, rowsRead, skipped, duplicatesRemoved, overlapRemoved);
    }

    /** Returns the source's name. */
    public String name() {
        return name;
    }

    /** Returns the number of rows seen, including skipped and removed ones. */
    public int rowsRead() {
        return rowsRead;
    }

    /** Returns the number of rows that became examples. */
    public int kept() {
        return rowsRead - skipped() - duplicatesRemoved - overlapRemoved;
    }

    /** Returns the total number of skipped (malformed or unusable) rows. */
    public int skipped() {
        return skippedByReason.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Returns the number of skipped rows per reason; reasons with no rows are absent. */
    public Map<String, Integer> skippedByReason() {
        return skippedByReason;
    }

    /** Returns the number of rows dropped because their id had been seen before. */
    public int duplicatesRemoved() {
        return duplicatesRemoved;
    }

    /** Returns the number of rows dropped because they also occur in held-out data. */
    public int overlapRemoved() {
        return overlapRemoved;
    }

    /**
     * Describes the summary in one line, e.g. {@code a.tsv: 9684 rows, 9680 kept, 4 skipped
     * (3 wrong column count, 1 empty text), 0 duplicates removed}.
     */
    public String describe() {
        StringBuilder text = new StringBuilder()
                .append(name).append(": ")
                .append(rowsRead).append(" rows, ")
                .append(kept()).append(" kept, ")
                .append(skipped()).append(" skipped");
        if (!skippedByReason.isEmpty()) {
            text.append(" (").append(reasonsByCount()).append(')');
        }
        text.append(", ").append(duplicatesRemoved).append(" duplicates removed");
        if (overlapRemoved > 0) {
            text.append(", ").append(overlapRemoved).append(" removed as overlapping held-out data");
        }
        return text.toString();
    }

    private String reasonsByCount() {
        return skippedByReason.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", "));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ReadSummary that
                && name.equals(that.name)
                && rowsRead == that.rowsRead
                && skippedByReason.equals(that.skippedByReason)
                && duplicatesRemoved == that.duplicatesRemoved
                && overlapRemoved == that.overlapRemoved;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, rowsRead, skippedByReason, duplicatesRemoved, overlapRemoved);
    }

    @Override
    public String toString() {
        return describe();
    }
}
