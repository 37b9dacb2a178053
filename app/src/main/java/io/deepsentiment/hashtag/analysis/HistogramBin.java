package io.deepsentiment.hashtag.analysis;

/** Posts whose polarity lies in [from, to) (the last bin includes 1.0). */
public record HistogramBin(double from, double to, int count) {}
