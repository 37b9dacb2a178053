package io.deepsentiment.serve;

import io.deepsentiment.hashtag.analysis.AnalysisOptions;
import io.deepsentiment.hashtag.analysis.AnalysisStore;
import io.deepsentiment.hashtag.live.LiveStore;
import io.deepsentiment.hashtag.source.PostSource;
import io.deepsentiment.hashtag.store.JdbcAnalysisStore;
import io.deepsentiment.hashtag.tracker.TrackerStore;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the hashtag analyses need: the sources by name (the first is the default), the database
 * (analyses, trackers, live posts), how analyses run, and the Bluesky Jetstream that tracked
 * hashtags are followed on live (null: no live view). The server closes the store when it stops.
 */
public record HashtagBackend(Map<String, PostSource> sources, AnalysisStore store, TrackerStore trackers,
        LiveStore live, AnalysisOptions options, URI jetstream) {

    public HashtagBackend {
        sources = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sources));
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("at least one post source is needed");
        }
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(trackers, "trackers");
        Objects.requireNonNull(live, "live");
        Objects.requireNonNull(options, "options");
    }

    /** Analyses, trackers and live posts in one database; live view from {@code jetstream} (null: off). */
    public static HashtagBackend of(Map<String, PostSource> sources, JdbcAnalysisStore store, AnalysisOptions options,
            URI jetstream) {
        return new HashtagBackend(sources, store, store.trackerStore(), store.liveStore(), options, jetstream);
    }

    /** As {@link #of(Map, JdbcAnalysisStore, AnalysisOptions, URI)}, without the live view. */
    public static HashtagBackend of(Map<String, PostSource> sources, JdbcAnalysisStore store, AnalysisOptions options) {
        return of(sources, store, options, null);
    }

    public String defaultSource() {
        return sources.keySet().iterator().next();
    }
}
