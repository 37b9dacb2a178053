package io.deepsentiment.train.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks the readers against the real public datasets in {@code ../shared/datasets} (read in
 * place, never copied); skipped where that folder does not exist.
 */
class RealDatasetsTest {

    private static final Path DATASETS = Path.of("../shared/datasets");

    @BeforeAll
    static void requireDatasets() {
        assumeTrue(Files.isDirectory(DATASETS), "no " + DATASETS.toAbsolutePath());
    }

    @Test
    void imdb_train_has_25000_balanced_reviews() {
        LabelledData train = DatasetSpec.load("imdb:" + DATASETS + "/imdb/aclImdb_v1_labeled.tar.gz?split=train");

        assertThat(train.size()).isEqualTo(25_000);
        assertThat(train.labelCounts()).containsEntry("negative", 12_500).containsEntry("positive", 12_500);
        assertThat(train.examples().get(0).id()).isEqualTo("train/neg/0_3");
    }

    @Test
    void semeval_2016_test_has_20632_rows_with_its_repeated_tweets_removed() {
        LabelledData test = DatasetSpec.load(DATASETS + "/semeval2017-task4a/twitter-2016test-A.tsv");
        ReadSummary summary = test.summaries().get(0);

        assertThat(summary.rowsRead()).isEqualTo(20_632);
        assertThat(summary.skipped()).isZero();
        assertThat(summary.duplicatesRemoved()).isPositive().isLessThan(100);
        assertThat(test.size()).isEqualTo(summary.kept());
        assertThat(test.labels()).containsExactly("negative", "neutral", "positive");
    }

    @Test
    void semeval_training_files_share_no_tweet_with_2016_test_once_overlap_is_removed() {
        LabelledData train = DatasetSpec.load("semeval:" + DATASETS + "/semeval2017-task4a/twitter-201[345]*.tsv");
        LabelledData test = DatasetSpec.load("semeval:" + DATASETS + "/semeval2017-task4a/twitter-2016test-A.tsv");

        LabelledData cleaned = DataSplits.removeOverlap(train, test);

        assertThat(cleaned.size()).isGreaterThan(15_000);
        DataSplits.checkNoLeak(cleaned, test);
    }

    @Test
    void sentiment140_sample_has_50000_positive_and_50000_negative_tweets() {
        String folder = DATASETS + "/sentiment140-100k";
        LabelledData data = DatasetSpec.load("s140:" + folder + "/positive.txt," + folder + "/negative.txt");

        assertThat(data.labelCounts()).containsEntry("positive", 50_000).containsEntry("negative", 50_000);
    }
}
