package io.deepsentiment.train.evaluate;

import io.deepsentiment.model.predict.SentimentPredictor;
import io.deepsentiment.train.data.LabelledText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Scores a predictor on one labelled set whose texts are already turned into token ids. */
public final class ModelEvaluator {

    private final List<String> labels;
    private final List<int[]> ids;
    private final int[] gold;

    /**
     * @param labels label order of {@code gold} (the model's label order)
     */
    public ModelEvaluator(List<String> labels, List<int[]> ids, int[] gold) {
        this.labels = List.copyOf(labels);
        this.ids = ids;
        this.gold = gold;
    }

    /** An evaluator of {@code predictor} on labelled texts; a label the model lacks is an error. */
    public static ModelEvaluator of(SentimentPredictor predictor, List<LabelledText> examples) {
        List<String> labels = predictor.labels();
        List<int[]> ids = new ArrayList<>(examples.size());
        int[] gold = new int[examples.size()];
        for (int i = 0; i < gold.length; i++) {
            LabelledText e = examples.get(i);
            gold[i] = labels.indexOf(e.label());
            if (gold[i] < 0) {
                throw new IllegalArgumentException("the data has label '" + e.label() + "' but model "
                        + predictor.manifest().name() + " knows only " + labels);
            }
            ids.add(predictor.toIds(predictor.tokens(e.text())));
        }
        return new ModelEvaluator(labels, ids, gold);
    }

    public EvaluationReport evaluate(SentimentPredictor predictor) {
        if (!predictor.labels().equals(labels)) {
            throw new IllegalArgumentException("model labels " + predictor.labels() + " differ from " + labels);
        }
        List<float[]> probabilities = predictor.probabilities(ids);
        int[] predicted = new int[gold.length];
        for (int i = 0; i < predicted.length; i++) {
            predicted[i] = argmax(probabilities.get(i));
        }
        return Evaluation.of(labels, gold, predicted);
    }

    /** The named metric: accuracy, macroF1, avgRec or f1PN. */
    public double score(SentimentPredictor predictor, String metric) {
        EvaluationReport r = evaluate(predictor);
        return switch (metric) {
            case "accuracy" -> r.accuracy();
            case "macroF1" -> r.macroF1();
            case "avgRec" -> r.avgRec();
            case "f1PN" -> r.f1PN();
            default -> throw new IllegalArgumentException("unknown metric " + metric);
        };
    }

    /** The headline numbers of a report, as recorded in a model artifact. */
    public static Map<String, Object> summary(EvaluationReport report, String data) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("data", data);
        m.put("examples", report.examples());
        m.put("accuracy", round(report.accuracy()));
        m.put("macroF1", round(report.macroF1()));
        m.put("avgRec", round(report.avgRec()));
        if (!Double.isNaN(report.f1PN())) {
            m.put("f1PN", round(report.f1PN()));
        }
        return m;
    }

    private static double round(double x) {
        return Math.round(x * 10_000) / 10_000.0;
    }

    public static int argmax(float[] p) {
        int best = 0;
        for (int c = 1; c < p.length; c++) {
            if (p[c] > p[best]) {
                best = c;
            }
        }
        return best;
    }
}
