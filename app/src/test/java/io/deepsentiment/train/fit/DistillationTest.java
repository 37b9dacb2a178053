package io.deepsentiment.train.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deepsentiment.model.artifact.ModelManifest;
import io.deepsentiment.model.predict.SentimentPredictor;
import io.deepsentiment.testing.SyntheticSentiment;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small teacher trained on synthetic data teaches a student CNN that has almost no hand labels of
 * its own: the student learns from the teacher's probabilities on transfer texts whose own labels
 * are all wrong, so it only does well if the teacher, not those labels, is what it learns from.
 */
class DistillationTest {

    private static final List<String> THREE = List.of("negative", "neutral", "positive");

    @TempDir
    static Path dir;

    static Path teacher;
    static Path dev;
    static Path test;

    @BeforeAll
    static void trainTeacher() throws IOException {
        Path train = SyntheticSentiment.csv(dir.resolve("train.csv"), THREE, 600, 1);
        dev = SyntheticSentiment.csv(dir.resolve("dev.csv"), THREE, 150, 2);
        test = SyntheticSentiment.csv(dir.resolve("test.csv"), THREE, 150, 3);
        teacher = dir.resolve("teacher");
        new TrainingRun(TrainingRunTest.options(teacher, "csv:" + train, "csv:" + dev, "csv:" + test), quiet(),
                List.of("test")).run();
    }

    @Test
    void a_student_with_few_hand_labels_learns_from_the_teachers_probabilities_not_the_transfer_labels()
            throws IOException {
        Path few = SyntheticSentiment.csv(dir.resolve("few.csv"), THREE, 12, 4);
        Path transfer = wronglyLabelled(dir.resolve("transfer.csv"), 900, 5);
        Path cache = dir.resolve("cache");
        ByteArrayOutputStream console = new ByteArrayOutputStream();

        ModelManifest student = new TrainingRun(student(dir.resolve("student"), few, transfer, cache),
                new PrintStream(console, true, StandardCharsets.UTF_8), List.of("test")).run();

        @SuppressWarnings("unchecked")
        Map<String, Object> testMetrics = (Map<String, Object>) student.metrics().get("test");
        assertThat((Double) testMetrics.get("avgRec")).isGreaterThan(0.9);
        String record = student.training().get("teacher").toString();
        assertThat(record).contains("model=synthetic").contains("weight=0.5").contains("examples=900")
                .contains("sha256=");
        assertThat(console.toString(StandardCharsets.UTF_8)).contains("teacher synthetic scores 912 texts");

        // the same texts again: the scores come from the cache, not the teacher
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        new TrainingRun(student(dir.resolve("student-again"), few, transfer, cache),
                new PrintStream(again, true, StandardCharsets.UTF_8), List.of("test")).run();
        assertThat(again.toString(StandardCharsets.UTF_8)).contains("912 of 912 scores from")
                .doesNotContain("scores 912 texts");
    }

    @Test
    void a_stopped_scoring_continues_where_it_was_and_gives_the_same_scores() throws IOException {
        List<String> texts = new ArrayList<>();
        Random random = new Random(6);
        for (int i = 0; i < 5000; i++) {
            texts.add(SyntheticSentiment.text(THREE.get(i % 3), random));
        }
        Path cache = dir.resolve("resume-cache");
        try (SentimentPredictor model = SentimentPredictor.load(teacher);
                TrainingProgress progress = new TrainingProgress(quiet(), dir.resolve("resume.log"))) {
            float[][] whole = TeacherScores.score(model, texts, THREE, cache, progress);
            Path file;
            try (Stream<Path> files = Files.list(cache)) {
                file = files.findFirst().orElseThrow();
            }
            // cut the file off in the middle of a row, as a run killed while writing leaves it
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.truncate(8 + 4L * 3 * 2100 + 5);
            }
            ByteArrayOutputStream console = new ByteArrayOutputStream();
            try (TrainingProgress resumed = new TrainingProgress(new PrintStream(console, true, StandardCharsets.UTF_8),
                    dir.resolve("resumed.log"))) {
                float[][] again = TeacherScores.score(model, texts, THREE, cache, resumed);
                assertThat(again).isDeepEqualTo(whole);
            }
            assertThat(console.toString(StandardCharsets.UTF_8)).contains("2048 of 5000 scores from")
                    .contains("scores 2952 texts");
            assertThat(Files.size(file)).isEqualTo(8 + 4L * 3 * 5000);

            // the student's labels in its own order; one the teacher lacks is refused
            float[][] reordered = TeacherScores.score(model, texts, List.of("positive", "negative", "neutral"), cache,
                    progress);
            assertThat(reordered[0][0]).isEqualTo(whole[0][2]);
            assertThatThrownBy(() -> TeacherScores.score(model, texts, List.of("negative", "mixed"), cache, progress))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not mixed");
        }
    }

    private static TrainingOptions student(Path out, Path train, Path transfer, Path cache) {
        TrainingOptions base = TrainingRunTest.options(out, "csv:" + train, "csv:" + dev, "csv:" + test);
        return base.toBuilder().ngramBuckets(0)
                .teacher(new TeacherOptions(teacher, List.of("csv:" + transfer), 0.5f, cache)).build();
    }

    /** Texts of all three kinds, every one labelled neutral. */
    private static Path wronglyLabelled(Path file, int rows, long seed) throws IOException {
        Random random = new Random(seed);
        StringBuilder sb = new StringBuilder("text,label\n");
        for (int i = 0; i < rows; i++) {
            sb.append('"').append(SyntheticSentiment.text(THREE.get(i % 3), random)).append("\",neutral\n");
        }
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
        return file;
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }
}
