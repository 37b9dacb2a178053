package io.deepsentiment.serve;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** The answer for one text of a request; {@code tokens} only when explanations were asked for. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record SentimentResult(
        String label,
        double polarity,
        Map<String, Double> probabilities,
        boolean truncated,
        List<TokenContribution> tokens) {}
