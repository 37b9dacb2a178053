package io.deepsentiment.model.predict;

import java.util.Map;

/**
 * The sentiment of one text.
 *
 * @param label the most probable label
 * @param polarity P(positive) - P(negative), in [-1, 1]
 * @param probabilities probability of each of the model's labels, in the model's label order
 */
public record Prediction(String label, double polarity, Map<String, Double> probabilities) {}
