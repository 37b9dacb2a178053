package io.deepsentiment.hashtag.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns scored posts into an {@link AnalysisResult}: counts, shares, mean with its interval, histogram, extremes. */
public final class AnalysisSummary {

    /** Equal-width polarity bins over [-1, 1]. */
    static final int BINS = 10;
    /** Posts listed among the most positive and the most negative. */
    static final int EXTREMES = 5;
    /** z for a two-sided 95% normal interval. */
    private static final double Z95 = 1.959964;

    private AnalysisSummary() {}

    public static AnalysisResult of(List<ScoredPost> posts, List<String> labels, int fetched, List<String> notes) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        labels.forEach(label -> counts.put(label, 0));
        double sum = 0;
        int[] bins = new int[BINS];
        for (ScoredPost post : posts) {
            counts.merge(post.label(), 1, Integer::sum);
            sum += post.polarity();
            bins[bin(post.polarity())]++;
        }
        int n = posts.size();
        Map<String, Double> shares = new LinkedHashMap<>();
        counts.forEach((label, count) -> shares.put(label, n == 0 ? 0.0 : round(count / (double) n)));

        double mean = n == 0 ? 0 : sum / n;
        double halfWidth = 0;
        if (n > 1) {
            double squares = 0;
            for (ScoredPost post : posts) {
                squares += (post.polarity() - mean) * (post.polarity() - mean);
            }
            halfWidth = Z95 * Math.sqrt(squares / (n - 1)) / Math.sqrt(n);
        }
        List<HistogramBin> histogram = new ArrayList<>(BINS);
        for (int b = 0; b < BINS; b++) {
            histogram.add(new HistogramBin(round(-1 + 2.0 * b / BINS), round(-1 + 2.0 * (b + 1) / BINS), bins[b]));
        }
        List<ScoredPost> mostPositive = posts.stream().filter(p -> p.polarity() > 0)
                .sorted(Comparator.comparingDouble(ScoredPost::polarity).reversed()).limit(EXTREMES).toList();
        List<ScoredPost> mostNegative = posts.stream().filter(p -> p.polarity() < 0)
                .sorted(Comparator.comparingDouble(ScoredPost::polarity)).limit(EXTREMES).toList();
        return new AnalysisResult(n, fetched, counts, shares, round(mean), round(Math.max(-1, mean - halfWidth)),
                round(Math.min(1, mean + halfWidth)), histogram, mostPositive, mostNegative, notes);
    }

    static int bin(double polarity) {
        int b = (int) Math.floor((polarity + 1) / 2 * BINS);
        return Math.max(0, Math.min(BINS - 1, b));
    }

    private static double round(double x) {
        return Math.round(x * 10_000) / 10_000.0;
    }
}
