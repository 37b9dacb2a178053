package io.deepsentiment.train.data;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The dataset formats a {@link DatasetSpec} can name, with the options each accepts. */
public enum DataFormat {
    /** The Large Movie Review Dataset archive or folder; option split=train|test. */
    IMDB("imdb", Map.of("split", "train"), Set.of("split")),
    /** SemEval Twitter subtask A TSV files. */
    SEMEVAL("semeval", Map.of(), Set.of()),
    /** Sentiment140: the official CSV, or a positive and a negative one-tweet-per-line file. */
    S140("s140", Map.of(), Set.of()),
    /** The user's CSV; options text, label and id name the columns. */
    CSV("csv", Columns.DEFAULT_NAMES, Columns.OPTION_KEYS),
    /** The user's TSV; options text, label and id name the columns. */
    TSV("tsv", Columns.DEFAULT_NAMES, Columns.OPTION_KEYS),
    /** The user's JSON lines; options text, label and id name the fields. */
    JSONL("jsonl", Columns.DEFAULT_NAMES, Columns.OPTION_KEYS);

    private final String specName;
    private final Map<String, String> defaults;
    private final Set<String> optionKeys;

    DataFormat(String specName, Map<String, String> defaults, Set<String> optionKeys) {
        this.specName = specName;
        this.defaults = defaults;
        this.optionKeys = optionKeys;
    }

    /** Returns the format with this spec name (any case), if there is one. */
    public static Optional<DataFormat> named(String specName) {
        return Arrays.stream(values())
                .filter(f -> f.specName.equals(specName.toLowerCase(Locale.ROOT)))
                .findFirst();
    }

    /** Returns all spec names, for messages: "imdb, semeval, s140, csv, tsv, jsonl". */
    public static String allSpecNames() {
        return Arrays.stream(values()).map(DataFormat::specName).collect(Collectors.joining(", "));
    }

    /** Returns the name used in specs, e.g. "s140". */
    public String specName() {
        return specName;
    }

    /** Returns the option values used when a spec does not give them. */
    public Map<String, String> defaults() {
        return defaults;
    }

    /** Returns the option keys this format accepts. */
    public Set<String> optionKeys() {
        return optionKeys;
    }
}
