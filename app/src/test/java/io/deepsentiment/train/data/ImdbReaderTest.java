package io.deepsentiment.train.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImdbReaderTest {

    /** A tiny dataset in the official layout, with the files a reader must ignore. */
    private static final Map<String, String> FILES = new LinkedHashMap<>();

    static {
        FILES.put("aclImdb/README", "Large Movie Review Dataset v1.0");
        FILES.put("aclImdb/imdb.vocab", "the\nand\n");
        FILES.put("aclImdb/test/neg/0_2.txt", "Dull.");
        FILES.put("aclImdb/test/pos/0_10.txt", "Superb.");
        FILES.put("aclImdb/train/pos/10_7.txt", "Good fun.");
        FILES.put("aclImdb/train/pos/0_9.txt", "A classic.<br /><br />Caf\u00e9 scenes &amp; all.");
        FILES.put("aclImdb/train/pos/2_8.txt", "Lovely.");
        FILES.put("aclImdb/train/neg/3_2.txt", " ");
        FILES.put("aclImdb/train/neg/1_1.txt", "Awful.");
        FILES.put("aclImdb/train/unsup/5_0.txt", "Unlabelled.");
        FILES.put("aclImdb/train/urls_pos.txt", "http://www.imdb.com/title/tt0453418/usercomments");
    }

    @TempDir
    Path dir;

    private Path archive;

    @BeforeEach
    void writeArchive() throws IOException {
        archive = dir.resolve("aclImdb_v1.tar.gz");
        try (OutputStream file = Files.newOutputStream(archive);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(file))) {
            for (Map.Entry<String, String> entry : FILES.entrySet()) {
                byte[] content = entry.getValue().getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry header = new TarArchiveEntry(entry.getKey());
                header.setSize(content.length);
                tar.putArchiveEntry(header);
                tar.write(content);
                tar.closeArchiveEntry();
            }
        }
    }

    @Test
    void reads_one_split_from_the_archive_negative_first_in_numeric_order() {
        LabelledData train = new ImdbReader().read(archive, "train");

        assertThat(train.examples()).containsExactly(
                new LabelledText("train/neg/1_1", "Awful.", "negative"),
                new LabelledText("train/pos/0_9", "A classic.<br /><br />Caf\u00e9 scenes &amp; all.", "positive"),
                new LabelledText("train/pos/2_8", "Lovely.", "positive"),
                new LabelledText("train/pos/10_7", "Good fun.", "positive"));
        assertThat(train.summaries()).extracting(ReadSummary::describe).containsExactly(
                "aclImdb_v1.tar.gz (train): 5 rows, 4 kept, 1 skipped (1 empty text), 0 duplicates removed");
    }

    @Test
    void reads_the_test_split() {
        LabelledData test = new ImdbReader().read(archive, "test");

        assertThat(test.examples()).extracting(LabelledText::id).containsExactly("test/neg/0_2", "test/pos/0_10");
    }

    @Test
    void an_extracted_folder_gives_the_same_data_as_the_archive() throws IOException {
        for (Map.Entry<String, String> entry : FILES.entrySet()) {
            Path file = dir.resolve("extracted").resolve(entry.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, entry.getValue());
        }
        String fromArchive = DataSplits.fingerprint(new ImdbReader().read(archive, "train"));

        assertThat(DataSplits.fingerprint(new ImdbReader().read(dir.resolve("extracted"), "train")))
                .isEqualTo(fromArchive);
        assertThat(DataSplits.fingerprint(new ImdbReader().read(dir.resolve("extracted/aclImdb"), "train")))
                .isEqualTo(fromArchive);
    }

    @Test
    void a_missing_archive_is_reported_by_path() {
        Path missing = dir.resolve("missing.tar.gz");

        assertThatThrownBy(() -> new ImdbReader().read(missing, "train"))
                .isInstanceOf(DataException.class)
                .hasMessage("file not found: " + missing);
    }

    @Test
    void a_corrupt_archive_is_reported_as_unreadable() throws IOException {
        Path corrupt = Files.write(dir.resolve("corrupt.tar.gz"), new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3});

        assertThatThrownBy(() -> new ImdbReader().read(corrupt, "train"))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith("cannot read archive " + corrupt);
    }

    @Test
    void a_folder_without_the_layout_and_an_unknown_split_are_errors() throws IOException {
        Path empty = Files.createDirectory(dir.resolve("empty"));

        assertThatThrownBy(() -> new ImdbReader().read(empty, "train"))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("has neither train/ nor aclImdb/train/");
        assertThatThrownBy(() -> new ImdbReader().read(archive, "unsup"))
                .isInstanceOf(DataException.class)
                .hasMessage("unknown IMDB split \"unsup\"; expected train or test");
    }
}
