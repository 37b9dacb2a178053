package io.deepsentiment.train.evaluate;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scores of a model on one labelled set.
 *
 * @param examples number of texts scored
 * @param accuracy share of texts labelled correctly
 * @param macroF1 F1 averaged over all labels
 * @param avgRec recall averaged over all labels: the official SemEval-2017 Task 4A metric
 * @param f1PN F1 averaged over the positive and negative labels (SemEval's F1-PN)
 * @param perLabel precision, recall and F1 per label
 * @param labels label order of the confusion matrix
 * @param confusion confusion[gold][predicted] counts
 */
public record EvaluationReport(
        int examples,
        double accuracy,
        double macroF1,
        double avgRec,
        double f1PN,
        Map<String, LabelScores> perLabel,
        List<String> labels,
        int[][] confusion) {

    /** Precision, recall, F1 and the number of gold examples of one label. */
    public record LabelScores(double precision, double recall, double f1, int support) {}

    /** A short table for the console: the headline metrics, then the confusion matrix. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "examples %d  accuracy %.4f  macro-F1 %.4f  AvgRec %.4f  F1-PN %.4f%n",
                examples, accuracy, macroF1, avgRec, f1PN));
        sb.append(String.format(Locale.ROOT, "%-12s", "gold\\pred"));
        for (String l : labels) {
            sb.append(String.format(Locale.ROOT, "%10s", l));
        }
        sb.append(String.format(Locale.ROOT, "%10s%n", "recall"));
        for (int g = 0; g < labels.size(); g++) {
            sb.append(String.format(Locale.ROOT, "%-12s", labels.get(g)));
            for (int p = 0; p < labels.size(); p++) {
                sb.append(String.format(Locale.ROOT, "%10d", confusion[g][p]));
            }
            sb.append(String.format(Locale.ROOT, "%10.4f%n", perLabel.get(labels.get(g)).recall()));
        }
        return sb.toString();
    }
}
