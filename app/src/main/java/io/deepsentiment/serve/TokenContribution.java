package io.deepsentiment.serve;

/**
 * How much one token moved a text towards positive: the log-odds ln(P(positive) / P(negative)) of
 * the whole text minus that of the text without the token (occlusion). Positive values pushed the
 * text towards positive, negative values towards negative; 1.0 means the odds changed by a factor e.
 */
record TokenContribution(String token, double contribution) {}
