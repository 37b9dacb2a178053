package io.deepsentiment.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deepsentiment.model.artifact.ModelArtifact;
import io.deepsentiment.model.predict.SentimentPredictor;
import io.deepsentiment.testing.SyntheticSentiment;
import io.deepsentiment.testing.TinyModel;
import io.deepsentiment.train.data.DatasetSpec;
import io.deepsentiment.train.data.LabelledData;
import io.deepsentiment.train.data.LabelledText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code evaluate} and {@code evaluate --record} on a small model, against metrics computed here. */
class EvaluateCommandTest {

    private static final List<String> LABELS = List.of("negative", "neutral", "positive");

    @TempDir
    Path dir;

    @Test
    void evaluate_writes_the_metrics_and_record_stores_them_in_the_manifest() throws IOException {
        Path model = copy(TinyModel.threeLabels(), dir.resolve("model"));
        Path data = SyntheticSentiment.csv(dir.resolve("test.csv"), LABELS, 90, 77);
        // a hard case on top, so the metrics are not all 1.0
        Files.writeString(data, "x-1,\"tomorrow awful great\",positive\nx-2,\"meeting\",negative\n",
                java.nio.file.StandardOpenOption.APPEND);
        Path json = dir.resolve("metrics.json");

        int exit = Main.run("evaluate", "--model", model.toString(), "--data", "csv:" + data, "--json", json.toString(),
                "--record", "synthetic");

        assertThat(exit).isZero();
        // the same accuracy and recall per class, computed here from the model's own predictions
        LabelledData examples = DatasetSpec.load("csv:" + data);
        int correct = 0;
        int[] gold = new int[3];
        int[] hit = new int[3];
        try (SentimentPredictor predictor = SentimentPredictor.load(model)) {
            var predictions = predictor.predict(examples.examples().stream().map(LabelledText::text).toList());
            for (int i = 0; i < predictions.size(); i++) {
                int g = LABELS.indexOf(examples.examples().get(i).label());
                gold[g]++;
                if (predictions.get(i).label().equals(examples.examples().get(i).label())) {
                    correct++;
                    hit[g]++;
                }
            }
        }
        double accuracy = (double) correct / examples.size();
        double avgRec = ((double) hit[0] / gold[0] + (double) hit[1] / gold[1] + (double) hit[2] / gold[2]) / 3;
        JsonNode written = new ObjectMapper().readTree(json.toFile());
        assertThat(written.toString()).contains("\"examples\":" + examples.size());
        assertThat(findNumber(written, "accuracy")).isCloseTo(accuracy, within(1e-4));
        assertThat(findNumber(written, "avgRec")).isCloseTo(avgRec, within(1e-4));

        // --record: the manifest keeps it, and the model still loads (its checksums hold)
        Map<String, Object> recorded = ModelArtifact.readManifest(model).metrics();
        assertThat(recorded).containsKey("synthetic");
        assertThat(recorded.get("synthetic").toString()).contains("avgRec=" + Math.round(avgRec * 10_000) / 10_000.0);
        try (SentimentPredictor reloaded = SentimentPredictor.load(model)) {
            assertThat(reloaded.manifest().metrics()).containsKey("synthetic");
        }
    }

    private static double findNumber(JsonNode node, String field) {
        JsonNode found = node.findValue(field);
        assertThat(found).as(field + " in " + node).isNotNull();
        return found.asDouble();
    }

    private static Path copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        return to;
    }
}
