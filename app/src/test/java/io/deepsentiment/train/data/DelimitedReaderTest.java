package io.deepsentiment.train.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DelimitedReaderTest {

    @TempDir
    Path dir;

    @Test
    void reads_csv_columns_by_header_name_with_quoted_multi_line_text() throws IOException {
        Path file = write("reviews.csv", """
                id,review,sentiment
                r1,"Great, really great",positive
                r2,"Line one
                line two",negative
                r3,,positive
                r4
                r1,"repeated id",negative
                """);

        LabelledData data = read(DelimitedFormat.CSV, new Columns("review", "sentiment", "id"), file);

        assertThat(data.examples()).containsExactly(
                new LabelledText("r1", "Great, really great", "positive"),
                new LabelledText("r2", "Line one\nline two", "negative"));
        assertThat(data.summaries()).containsExactly(new ReadSummary("reviews.csv", 5,
                Map.of("empty text", 1, "missing column", 1), 1, 0));
    }

    @Test
    void reads_header_less_csv_and_tsv_by_index() throws IOException {
        Path csv = write("a.csv", "1,\"nice one\"\n0,\"bad one\"\n");
        Path tsv = write("a.tsv", "x\t1\tnice one\nshort\n");

        assertThat(read(DelimitedFormat.CSV, new Columns("1", "0", null), csv).examples()).containsExactly(
                new LabelledText(null, "nice one", "positive"),
                new LabelledText(null, "bad one", "negative"));
        LabelledData fromTsv = read(DelimitedFormat.TSV, new Columns("2", "1", "0"), tsv);
        assertThat(fromTsv.examples()).containsExactly(new LabelledText("x", "nice one", "positive"));
        assertThat(fromTsv.summaries().get(0).skippedByReason()).isEqualTo(Map.of("missing column", 1));
    }

    @Test
    void reads_tsv_without_treating_quotes_specially() throws IOException {
        Path file = write("a.tsv", "text\tlabel\n\"opening quote only\tneg\n");

        assertThat(read(DelimitedFormat.TSV, Columns.defaults(), file).examples())
                .containsExactly(new LabelledText(null, "\"opening quote only", "negative"));
    }

    @Test
    void reads_jsonl_and_skips_malformed_lines() throws IOException {
        Path file = write("a.jsonl", """
                {"body": "Loved it", "stars": 4, "key": 7}
                {"body": "Meh", "stars": 2}
                {"body": "broken
                ["not", "an", "object"]
                {"stars": 0}
                {"body": "", "stars": 0}
                {"body": "Awful", "stars": 0}
                """);

        LabelledData data = read(DelimitedFormat.JSONL, new Columns("body", "stars", "key"), file);

        assertThat(data.examples()).containsExactly(
                new LabelledText("7", "Loved it", "positive"),
                new LabelledText(null, "Meh", "neutral"),
                new LabelledText(null, "Awful", "negative"));
        assertThat(data.summaries()).containsExactly(new ReadSummary("a.jsonl", 7,
                Map.of("unparseable JSON line", 2, "missing column", 1, "empty text", 1), 0, 0));
    }

    @Test
    void a_missing_header_column_is_an_error_listing_the_columns() throws IOException {
        Path file = write("a.csv", "body,stars\nx,1\n");

        assertThatThrownBy(() -> read(DelimitedFormat.CSV, Columns.defaults(), file))
                .isInstanceOf(DataException.class)
                .hasMessage(file + " has no column \"text\"; its header has: \"body\", \"stars\"");
    }

    @Test
    void a_broken_csv_quote_is_an_error_naming_the_line() throws IOException {
        Path file = write("a.csv", "text,label\n\"fine\",pos\n\"unclosed,neg\n");

        assertThatThrownBy(() -> read(DelimitedFormat.CSV, Columns.defaults(), file))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith(file + ": malformed CSV near line");
    }

    @Test
    void jsonl_columns_cannot_be_indexes() {
        assertThatThrownBy(() -> new DelimitedReader(DelimitedFormat.JSONL, new Columns("0", "1", null)))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith("jsonl columns must be field names");
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private static LabelledData read(DelimitedFormat format, Columns columns, Path file) {
        return new DelimitedReader(format, columns).read(List.of(file));
    }
}
