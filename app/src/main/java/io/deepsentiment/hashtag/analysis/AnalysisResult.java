package io.deepsentiment.hashtag.analysis;

import java.util.List;
import java.util.Map;

/**
 * What an analysis found.
 *
 * @param posts posts scored (after de-duplication and dropping empty texts)
 * @param fetched posts the source returned
 * @param counts posts per label, in the model's label order
 * @param shares fraction of posts per label (sums to 1 when posts > 0)
 * @param meanPolarity mean polarity of the posts
 * @param meanPolarityLow lower end of the 95% confidence interval of the mean
 * @param meanPolarityHigh upper end of that interval
 * @param histogram polarity histogram over [-1, 1] in equal bins
 * @param mostPositive up to 5 posts with the highest polarity, highest first
 * @param mostNegative up to 5 posts with the lowest polarity, lowest first
 * @param notes why the result holds fewer posts than it could, in sentences for the user (a server
 *     that refused, a spending allowance that ran out); empty when nothing is amiss
 */
public record AnalysisResult(
        int posts,
        int fetched,
        Map<String, Integer> counts,
        Map<String, Double> shares,
        double meanPolarity,
        double meanPolarityLow,
        double meanPolarityHigh,
        List<HistogramBin> histogram,
        List<ScoredPost> mostPositive,
        List<ScoredPost> mostNegative,
        List<String> notes) {

    public AnalysisResult {
        notes = notes == null ? List.of() : List.copyOf(notes);
    }
}
