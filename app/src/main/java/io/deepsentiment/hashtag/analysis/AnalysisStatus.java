package io.deepsentiment.hashtag.analysis;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where an analysis is in its life: queued, running, then done or failed. */
public enum AnalysisStatus {
    QUEUED, RUNNING, DONE, FAILED;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AnalysisStatus parse(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    public boolean finished() {
        return this == DONE || this == FAILED;
    }
}
