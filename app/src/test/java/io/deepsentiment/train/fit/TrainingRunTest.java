package io.deepsentiment.train.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deepsentiment.model.artifact.ArtifactException;
import io.deepsentiment.model.artifact.ModelArtifact;
import io.deepsentiment.model.artifact.ModelManifest;
import io.deepsentiment.model.predict.Prediction;
import io.deepsentiment.model.predict.SentimentPredictor;
import io.deepsentiment.testing.SyntheticSentiment;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trains small models on synthetic separable data end to end, then checks the artifact. The main
 * model has the bag of word pairs ({@code ngramBuckets}); the distant-supervision one is a plain CNN.
 */
class TrainingRunTest {

    private static final List<String> THREE = List.of("negative", "neutral", "positive");

    @TempDir
    static Path dir;

    static Path model;
    static ModelManifest manifest;
    static String log;

    @BeforeAll
    static void trainOnce() throws IOException {
        Path train = SyntheticSentiment.csv(dir.resolve("train.csv"), THREE, 600, 1);
        Path dev = SyntheticSentiment.csv(dir.resolve("dev.csv"), THREE, 150, 2);
        Path test = SyntheticSentiment.csv(dir.resolve("test.csv"), THREE, 150, 3);
        model = dir.resolve("model");
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        manifest = new TrainingRun(options(model, "csv:" + train, "csv:" + dev, "csv:" + test),
                new PrintStream(console, true, StandardCharsets.UTF_8), List.of("test")).run();
        log = console.toString(StandardCharsets.UTF_8);
    }

    static TrainingOptions options(Path out, String train, String dev, String test) {
        return TrainingOptions.builder().name("synthetic").out(out)
                .train(List.of(train)).dev(List.of(dev)).test(List.of(test))
                .embeddingDim(16).filterWidths(List.of(2, 3)).filters(16).dropout(0.3f).maxTokens(40).ngramBuckets(1024)
                .minCount(1).maxVocabulary(5000).epochs(6).patience(2).batchSize(32).learningRate(0.005f).seed(7)
                .build();
    }

    @Test
    void learns_separable_data_far_above_chance() {
        @SuppressWarnings("unchecked")
        Map<String, Object> test = (Map<String, Object>) manifest.metrics().get("test");
        assertThat((Double) test.get("accuracy")).isGreaterThan(0.9);
        assertThat((Double) test.get("avgRec")).isGreaterThan(0.9);
        assertThat(log).contains("dev score").contains("model written to");
    }

