package io.deepsentiment.serve;

import java.util.ArrayList;
import java.util.List;

/**
 * Explanations by occlusion: a text of n tokens is scored n more times, each time without one of
 * its tokens, and a token's contribution is how much the log-odds ln(P(positive) / P(negative))
 * drop when it is removed. Simple and faithful to the network whatever its shape, at the price of
 * n extra rows in the batch. Log-odds rather than polarity, because a confident text has a
 * polarity of 0.9999 with or without any single word, which would make every word look neutral.
 */
final class Occlusion {

    private Occlusion() {}

    /** The text's ids followed by one variant per token with that token left out. */
    static List<int[]> variants(int[] ids) {
        List<int[]> out = new ArrayList<>(ids.length + 1);
        out.add(ids);
        for (int skip = 0; skip < ids.length; skip++) {
            int[] variant = new int[ids.length - 1];
            System.arraycopy(ids, 0, variant, 0, skip);
            System.arraycopy(ids, skip + 1, variant, skip, ids.length - skip - 1);
            out.add(variant);
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
