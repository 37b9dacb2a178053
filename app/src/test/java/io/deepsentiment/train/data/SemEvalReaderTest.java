package io.deepsentiment.train.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SemEvalReaderTest {

    @TempDir
    Path dir;

    @Test
    void keeps_well_formed_rows_raw_and_counts_the_others() throws IOException {
        Path file = write("a.tsv", """
                1\tpositive\tGas by my house hit $3.39!!!! I\\u2019m going &amp; :)
                2\tnegative\t"wrapped in one pair of quotes"
                3\tneutral\tends with a tab\t
                4\tpositive
                5\tnegative\t
                6\tneutral\textra columns\tWed Jul 29 12:01:22 +0000 2015
                7\tNeutral\t"only an opening quote

                """);

        LabelledData data = new SemEvalReader().read(List.of(file));

        assertThat(data.examples()).containsExactly(
                new LabelledText("1", "Gas by my house hit $3.39!!!! I\\u2019m going &amp; :)", "positive"),
                new LabelledText("2", "wrapped in one pair of quotes", "negative"),
                new LabelledText("3", "ends with a tab", "neutral"),
                new LabelledText("6", "extra columns", "neutral"),
                new LabelledText("7", "\"only an opening quote", "neutral"));
        assertThat(data.summaries()).containsExactly(new ReadSummary("a.tsv", 8,
                Map.of("wrong column count", 1, "empty text", 1, "blank line", 1), 0, 0));
    }

    @Test
    void removes_duplicate_ids_within_and_across_files_keeping_the_first() throws IOException {
        Path first = write("first.tsv", "1\tpositive\tone\n2\tnegative\ttwo\n1\tpositive\tone again\n");
        Path second = write("second.tsv", "2\tnegative\ttwo again\n3\tneutral\tthree\n");

        LabelledData data = new SemEvalReader().read(List.of(first, second));

        assertThat(data.examples()).extracting(LabelledText::text).containsExactly("one", "two", "three");
        assertThat(data.summaries()).extracting(ReadSummary::describe).containsExactly(
                "first.tsv: 3 rows, 2 kept, 0 skipped, 1 duplicates removed",
                "second.tsv: 2 rows, 1 kept, 0 skipped, 1 duplicates removed");
    }

    @Test
    void skips_a_rare_unknown_label() throws IOException {
        String rows = IntStream.range(0, 150)
                .mapToObj(i -> i + "\t" + (i == 42 ? "objective" : i % 2 == 0 ? "positive" : "negative") + "\ttweet " + i)
                .collect(Collectors.joining("\n"));
        Path file = write("a.tsv", rows);

        LabelledData data = new SemEvalReader().read(List.of(file));

        assertThat(data.size()).isEqualTo(149);
        assertThat(data.summaries().get(0).skippedByReason()).isEqualTo(Map.of("unknown label", 1));
    }

    @Test
    void an_unknown_label_set_is_an_error() throws IOException {
        Path file = write("a.tsv", "1\tgood\tx\n2\tbad\ty\n");

        assertThatThrownBy(() -> new SemEvalReader().read(List.of(file)))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith("a.tsv: unknown labels \"bad\", \"good\"")
                .hasMessageContaining("(2 of 2 rows)");
    }

    @Test
    void a_missing_file_is_reported_by_path() {
        Path missing = dir.resolve("nope.tsv");

        assertThatThrownBy(() -> new SemEvalReader().read(List.of(missing)))
                .isInstanceOf(DataException.class)
                .hasMessage("file not found: " + missing);
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}
