package io.deepsentiment.cli;

import io.deepsentiment.model.artifact.ModelArtifact;
import io.deepsentiment.model.artifact.ModelLocation;
import io.deepsentiment.model.artifact.ModelManifest;
import io.deepsentiment.model.predict.SentimentPredictor;
import io.deepsentiment.train.data.DatasetSpec;
import io.deepsentiment.train.data.LabelledData;
import io.deepsentiment.train.data.LabelledText;
import io.deepsentiment.train.evaluate.EvaluationReport;
import io.deepsentiment.train.evaluate.ModelEvaluator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Scores a model on a labelled set: accuracy, macro-F1, AvgRec, F1-PN and the confusion matrix. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Evaluate a model on labelled data; prints the metrics and writes them as JSON.")
final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--model", defaultValue = "tweets", description = "tweets, reviews or a model directory (default: ${DEFAULT-VALUE})")
    String model;

    @Option(names = "--data", required = true, description = "dataset spec, e.g. semeval:PATH.tsv or imdb:PATH?split=test (repeatable)")
    List<String> data;

    @Option(names = "--limit", defaultValue = "0", description = "score only the first N examples (0 = all)")
    int limit;

    @Option(names = "--json", defaultValue = "evaluation.json", description = "where to write the metrics as JSON (default: ${DEFAULT-VALUE})")
    Path json;

    @Option(names = "--record", description = "also store the summary in the model's manifest.json under metrics.NAME (e.g. test)")
    String record;

    @Override
    public Integer call() throws Exception {
        List<LabelledText> examples = new ArrayList<>();
        for (String spec : data) {
            LabelledData d = DatasetSpec.load(spec);
            System.err.println(d.describe());
            examples.addAll(d.examples());
        }
        if (limit > 0 && examples.size() > limit) {
            examples = examples.subList(0, limit);
        }
        Path dir = ModelLocation.resolve(model);
        try (SentimentPredictor predictor = SentimentPredictor.load(dir)) {
            EvaluationReport report = ModelEvaluator.of(predictor, examples).evaluate(predictor);
            System.out.println("model " + predictor.manifest().name() + " " + predictor.manifest().version()
                    + " on " + String.join(" ", data));
            System.out.print(report.describe());
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("model", predictor.manifest().name());
            out.put("version", predictor.manifest().version());
            out.put("data", data);
            out.put("summary", ModelEvaluator.summary(report, String.join(" ", data)));
            out.put("report", report);
            ModelArtifact.json().writeValue(json.toFile(), out);
            System.out.println("metrics written to " + json);
            if (record != null) {
                ModelManifest manifest = predictor.manifest();
                Map<String, Object> metrics = new LinkedHashMap<>(manifest.metrics() == null ? Map.of() : manifest.metrics());
                metrics.put(record, ModelEvaluator.summary(report, String.join(" ", data)));
                ModelArtifact.writeManifest(dir, manifest.withMetrics(metrics));
                System.out.println("recorded as metrics." + record + " in " + dir.resolve(ModelArtifact.MANIFEST));
            }
        }
        return 0;
    }
}
