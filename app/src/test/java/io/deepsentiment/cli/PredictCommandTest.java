package io.deepsentiment.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deepsentiment.model.predict.Prediction;
import io.deepsentiment.model.predict.SentimentPredictor;
import io.deepsentiment.testing.TinyModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code predict} as a user would, with {@code --model} naming the directory of a small model
 * trained in the test JVM ({@link TinyModel}); what a bare name such as {@code tweets}
 * means is ModelLocationTest's business.
 */
class PredictCommandTest {

    @TempDir
    Path dir;

    private String run(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            assertThat(Main.run(args)).isZero();
        } finally {
            System.setOut(original);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void writes_one_json_line_per_input_line_in_order_including_empty_lines() throws IOException {
        List<String> texts = List.of("I love this phone and it was the best day", "",
                "This was the worst day and I hate it", "   ", "#Monday meeting at 10am");
        Path input = Files.writeString(dir.resolve("in.txt"), String.join("\n", texts) + "\n");
        Path model = TinyModel.threeLabels();
        List<String> lines = run("predict", "--model", model.toString(), "--input", input.toString()).lines().toList();
        assertThat(lines).hasSize(5);
        ObjectMapper json = new ObjectMapper();
        JsonNode first = json.readTree(lines.get(0));
        JsonNode third = json.readTree(lines.get(2));
        assertThat(first.get("label").asText()).isEqualTo("positive");
        assertThat(third.get("label").asText()).isEqualTo("negative");
        assertThat(first.get("polarity").asDouble()).isGreaterThan(0.3);
        assertThat(third.get("polarity").asDouble()).isLessThan(-0.3);
        for (String line : lines) {
            JsonNode p = json.readTree(line);
            assertThat(p.get("probabilities").fieldNames()).toIterable()
                    .containsExactly("negative", "neutral", "positive");
            double sum = 0;
            for (JsonNode v : p.get("probabilities")) {
                sum += v.asDouble();
            }
            assertThat(sum).isBetween(0.999, 1.001);
            double polarity = p.get("polarity").asDouble();
            assertThat(polarity).isBetween(-1.0, 1.0);
            assertThat(polarity).isCloseTo(p.get("probabilities").get("positive").asDouble()
                    - p.get("probabilities").get("negative").asDouble(), within(2e-4));
        }
        // each line is the answer of its own text: the model's, loaded here
        try (SentimentPredictor predictor = SentimentPredictor.load(model)) {
            List<Prediction> expected = predictor.predict(texts);
            for (int i = 0; i < texts.size(); i++) {
                JsonNode p = json.readTree(lines.get(i));
                assertThat(p.get("label").asText()).as("line %d", i + 1).isEqualTo(expected.get(i).label());
                assertThat(p.get("polarity").asDouble()).as("line %d", i + 1)
                        .isCloseTo(expected.get(i).polarity(), within(1e-4));
            }
        }
    }

    @Test
    void a_two_label_model_reports_no_neutral_class() throws IOException {
        Path input = Files.writeString(dir.resolve("in.txt"), "We love the new show and it was a wonderful time\n");
        JsonNode p = new ObjectMapper().readTree(run("predict", "--model", TinyModel.twoLabels().toString(),
                "--input", input.toString()));
        assertThat(p.get("probabilities").fieldNames()).toIterable().containsExactly("negative", "positive");
        assertThat(p.get("label").asText()).isEqualTo("positive");
    }

    @Test
    void a_missing_model_is_a_clear_error_not_a_stack_trace() {
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            assertThat(Main.run("predict", "--model", dir.resolve("nope").toString())).isEqualTo(2);
        } finally {
            System.setErr(original);
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("error: model not found").doesNotContain("\tat ");
    }
}
