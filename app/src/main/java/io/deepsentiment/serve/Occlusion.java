package io.deepsentiment.serve;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import io.deepsentiment.model.predict.SentimentPredictor;

/**
 * Explanations by occlusion: a text of n tokens is scored n more times, each time without one of
 * its tokens, and a token's contribution is how much the log-odds ln(P(positive) / P(negative))
 * drop when it is removed. Simple and faithful to the network whatever its shape, at the price of
 * n extra rows in the batch. Log-odds rather than polarity, because a confident text has a
 * polarity of 0.9999 with or without any single word, which would make every word look neutral.
 */
final class Occlusion {

    private Occlusion() {}

    /**
     * The tokens an explanation covers: those the model reads. A CNN cuts a text to its maximum
     * number of tokens, an encoder to a number of word pieces; the words past the cut change
     * nothing, so they are left out. The shortest prefix whose ids are the whole text's ids is
     * found by bisection (once the cut is reached, longer prefixes give the same ids).
     */
    static List<String> explainable(SentimentPredictor predictor, List<String> tokens) {
        int[] whole = predictor.toIds(tokens);
        int low = 0;
        int high = tokens.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (java.util.Arrays.equals(predictor.toIds(tokens.subList(0, mid)), whole)) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return tokens.subList(0, low);
    }

    /** The text's ids followed by one variant per token with that token left out. */
    static List<int[]> variants(List<String> tokens, Function<List<String>, int[]> toIds) {
        List<int[]> out = new ArrayList<>(tokens.size() + 1);
        out.add(toIds.apply(tokens));
        for (int skip = 0; skip < tokens.size(); skip++) {
            List<String> variant = new ArrayList<>(tokens.size() - 1);
            variant.addAll(tokens.subList(0, skip));
            variant.addAll(tokens.subList(skip + 1, tokens.size()));
            out.add(toIds.apply(variant));
        }
        return out;
    }

    /** Smallest probability used in a log, so that a rounded-to-zero class gives a finite log-odds. */
    private static final double FLOOR = 1e-9;

    /**
     * Contributions of each token, given the class probabilities of the whole text and then of each
     * variant from {@link #variants}, and the positions of the positive and negative labels.
     */
    static List<TokenContribution> contributions(
            List<String> tokens, List<float[]> probabilities, int positive, int negative) {
        double whole = logOdds(probabilities.get(0), positive, negative);
        List<TokenContribution> out = new ArrayList<>(tokens.size());
        for (int i = 0; i < tokens.size(); i++) {
            double delta = whole - logOdds(probabilities.get(i + 1), positive, negative);
            out.add(new TokenContribution(tokens.get(i), Math.round(delta * 1_000) / 1_000.0));
        }
        return out;
    }

    static double logOdds(float[] p, int positive, int negative) {
        return Math.log(Math.max(p[positive], FLOOR)) - Math.log(Math.max(p[negative], FLOOR));
    }
}
