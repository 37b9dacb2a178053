package io.deepsentiment.train.data;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Labelled examples loaded from one dataset spec, with a summary per source telling how they
 * were obtained.
 *
 * @param examples the examples, in source order
 * @param summaries one summary per source file (or archive split), in reading order
 */
public record LabelledData(List<LabelledText> examples, List<ReadSummary> summaries) {

    /** Makes both lists unmodifiable copies. */
    public LabelledData {
        examples = List.copyOf(examples);
        summaries = List.copyOf(summaries);
    }

    /** Returns the distinct canonical labels present, sorted (negative, neutral, positive). */
    public List<String> labels() {
        return List.copyOf(labelCounts().keySet());
    }

    /** Returns how many examples carry each label, sorted by label. */
    public Map<String, Integer> labelCounts() {
        return examples.stream().collect(Collectors.toMap(
                LabelledText::label, e -> 1, Integer::sum, TreeMap::new));
    }

    /** Returns the number of examples. */
    public int size() {
        return examples.size();
    }

    /**
     * Describes the data for the user: the example count per label, then one line per source,
     * then a total line when there are several sources.
     */
    public String describe() {
        StringBuilder text = new StringBuilder()
                .append(size()).append(" examples");
        if (size() > 0) {
            text.append(labelCounts().entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue())
                    .collect(Collectors.joining(", ", " (", ")")));
        }
        for (ReadSummary summary : summaries) {
            text.append('\n').append(summary.describe());
        }
        if (summaries.size() > 1) {
            text.append('\n').append(ReadSummary.merge("total", summaries).describe());
        }
        return text.toString();
    }
}