    @Test
    void distant_pretraining_on_binary_labels_feeds_a_three_class_model() throws IOException {
        Path distant = SyntheticSentiment.csv(dir.resolve("distant.csv"), List.of("negative", "positive"), 300, 4);
        TrainingOptions base = options(dir.resolve("distant-model"), "csv:" + dir.resolve("train.csv"),
                "csv:" + dir.resolve("dev.csv"), "csv:" + dir.resolve("test.csv"));
        TrainingOptions withDistant = base.toBuilder().distant(List.of("csv:" + distant)).ngramBuckets(0).epochs(3)
                .build();
        ModelManifest m = new TrainingRun(withDistant, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8), List.of("test")).run();
        assertThat(m.labels()).containsExactlyElementsOf(THREE);
        assertThat(m.training().get("phases").toString()).contains("distant").contains("labels=[negative, positive]");
        @SuppressWarnings("unchecked")
        Map<String, Object> test = (Map<String, Object>) m.metrics().get("test");
        assertThat((Double) test.get("avgRec")).isGreaterThan(0.8);
    }

    @Test
    void artifact_describes_itself() throws IOException {
        ModelManifest read = ModelArtifact.readManifest(model);
        assertThat(read.labels()).containsExactlyElementsOf(THREE);
        assertThat(read.tokenizer().version()).isEqualTo(io.deepsentiment.model.text.TweetTokenizer.VERSION);
        assertThat(read.network().filterWidths()).containsExactly(2, 3);
        assertThat(read.network().ngramBuckets()).isEqualTo(1024);
        assertThat(read.training().get("phases").toString()).contains("mix={cnn=");
        assertThat(read.training()).containsKeys("options", "data", "command", "phases", "wordVectors");
        assertThat(read.training().get("data").toString()).contains("sha256");
        assertThat(read.metrics()).containsKeys("dev", "test");
        assertThat(read.files()).containsKeys(ModelArtifact.VOCABULARY, ModelArtifact.PARAMS);
        assertThat(Files.readString(model.resolve("training.log"))).contains("dev score");
    }

    @Test
    void reloaded_model_gives_identical_predictions() {
        List<String> texts = new ArrayList<>();
        Random random = new Random(9);
        for (String label : THREE) {
            texts.add(SyntheticSentiment.text(label, random));
        }
        texts.add("");
        try (SentimentPredictor a = SentimentPredictor.load(model); SentimentPredictor b = SentimentPredictor.load(model)) {
            List<Prediction> first = a.predict(texts);
            assertThat(b.predict(texts)).isEqualTo(first);
            assertThat(first.get(0).label()).isEqualTo("negative");
            assertThat(first.get(2).label()).isEqualTo("positive");
            assertThat(first.get(2).polarity()).isPositive();
            assertThat(first.get(0).polarity()).isNegative();
            assertThat(first).hasSize(4);
        }
    }

    @Test
    void a_text_scores_the_same_alone_and_in_a_batch_with_long_texts() {
        Random random = new Random(11);
        String text = SyntheticSentiment.text("positive", random);
        List<String> batch = new ArrayList<>();
        batch.add(text);
        for (int i = 0; i < 20; i++) {
            batch.add((SyntheticSentiment.text("negative", random) + " ").repeat(3));
        }
        try (SentimentPredictor p = SentimentPredictor.load(model)) {
            assertThat(p.predict(batch).get(0)).isEqualTo(p.predict(text));
        }
    }

    @Test
    void repeated_and_reordered_scoring_of_many_texts_gives_the_same_answers() {
        Random random = new Random(12);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            texts.add(SyntheticSentiment.text(THREE.get(i % 3), random));
        }
        List<String> reversed = new ArrayList<>(texts);
        java.util.Collections.reverse(reversed);
        try (SentimentPredictor p = SentimentPredictor.load(model)) {
            List<Prediction> first = p.predict(texts);
            for (int round = 0; round < 3; round++) {
                assertThat(p.predict(texts)).isEqualTo(first);
            }
            List<Prediction> backwards = new ArrayList<>(p.predict(reversed));
            java.util.Collections.reverse(backwards);
            assertThat(backwards).isEqualTo(first);
        }
    }

    @Test
    void corrupt_weights_are_refused_with_a_clear_message() throws IOException {
        Path copy = copyModel("corrupt");
        byte[] params = Files.readAllBytes(copy.resolve(ModelArtifact.PARAMS));
        params[params.length / 2] ^= 0x5a;
        Files.write(copy.resolve(ModelArtifact.PARAMS), params);
        assertThatThrownBy(() -> SentimentPredictor.load(copy))
                .isInstanceOf(ArtifactException.class)
                .hasMessageContaining("does not match its checksum");
    }

    @Test
    void an_incompatible_or_missing_artifact_is_refused() throws IOException {
        Path copy = copyModel("old-tokenizer");
        Path manifestFile = copy.resolve(ModelArtifact.MANIFEST);
        Files.writeString(manifestFile, Files.readString(manifestFile).replaceFirst("\"version\" : \\d+", "\"version\" : 999"));
        assertThatThrownBy(() -> SentimentPredictor.load(copy))
                .isInstanceOf(ArtifactException.class).hasMessageContaining("tokenizer version");
        assertThatThrownBy(() -> SentimentPredictor.load(dir.resolve("nowhere")))
                .isInstanceOf(ArtifactException.class).hasMessageContaining("model not found");
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThatThrownBy(() -> SentimentPredictor.load(empty))
                .isInstanceOf(ArtifactException.class).hasMessageContaining("has no manifest.json");
    }

    @Test
    void no_partial_artifact_is_left_beside_the_model() throws IOException {
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("partial"));
        }
    }

    private static Path copyModel(String name) throws IOException {
        Path copy = Files.createDirectories(dir.resolve(name));
        try (var files = Files.list(model)) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        return copy;
    }
}
