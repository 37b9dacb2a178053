package io.deepsentiment.train.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Sentiment140ReaderTest {

    @TempDir
    Path dir;

    @Test
    void reads_the_official_csv_with_mixed_encodings_and_bad_rows() throws IOException {
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        csv.writeBytes(utf8(row("0", "11", "is upset &quot;again&quot;")));
        csv.writeBytes(utf8(row("4", "12", "caf\u00e9 in UTF-8")));
        csv.writeBytes(row("4", "13", "caf\u00e9 in Latin-1").getBytes(StandardCharsets.ISO_8859_1));
        csv.writeBytes(utf8(row("2", "14", "he said \"hi\" to me")));
        csv.writeBytes(utf8("\"0\",\"15\",\"Mon Apr 06 22:19:45 PDT 2009\",\"NO_QUERY\",\"e\"\n"));
        csv.writeBytes(utf8(row("0", "16", "")));
        csv.writeBytes(utf8(row("4", "12", "same id again")));
        Path file = Files.write(dir.resolve("training.csv"), csv.toByteArray());

        LabelledData data = new Sentiment140Reader().readCsv(file);

        assertThat(data.examples()).containsExactly(
                new LabelledText("11", "is upset &quot;again&quot;", "negative"),
                new LabelledText("12", "caf\u00e9 in UTF-8", "positive"),
                new LabelledText("13", "caf\u00e9 in Latin-1", "positive"),
                new LabelledText("14", "he said \"hi\" to me", "neutral"));
        assertThat(data.summaries()).containsExactly(new ReadSummary("training.csv", 7,
                Map.of("wrong column count", 1, "empty text", 1), 1, 0));
    }

    @Test
    void reads_a_positive_and_a_negative_line_file() throws IOException {
        Path positive = Files.writeString(dir.resolve("positive.txt"), "so happy\n\nlove it \n");
        Path negative = Files.writeString(dir.resolve("negative.txt"), "so sad\r\n");

        LabelledData data = new Sentiment140Reader().readLines(positive, negative);

        assertThat(data.examples()).containsExactly(
                new LabelledText("positive.txt:1", "so happy", "positive"),
                new LabelledText("positive.txt:3", "love it ", "positive"),
                new LabelledText("negative.txt:1", "so sad", "negative"));
        assertThat(data.summaries()).extracting(ReadSummary::describe).containsExactly(
                "positive.txt: 3 rows, 2 kept, 1 skipped (1 empty text), 0 duplicates removed",
                "negative.txt: 1 rows, 1 kept, 0 skipped, 0 duplicates removed");
    }

    @Test
    void a_missing_line_file_is_reported_by_path() throws IOException {
        Path positive = Files.writeString(dir.resolve("positive.txt"), "yay\n");
        Path missing = dir.resolve("negative.txt");

        assertThatThrownBy(() -> new Sentiment140Reader().readLines(positive, missing))
                .isInstanceOf(DataException.class)
                .hasMessage("file not found: " + missing);
    }

    /** A line of the official file, quoted the way it quotes (inner quotes left unescaped). */
    private static String row(String polarity, String id, String text) {
        return String.join(",", quoted(polarity), quoted(id), quoted("Mon Apr 06 22:19:45 PDT 2009"),
                quoted("NO_QUERY"), quoted("user"), quoted(text)) + "\n";
    }

    private static String quoted(String field) {
        return '"' + field + '"';
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
