package io.deepsentiment.train.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the raw rows of one or more sources into {@link LabelledData}: maps each source's labels
 * and drops rows whose id was already seen in this or an earlier source (the first one is kept;
 * SemEval, for one, repeats tweets within and across its files).
 */
final class LabelledDataBuilder {

    private final List<LabelledText> examples = new ArrayList<>();
    private final List<ReadSummary> summaries = new ArrayList<>();
    private final Set<String> seenIds = new HashSet<>();

    /**
     * Adds one source's rows.
     *
     * @throws DataException if the source's labels fit no known label set
     */
    LabelledDataBuilder add(SourceRows source) {
        LabelNames names = LabelNames.choose(source.name(), source.rowsByRawLabel());
        // a source has few distinct raw labels but may have millions of rows
        Map<String, Optional<String>> canonical = new HashMap<>();
        Map<String, Integer> skipped = new LinkedHashMap<>(source.skippedByReason());
        int duplicates = 0;
        for (SourceRows.RawRow row : source.rows()) {
            Optional<String> label = canonical.computeIfAbsent(row.rawLabel(), names::canonical);
            if (label.isEmpty()) {
                skipped.merge(SourceRows.UNKNOWN_LABEL, 1, Integer::sum);
            } else if (row.id() != null && !seenIds.add(row.id())) {
                duplicates++;
            } else {
                examples.add(new LabelledText(row.id(), row.text(), label.get()));
            }
        }
        summaries.add(new ReadSummary(source.name(), source.rowsRead(), skipped, duplicates, 0));
        return this;
    }

    LabelledData build() {
        return new LabelledData(examples, summaries);
    }
}
