package io.deepsentiment.train.evaluate;

import io.deepsentiment.train.evaluate.EvaluationReport.LabelScores;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Computes the metrics of {@link EvaluationReport} from gold and predicted label indices. */
public final class Evaluation {

    private Evaluation() {}

    /**
     * @param labels label names; indices in {@code gold} and {@code predicted} point into this list
     */
    public static EvaluationReport of(List<String> labels, int[] gold, int[] predicted) {
        if (gold.length != predicted.length) {
            throw new IllegalArgumentException("gold and predicted differ in length");
        }
        int k = labels.size();
        int[][] confusion = new int[k][k];
        int correct = 0;
        for (int i = 0; i < gold.length; i++) {
            confusion[gold[i]][predicted[i]]++;
            if (gold[i] == predicted[i]) {
                correct++;
            }
        }
        Map<String, LabelScores> perLabel = new LinkedHashMap<>();
        double f1Sum = 0;
        double recallSum = 0;
        for (int c = 0; c < k; c++) {
            int truePositives = confusion[c][c];
            int goldCount = 0;
            int predictedCount = 0;
            for (int j = 0; j < k; j++) {
                goldCount += confusion[c][j];
                predictedCount += confusion[j][c];
            }
            double precision = predictedCount == 0 ? 0 : (double) truePositives / predictedCount;
            double recall = goldCount == 0 ? 0 : (double) truePositives / goldCount;
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            perLabel.put(labels.get(c), new LabelScores(precision, recall, f1, goldCount));
            f1Sum += f1;
            recallSum += recall;
        }
        LabelScores pos = perLabel.get("positive");
        LabelScores neg = perLabel.get("negative");
        double f1PN = pos != null && neg != null ? (pos.f1() + neg.f1()) / 2 : Double.NaN;
        double accuracy = gold.length == 0 ? 0 : (double) correct / gold.length;
        return new EvaluationReport(gold.length, accuracy, f1Sum / k, recallSum / k, f1PN, perLabel,
                List.copyOf(labels), confusion);
    }
}
