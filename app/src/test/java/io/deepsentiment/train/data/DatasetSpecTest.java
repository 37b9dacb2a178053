package io.deepsentiment.train.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DatasetSpecTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            semeval:a.tsv,b.tsv                             | semeval:a.tsv,b.tsv
            imdb:x.tar.gz?split=test                        | imdb:x.tar.gz?split=test
            imdb:x.tar.gz                                   | imdb:x.tar.gz?split=train
            csv:my.csv?text=review&label=sentiment&id=id    | csv:my.csv?id=id&label=sentiment&text=review
            JSONL:my.jsonl?label=stars&TEXT=body            | jsonl:my.jsonl?label=stars&text=body
            tsv:my.tsv                                      | tsv:my.tsv?label=label&text=text
            's140: positive.txt , negative.txt'             | s140:positive.txt,negative.txt
            semeval:../shared/datasets/twitter-2013*.tsv    | semeval:../shared/datasets/twitter-2013*.tsv
            """)
    void parses_to_a_canonical_spec(String spec, String canonical) {
        DatasetSpec parsed = DatasetSpec.parse(spec);

        assertThat(parsed).hasToString(canonical);
        assertThat(DatasetSpec.parse(parsed.toString())).isEqualTo(parsed);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            ''                          | empty dataset spec; expected FORMAT:PATH[,PATH...][?key=value&...]
            semeval:                    | no path in dataset spec "semeval:"; expected FORMAT:PATH[,PATH...][?key=value&...]
            xml:a.xml                   | unknown data format "xml" in xml:a.xml; expected one of imdb, semeval, s140, csv, tsv, jsonl
            csv:a.csv?colour=red        | unknown option "colour" for csv in csv:a.csv?colour=red; accepted: buckets, id, label, text
            semeval:a.tsv?split=test    | unknown option "split" for semeval in semeval:a.tsv?split=test; accepted: buckets
            csv:a.csv?text=             | option "text" has no value in csv:a.csv?text=
            imdb:a.tar.gz?split=dev     | unknown IMDB split "dev" in imdb:a.tar.gz?split=dev; expected split=train or split=test
            csv:a.csv?buckets=80        | option buckets=80 in csv:a.csv?buckets=80 is not a range FROM-TO of hash buckets 0 to 99, e.g. buckets=0-79
            csv:a.csv?buckets=50-10     | option buckets=50-10 in csv:a.csv?buckets=50-10 is not a range FROM-TO of hash buckets 0 to 99, e.g. buckets=0-79
            """)
    void rejects_bad_specs_with_a_clear_message(String spec, String message) {
        assertThatThrownBy(() -> DatasetSpec.parse(spec))
                .isInstanceOf(DataException.class)
                .hasMessage(message);
    }

    @Test
    void buckets_split_any_dataset_reproducibly_into_disjoint_parts_and_count_what_they_leave_out() throws IOException {
        StringBuilder csv = new StringBuilder("text,label\n");
        for (int i = 0; i < 1000; i++) {
            csv.append("tweet number ").append(i).append(i % 2 == 0 ? ",positive\n" : ",negative\n");
        }
        write("all.csv", csv.toString());
        LabelledData all = DatasetSpec.load("csv:" + dir.resolve("all.csv"));
        LabelledData train = DatasetSpec.load("csv:" + dir.resolve("all.csv") + "?buckets=0-79");
        LabelledData heldOut = DatasetSpec.load("csv:" + dir.resolve("all.csv") + "?buckets=80-99");

        assertThat(train.size() + heldOut.size()).isEqualTo(all.size());
        assertThat(train.size()).isBetween(740, 860);
        assertThat(train.examples()).doesNotContainAnyElementsOf(heldOut.examples());
        assertThat(DatasetSpec.load("csv:" + dir.resolve("all.csv") + "?buckets=0-79").examples())
                .isEqualTo(train.examples());
        assertThat(train.summaries().get(0).skippedByReason())
                .containsEntry("outside hash buckets 0-79", heldOut.size());
        assertThat(train.summaries().get(0).kept()).isEqualTo(train.size());
        // the same text, however spaced or cased, falls in the same part
        assertThat(DataSplits.bucket("Great  day ")).isEqualTo(DataSplits.bucket("great day"));
    }

    @Test
    void expands_wildcards_in_the_file_name_sorted_by_name() throws IOException {
        write("twitter-2013train-A.tsv", "1\tpositive\tup\n");
        write("twitter-2013dev-A.tsv", "2\tnegative\tdown\n");
        write("twitter-2016test-A.tsv", "3\tneutral\tflat\n");
        DatasetSpec spec = DatasetSpec.parse("semeval:" + dir + "/twitter-2013*.tsv");

        assertThat(spec.files()).containsExactly(
                dir.resolve("twitter-2013dev-A.tsv"), dir.resolve("twitter-2013train-A.tsv"));
        assertThat(spec.load().examples()).extracting(LabelledText::text).containsExactly("down", "up");
    }

    @Test
    void wildcards_that_match_nothing_or_sit_in_a_folder_are_errors() {
        assertThatThrownBy(() -> DatasetSpec.load("semeval:" + dir + "/none*.tsv"))
                .isInstanceOf(DataException.class)
                .hasMessage("no files match " + dir + "/none*.tsv");
        assertThatThrownBy(() -> DatasetSpec.load("semeval:" + dir + "/*/a.tsv"))
                .isInstanceOf(DataException.class)
                .hasMessage("only the file name may contain *: " + dir + "/*/a.tsv");
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            reviews.tar.gz    | ''                                          | imdb
            semeval.tsv       | 264183816548130816\tpositive\tGas by my house | semeval
            table.tsv         | text\tlabel                                 | tsv
            posts.jsonl       | {"text": "hi", "label": "pos"}              | jsonl
            training.csv      | "0","1467810369","Mon Apr 06","NO_QUERY","u","hi" | s140
            mine.csv          | text,label                                  | csv
            """)
    void detects_the_format_of_a_path_without_prefix(String name, String firstLine, String format)
            throws IOException {
        write(name, firstLine.replace("\\t", "\t") + "\n");

        assertThat(DatasetSpec.parse(dir.resolve(name).toString()).format().specName()).isEqualTo(format);
    }

    @Test
    void detects_an_extracted_imdb_folder_or_its_parent() throws IOException {
        Files.createDirectories(dir.resolve("aclImdb/train/pos"));

        assertThat(DatasetSpec.parse(dir.toString()).format()).isEqualTo(DataFormat.IMDB);
        assertThat(DatasetSpec.parse(dir.resolve("aclImdb").toString()).format()).isEqualTo(DataFormat.IMDB);
    }

    @Test
    void cannot_detect_an_unknown_extension_or_a_missing_file() throws IOException {
        Path notes = write("notes.txt", "hello\n");

        assertThatThrownBy(() -> DatasetSpec.parse(notes.toString()))
                .isInstanceOf(DataException.class)
                .hasMessage("cannot tell the format of " + notes
                        + "; write the spec as FORMAT:PATH with FORMAT one of imdb, semeval, s140, csv, tsv, jsonl");
        assertThatThrownBy(() -> DatasetSpec.parse(dir.resolve("missing.csv").toString()))
                .isInstanceOf(DataException.class)
                .hasMessage("file not found: " + dir.resolve("missing.csv"));
    }

    @Test
    void loads_a_csv_spec_with_named_columns() throws IOException {
        Path file = write("my.csv", "id,review,sentiment\n7,Fine film,positive\n8,Bad film,negative\n");

        LabelledData data = DatasetSpec.load("csv:" + file + "?text=review&label=sentiment&id=id");

        assertThat(data.examples()).containsExactly(
                new LabelledText("7", "Fine film", "positive"), new LabelledText("8", "Bad film", "negative"));
    }

    @Test
    void loads_sentiment140_line_files_positive_first_and_refuses_them_reversed() throws IOException {
        Path positive = write("positive.txt", "yay\n");
        Path negative = write("negative.txt", "boo\n");

        assertThat(DatasetSpec.load("s140:" + positive + "," + negative).labelCounts())
                .containsEntry("positive", 1).containsEntry("negative", 1);
        assertThatThrownBy(() -> DatasetSpec.load("s140:" + dir + "/*.txt"))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith("s140 line files go positive first, then negative");
    }

    @Test
    void loading_a_missing_file_names_it() {
        Path missing = dir.resolve("gone.tsv");

        assertThatThrownBy(() -> DatasetSpec.load("semeval:" + missing))
                .isInstanceOf(DataException.class)
                .hasMessage("file not found: " + missing);
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}
