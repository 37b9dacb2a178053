package io.deepsentiment.train.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Reads a user's own labelled data from CSV, TSV or JSONL files, taking the text, label and
 * optional id from chosen columns.
 *
 * <p>Rows that cannot be used (an unparseable JSON line, a missing column, empty text, a rare
 * unknown label) are skipped and counted; ids seen before are dropped as duplicates. Labels must
 * form one of the sets {@link LabelNames} knows.
 */
public final class DelimitedReader {

    private final DelimitedFormat format;
    private final Columns columns;

    /**
     * Creates a reader.
     *
     * @throws DataException if JSONL columns are given as indexes (JSON fields have names)
     */
    public DelimitedReader(DelimitedFormat format, Columns columns) {
        this.format = Objects.requireNonNull(format, "format");
        this.columns = Objects.requireNonNull(columns, "columns");
        if (format == DelimitedFormat.JSONL && columns.byIndex()) {
            throw new DataException("jsonl columns must be field names, not indexes: text="
                    + columns.text() + ", label=" + columns.label());
        }
    }

    /**
     * Reads the given files in order.
     *
     * @throws DataException if a file is missing, lacks a named column, is not valid CSV, or
     *     uses an unknown label set
     */
    public LabelledData read(List<Path> files) {
        LabelledDataBuilder data = new LabelledDataBuilder();
        for (Path file : files) {
            data.add(format == DelimitedFormat.JSONL
                    ? JsonLineRows.read(file, columns)
                    : TableRows.read(file, format, columns));
        }
        return data.build();
    }
}
