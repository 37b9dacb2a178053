package io.deepsentiment.train.fit;

import io.deepsentiment.model.artifact.ModelArtifact;
import io.deepsentiment.model.artifact.ModelManifest;
import io.deepsentiment.model.predict.SentimentPredictor;
import io.deepsentiment.train.data.DataSplits;
import io.deepsentiment.train.data.DatasetSpec;
import io.deepsentiment.train.data.LabelledData;
import io.deepsentiment.train.data.LabelledText;
import io.deepsentiment.train.data.ReadSummary;
import io.deepsentiment.train.evaluate.ModelEvaluator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The teacher's part of a distilled run ({@link TeacherOptions}): the transfer texts it labels
 * besides the training set, the soft targets it gives, and what the artifact records about it.
 */
final class Distillation {

    /** The soft targets, and how often the teacher agreed with the hand labels. */
    record Taught(Targets targets, double agreement) {}

    private final TeacherOptions teacher;
    private final TrainingProgress progress;

    Distillation(TeacherOptions teacher, TrainingProgress progress) {
        this.teacher = teacher;
        this.progress = progress;
    }

    /** The texts the teacher labels besides the training set, with every held-out example removed. */
    LabelledData loadTransfer(SplitData data) {
        if (teacher.transfer().isEmpty()) {
            return new LabelledData(List.of(), List.of());
        }
        List<LabelledText> examples = new ArrayList<>();
        List<ReadSummary> summaries = new ArrayList<>();
        for (String spec : teacher.transfer()) {
            LabelledData d = DatasetSpec.load(spec);
            examples.addAll(d.examples());
            summaries.addAll(d.summaries());
        }
        LabelledData transfer = SplitData.noLeak(new LabelledData(examples, summaries), data.dev(), data.test());
        progress.line("transfer (labelled by the teacher): %s", transfer.describe());
        return transfer;
    }

    /**
     * Soft targets: a hand-labelled example's is the teacher's probabilities and its label mixed
     * by {@code weight}; a transfer text's is the teacher's alone.
     */
    Taught targets(LabelledData train, int[] trainLabels, LabelledData transfer, List<String> labels) {
        List<String> texts = new ArrayList<>(train.size() + transfer.size());
        train.examples().forEach(e -> texts.add(e.text()));
        transfer.examples().forEach(e -> texts.add(e.text()));
        float[][] scores;
        try (SentimentPredictor model = SentimentPredictor.load(teacher.model())) {
            progress.line("teacher: %s %s from %s", model.manifest().name(), model.manifest().version(), teacher.model());
            scores = TeacherScores.score(model, texts, labels, teacher.cacheDir(), progress);
        }
        float[][] distributions = new float[texts.size()][];
        int agree = 0;
        for (int i = 0; i < texts.size(); i++) {
            float[] p = scores[i].clone();
            if (i < trainLabels.length) {
                if (ModelEvaluator.argmax(p) == trainLabels[i]) {
                    agree++;
                }
                for (int c = 0; c < p.length; c++) {
                    p[c] = teacher.weight() * p[c] + (1 - teacher.weight()) * (c == trainLabels[i] ? 1f : 0f);
                }
            }
            distributions[i] = p;
        }
        progress.line("teacher agrees with %d of %d training labels (%.1f%%); %d more texts labelled by it alone",
                agree, trainLabels.length, 100.0 * agree / Math.max(1, trainLabels.length), transfer.size());
        return new Taught(Targets.soft(distributions, labels.size()),
                trainLabels.length == 0 ? 0 : (double) agree / trainLabels.length);
    }

    /** The teacher, its weight and agreement, and the transfer texts, as the artifact records them. */
    Map<String, Object> record(LabelledData transfer, double agreement) {
        ModelManifest manifest = ModelArtifact.readManifest(teacher.model());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", manifest.name());
        m.put("version", manifest.version());
        m.put("weight", teacher.weight());
        m.put("agreementWithTrainingLabels", Math.round(agreement * 10_000) / 10_000.0);
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("specs", teacher.transfer());
        t.put("examples", transfer.size());
        t.put("sha256", DataSplits.fingerprint(transfer));
        m.put("transfer", t);
        return m;
    }
}
