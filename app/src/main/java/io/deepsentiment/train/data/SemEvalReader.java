package io.deepsentiment.train.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads SemEval "Sentiment Analysis in Twitter" subtask A files: one tweet per line,
 * {@code tweet_id<TAB>label<TAB>text}.
 *
 * <p>Columns after the text are ignored: some official lines end with a tab, and some of 2016test
 * carry a date. Rows with fewer than three columns, empty text or an unknown label are skipped
 * and counted. A tweet id seen earlier, in
 * the same file or in an earlier one, is dropped as a duplicate (the official files repeat some).
 */
public final class SemEvalReader {

    /**
     * Reads the given files in order.
     *
     * @throws DataException if a file is missing or uses an unknown label set
     */
    public LabelledData read(List<Path> files) {
        LabelledDataBuilder data = new LabelledDataBuilder();
        for (Path file : files) {
            data.add(readRows(file));
        }
        return data.build();
    }

    private static SourceRows readRows(Path file) {
        SourceRows rows = new SourceRows(TextFiles.fileName(file));
        try (BufferedReader in = TextFiles.open(file)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                addLine(rows, TextFiles.decode(line));
            }
        } catch (IOException e) {
            throw TextFiles.cannotRead(file, e);
        }
        return rows;
    }

    private static void addLine(SourceRows rows, String line) {
        if (line.isBlank()) {
            rows.skip(SourceRows.BLANK_LINE);
            return;
        }
        // columns after the text (a trailing tab, a date in 2016test) are not part of the tweet
        String[] columns = line.split("\t", -1);
        if (columns.length < 3) {
            rows.skip(SourceRows.WRONG_COLUMN_COUNT);
            return;
        }
        String id = columns[0].strip();
        rows.add(id.isEmpty() ? null : id, withoutEnclosingQuotes(columns[2]), columns[1]);
    }

    /** The official files wrap some texts in one pair of quotes that is not part of the tweet. */
    static String withoutEnclosingQuotes(String text) {
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            return text.substring(1, text.length() - 1);
        }
        return text;
    }
}
