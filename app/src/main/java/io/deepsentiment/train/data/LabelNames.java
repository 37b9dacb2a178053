package io.deepsentiment.train.data;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Maps a source's raw labels to the canonical names "negative", "neutral" and "positive".
 *
 * <p>The mapping is chosen for a whole file's label set, not per row, because the same raw label
 * means different things in different sets: "0" is negative in {0, 1} and {0, 2, 4} but neutral
 * in {-1, 0, 1}. Rows whose label fits none of the chosen set are skipped when they are rare
 * (under 1% of the rows, likely typos); more than that means the file uses a set we do not know,
 * and guessing would silently train on wrong labels.
 */
public final class LabelNames {

    /** The canonical label names, in the order models index them. */
    public static final List<String> CANONICAL = List.of("negative", "neutral", "positive");

    private static final double MAX_UNKNOWN_SHARE = 0.01;
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+(\\.0*)?");

    private final LabelSet labelSet;

    private LabelNames(LabelSet labelSet) {
        this.labelSet = labelSet;
    }

    /**
     * Chooses the known label set that covers most rows of a source.
     *
     * @param source the source's name, for the error message
     * @param rowsByRawLabel number of rows per raw label, as read
     * @throws DataException if 1% or more of the rows carry labels outside every known set
     */
    public static LabelNames choose(String source, Map<String, Integer> rowsByRawLabel) {
        LabelSet best = Arrays.stream(LabelSet.values())
                .max(Comparator.<LabelSet>comparingInt(set -> set.rowsCovered(rowsByRawLabel))
                        .thenComparing(set -> -set.namesUnused(rowsByRawLabel.keySet()))
                        .thenComparing(set -> -set.ordinal()))
                .orElseThrow();
        int rows = rowsByRawLabel.values().stream().mapToInt(Integer::intValue).sum();
        int unknown = rows - best.rowsCovered(rowsByRawLabel);
        if (unknown > 0 && unknown >= MAX_UNKNOWN_SHARE * rows) {
            String closest = unknown == rows ? "" : " do not fit the closest label set, " + best.description;
            throw new DataException(source + ": unknown labels " + unknownLabels(best, rowsByRawLabel)
                    + " (" + unknown + " of " + rows + " rows" + closest + "). Accepted label sets: "
                    + Arrays.stream(LabelSet.values()).map(s -> s.description)
                            .collect(Collectors.joining("; ")) + ".");
        }
        return new LabelNames(best);
    }

    /** Returns the canonical name of a raw label, or empty if the chosen set has no such label. */
    public Optional<String> canonical(String rawLabel) {
        return Optional.ofNullable(labelSet.names.get(normalise(rawLabel)));
    }

    /** Returns the chosen label set, e.g. "0/2/4 (Sentiment140)". */
    public String describe() {
        return labelSet.description;
    }

    private static String unknownLabels(LabelSet set, Map<String, Integer> rowsByRawLabel) {
        return rowsByRawLabel.entrySet().stream()
                .filter(e -> !set.names.containsKey(normalise(e.getKey())))
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(10)
                .map(e -> '"' + e.getKey() + '"')
                .collect(Collectors.joining(", "));
    }

    /** Lower-cases words and writes numbers one way, so "1.0" and "+1" are both "1". */
    private static String normalise(String rawLabel) {
        String label = rawLabel.strip().toLowerCase(Locale.ROOT);
        if (INTEGER.matcher(label).matches()) {
            return Long.toString((long) Double.parseDouble(label));
        }
        return label;
    }

    private enum LabelSet {
        WORDS("negative/neutral/positive (any case, or neg/neu/pos)", Map.of(
                "negative", "negative", "neg", "negative",
                "neutral", "neutral", "neu", "neutral",
                "positive", "positive", "pos", "positive")),
        ZERO_ONE("0/1 (negative/positive)", Map.of("0", "negative", "1", "positive")),
        SENTIMENT140("0/2/4 (Sentiment140)",
                Map.of("0", "negative", "2", "neutral", "4", "positive")),
        MINUS_ONE_TO_ONE("-1/0/1", Map.of("-1", "negative", "0", "neutral", "1", "positive"));

        private final String description;
        private final Map<String, String> names;

        LabelSet(String description, Map<String, String> names) {
            this.description = description;
            this.names = names;
        }

        int rowsCovered(Map<String, Integer> rowsByRawLabel) {
            return rowsByRawLabel.entrySet().stream()
                    .filter(e -> names.containsKey(normalise(e.getKey())))
                    .mapToInt(Map.Entry::getValue)
                    .sum();
        }

        /** Counts canonical names nobody uses: of two sets covering all rows, the tighter fits. */
        int namesUnused(Set<String> rawLabels) {
            Set<String> used = new HashSet<>();
            rawLabels.forEach(raw -> {
                String name = names.get(normalise(raw));
                if (name != null) {
                    used.add(name);
                }
            });
            return (int) names.values().stream().distinct().filter(n -> !used.contains(n)).count();
        }
    }
}
