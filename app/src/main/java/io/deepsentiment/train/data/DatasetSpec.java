package io.deepsentiment.train.data;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A dataset named on the command line ({@code --data}, {@code --dev}, {@code --test}) as
 * {@code FORMAT:PATH[,PATH...][?key=value&...]}, e.g. {@code semeval:a.tsv,b.tsv},
 * {@code imdb:aclImdb_v1.tar.gz?split=test} or {@code csv:my.csv?text=review&label=sentiment}.
 *
 * <p>FORMAT is one of imdb, semeval, s140, csv, tsv, jsonl; without it the format is detected
 * from the first path. File names may contain {@code *}. Every format also takes
 * {@code buckets=FROM-TO}, which keeps a reproducible part of the data (see {@link DataSplits#bucket}). {@link #toString()} gives the canonical
 * form (format and all options explicit), which model artifacts record as provenance.
 */
public final class DatasetSpec {

    private static final String SYNTAX = "FORMAT:PATH[,PATH...][?key=value&...]";
    // two letters at least, so a Windows drive ("C:\data.csv") is read as a path
    /**
     * The option every format takes: keep only the examples whose text hashes into these of 100
     * buckets ({@link DataSplits#bucket}), for a reproducible split such as 0-79 and 80-99.
     */
    static final String BUCKETS = "buckets";
    private static final Pattern BUCKET_RANGE = Pattern.compile("(\\d{1,2})-(\\d{1,2})");
    private static final Pattern FORMAT_PREFIX = Pattern.compile("([A-Za-z0-9]{2,}):(.*)");

    private final DataFormat format;
    private final List<String> paths;
    private final Map<String, String> options;

    private DatasetSpec(DataFormat format, List<String> paths, Map<String, String> options) {
        this.format = format;
        this.paths = List.copyOf(paths);
        this.options = options;
    }

    /**
     * Parses a spec; without a FORMAT prefix, looks at the first file to detect the format.
     *
     * @throws DataException if the spec is malformed, names an unknown format or option, or the
     *     format cannot be detected
     */
    public static DatasetSpec parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new DataException("empty dataset spec; expected " + SYNTAX);
        }
        int query = spec.indexOf('?');
        String location = (query < 0 ? spec : spec.substring(0, query)).strip();
        Matcher prefix = FORMAT_PREFIX.matcher(location);
        DataFormat format = null;
        if (prefix.matches()) {
            format = DataFormat.named(prefix.group(1)).orElseThrow(() -> new DataException(
                    "unknown data format \"" + prefix.group(1) + "\" in " + spec
                            + "; expected one of " + DataFormat.allSpecNames()));
            location = prefix.group(2);
        }
        List<String> paths = Arrays.stream(location.split(",")).map(String::strip)
                .filter(p -> !p.isEmpty()).toList();
        if (paths.isEmpty()) {
            throw new DataException("no path in dataset spec \"" + spec + "\"; expected " + SYNTAX);
        }
        if (format == null) {
            format = FormatDetector.detect(PathPatterns.expand(paths.get(0)).get(0));
        }
        Map<String, String> options = new TreeMap<>(format.defaults());
        options.putAll(parseOptions(spec, query < 0 ? "" : spec.substring(query + 1), format));
        if (format == DataFormat.IMDB && !List.of("train", "test").contains(options.get("split"))) {
            throw new DataException("unknown IMDB split \"" + options.get("split") + "\" in " + spec
                    + "; expected split=train or split=test");
        }
        return new DatasetSpec(format, paths, options);
    }

    /** Parses and loads a spec in one step; see {@link #parse(String)} and {@link #load()}. */
    public static LabelledData load(String spec) {
        return parse(spec).load();
    }

    /**
     * Reads the data the spec names.
     *
     * @throws DataException if a file is missing or unreadable, or its labels are not understood
     */
    public LabelledData load() {
        LabelledData data = read(files());
        String buckets = options.get(BUCKETS);
        if (buckets == null) {
            return data;
        }
        int[] range = bucketRange(buckets, toString());
        return DataSplits.keepBuckets(data, range[0], range[1]);
    }

    private LabelledData read(List<Path> files) {
        return switch (format) {
            case IMDB -> new ImdbReader().read(onlyPath(files), options.get("split"));
            case SEMEVAL -> new SemEvalReader().read(files);
            case S140 -> readSentiment140(files);
            case CSV -> delimited(DelimitedFormat.CSV).read(files);
            case TSV -> delimited(DelimitedFormat.TSV).read(files);
            case JSONL -> delimited(DelimitedFormat.JSONL).read(files);
        };
    }

    /** Returns the format, given or detected. */
    public DataFormat format() {
        return format;
    }

    /** Returns the paths as written, wildcards included. */
    public List<String> paths() {
        return paths;
    }

    /** Returns all options, defaults included, sorted by key. */
    public Map<String, String> options() {
        return options;
    }

    /** Returns the files the paths name, wildcards expanded. */
    public List<Path> files() {
        return paths.stream().flatMap(p -> PathPatterns.expand(p).stream()).toList();
    }

    /** Returns the canonical spec, e.g. {@code imdb:aclImdb_v1.tar.gz?split=train}. */
    @Override
    public String toString() {
        String query = options.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("&"));
        return format.specName() + ":" + String.join(",", paths) + (query.isEmpty() ? "" : "?" + query);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DatasetSpec that && toString().equals(that.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    private static Map<String, String> parseOptions(String spec, String query, DataFormat format) {
        Map<String, String> options = new TreeMap<>();
        for (String pair : query.split("&")) {
            if (pair.isBlank()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String key = pair.substring(0, equals < 0 ? pair.length() : equals)
                    .strip().toLowerCase(Locale.ROOT);
            String value = equals < 0 ? "" : pair.substring(equals + 1).strip();
            if (!format.optionKeys().contains(key) && !key.equals(BUCKETS)) {
                java.util.SortedSet<String> accepted = new java.util.TreeSet<>(format.optionKeys());
                accepted.add(BUCKETS);
                throw new DataException("unknown option \"" + key + "\" for " + format.specName()
                        + " in " + spec + "; accepted: " + String.join(", ", accepted));
            }
            if (value.isEmpty()) {
                throw new DataException("option \"" + key + "\" has no value in " + spec);
            }
            if (key.equals(BUCKETS)) {
                bucketRange(value, spec);
            }
            options.put(key, value);
        }
        return options;
    }

    /** Parses a {@code buckets=FROM-TO} value: 0 <= FROM <= TO <= 99. */
    private static int[] bucketRange(String value, String spec) {
        Matcher m = BUCKET_RANGE.matcher(value);
        if (m.matches()) {
            int from = Integer.parseInt(m.group(1));
            int to = Integer.parseInt(m.group(2));
            if (from <= to && to < DataSplits.BUCKETS) {
                return new int[] {from, to};
            }
        }
        throw new DataException("option buckets=" + value + " in " + spec + " is not a range FROM-TO of hash buckets"
                + " 0 to " + (DataSplits.BUCKETS - 1) + ", e.g. buckets=0-79");
    }

    private Columns columns() {
        return new Columns(options.get("text"), options.get("label"), options.get("id"));
    }

    private DelimitedReader delimited(DelimitedFormat delimitedFormat) {
        return new DelimitedReader(delimitedFormat, columns());
    }

    private LabelledData readSentiment140(List<Path> files) {
        if (files.size() == 1) {
            return new Sentiment140Reader().readCsv(files.get(0));
        }
        if (files.size() != 2) {
            throw new DataException("s140 takes the official CSV or two line files, positive first;"
                    + " got " + files.size() + " files in " + this);
        }
        String first = TextFiles.fileName(files.get(0)).toLowerCase(Locale.ROOT);
        String second = TextFiles.fileName(files.get(1)).toLowerCase(Locale.ROOT);
        if (first.contains("neg") && second.contains("pos")) {
            // a wildcard sorts negative.txt first; taking it as positive would flip every label
            throw new DataException("s140 line files go positive first, then negative; got "
                    + files.get(0) + ", " + files.get(1));
        }
        return new Sentiment140Reader().readLines(files.get(0), files.get(1));
    }

    private static Path onlyPath(List<Path> files) {
        if (files.size() != 1) {
            throw new DataException("imdb takes one path, the archive or folder; got " + files.size());
        }
        return files.get(0);
    }
}
