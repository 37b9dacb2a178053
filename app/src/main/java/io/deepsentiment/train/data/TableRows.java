package io.deepsentiment.train.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads the rows of a CSV or TSV file, taking columns by header name (the first row is the
 * header) or, when every column is an index, by position (the file has no header).
 */
final class TableRows {

    private static final CSVFormat CSV = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get();

    private TableRows() {
    }

    static SourceRows read(Path file, DelimitedFormat format, Columns columns) {
        SourceRows rows = new SourceRows(TextFiles.fileName(file));
        try (BufferedReader in = TextFiles.open(file);
                CSVParser csv = format == DelimitedFormat.CSV ? CSVParser.parse(in, CSV) : null) {
            Iterator<List<String>> records = csv != null
                    ? new CsvRecords(csv.iterator())
                    : in.lines().filter(line -> !line.isBlank())
                            .map(line -> Arrays.asList(line.split("\t", -1))).iterator();
            Positions positions = columns.byIndex() ? Positions.of(columns) : null;
            while (hasNext(records, file, csv)) {
                List<String> record = records.next();
                if (positions == null) {
                    positions = headerPositions(record, columns, file);
                } else {
                    add(rows, record, positions);
                }
            }
        } catch (IOException e) {
            throw TextFiles.cannotRead(file, e);
        }
        return rows;
    }

    private static Positions headerPositions(List<String> header, Columns columns, Path file) {
        List<String> names = header.stream().map(name -> TextFiles.decode(name).strip()).toList();
        return new Positions(position(names, columns.text(), file), position(names, columns.label(), file),
                columns.id() == null ? -1 : position(names, columns.id(), file));
    }

    private static int position(List<String> names, String column, Path file) {
        int exact = names.indexOf(column);
        if (exact >= 0) {
            return exact;
        }
        List<String> lowerCase = names.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
        int ignoringCase = lowerCase.indexOf(column.toLowerCase(Locale.ROOT));
        if (ignoringCase >= 0) {
            return ignoringCase;
        }
        throw new DataException(file + " has no column \"" + column + "\"; its header has: "
                + names.stream().limit(20).map(TableRows::quotedShort).collect(Collectors.joining(", ")));
    }

    /** A header that is really a data row can be a whole review long; the message needs less. */
    private static String quotedShort(String name) {
        return '"' + (name.length() <= 40 ? name : name.substring(0, 37) + "...") + '"';
    }

    private static void add(SourceRows rows, List<String> record, Positions at) {
        if (record.size() <= Math.max(at.text(), at.label())) {
            rows.skip(SourceRows.MISSING_COLUMN);
            return;
        }
        String id = at.id() >= 0 && at.id() < record.size()
                ? TextFiles.decode(record.get(at.id())).strip() : "";
        rows.add(id.isEmpty() ? null : id,
                TextFiles.decode(record.get(at.text())), TextFiles.decode(record.get(at.label())));
    }

    /** A broken quote makes the rest of a CSV file unparseable, so it stops reading for good. */
    private static boolean hasNext(Iterator<List<String>> records, Path file, CSVParser csv) {
        try {
            return records.hasNext();
        } catch (UncheckedIOException e) {
            if (csv == null) {
                throw TextFiles.cannotRead(file, e.getCause());
            }
            throw new DataException(file + ": malformed CSV near line " + csv.getCurrentLineNumber()
                    + ": " + e.getCause().getMessage(), e);
        }
    }

    /** Column positions of text, label and id (-1 when there is no id column). */
    private record Positions(int text, int label, int id) {
        static Positions of(Columns indexes) {
            return new Positions(Integer.parseInt(indexes.text()), Integer.parseInt(indexes.label()),
                    indexes.id() == null ? -1 : Integer.parseInt(indexes.id()));
        }
    }

    private record CsvRecords(Iterator<CSVRecord> records) implements Iterator<List<String>> {
        @Override
        public boolean hasNext() {
            return records.hasNext();
        }

        @Override
        public List<String> next() {
            return records.next().toList();
        }
    }
}
