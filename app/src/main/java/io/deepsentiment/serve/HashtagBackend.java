package io.deepsentiment.serve;

import io.deepsentiment.hashtag.analysis.AnalysisOptions;
import io.deepsentiment.hashtag.source.PostSource;
import io.deepsentiment.hashtag.analysis.AnalysisStore;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the hashtag analyses need: the sources by name (the first is the default), the database,
 * and how analyses run. The server closes the store when it stops.
 */
public record HashtagBackend(Map<String, PostSource> sources, AnalysisStore store, AnalysisOptions options) {

    public HashtagBackend {
        sources = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sources));
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("at least one post source is needed");
        }
    }

    public String defaultSource() {
        return sources.keySet().iterator().next();
    }
}
