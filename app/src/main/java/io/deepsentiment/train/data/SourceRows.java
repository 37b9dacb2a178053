package io.deepsentiment.train.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of one source as a reader found them, before their labels are mapped: labels can only
 * be mapped once the whole file's label set is known (see {@link LabelNames}).
 */
final class SourceRows {

    static final String WRONG_COLUMN_COUNT = "wrong column count";
    static final String MISSING_COLUMN = "missing column";
    static final String EMPTY_TEXT = "empty text";
    static final String EMPTY_LABEL = "empty label";
    static final String UNKNOWN_LABEL = "unknown label";
    static final String BLANK_LINE = "blank line";

    /** A row whose label is still the source's own spelling. */
    record RawRow(String id, String text, String rawLabel) {
    }

    private final String name;
    private final List<RawRow> rows = new ArrayList<>();
    private final Map<String, Integer> skippedByReason = new LinkedHashMap<>();
    private int rowsRead;

    SourceRows(String name) {
        this.name = name;
    }

    /** Records a well-formed row; it is still skipped if its text or label is blank. */
    void add(String id, String text, String rawLabel) {
        if (text == null || text.isBlank()) {
            skip(EMPTY_TEXT);
        } else if (rawLabel == null || rawLabel.isBlank()) {
            skip(EMPTY_LABEL);
        } else {
            rowsRead++;
            rows.add(new RawRow(id, text, rawLabel));
        }
    }

    /** Records a row that cannot be used, counted under {@code reason}. */
    void skip(String reason) {
        rowsRead++;
        skippedByReason.merge(reason, 1, Integer::sum);
    }

    String name() {
        return name;
    }

    int rowsRead() {
        return rowsRead;
    }

    List<RawRow> rows() {
        return rows;
    }

    Map<String, Integer> skippedByReason() {
        return skippedByReason;
    }

    Map<String, Integer> rowsByRawLabel() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        rows.forEach(row -> counts.merge(row.rawLabel(), 1, Integer::sum));
        return counts;
    }
}
