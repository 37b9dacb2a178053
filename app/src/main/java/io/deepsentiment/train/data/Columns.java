package io.deepsentiment.train.data;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which columns of a user's CSV, TSV or JSONL file hold the text, the label and, optionally, the
 * id. Each is a header or field name, or, for CSV and TSV files without a header, a 0-based index.
 *
 * @param text the text column
 * @param label the label column
 * @param id the id column, or null if the file has none
 */
public record Columns(String text, String label, String id) {

    /** The spec options that choose columns. */
    static final Set<String> OPTION_KEYS = Set.of("text", "label", "id");
    /** The columns used when a spec names none. */
    static final Map<String, String> DEFAULT_NAMES = Map.of("text", "text", "label", "label");

    private static final Pattern INDEX = Pattern.compile("\\d{1,6}");

    /** Checks that the text and label columns are named. */
    public Columns {
        if (text == null || text.isBlank() || label == null || label.isBlank()) {
            throw new DataException("the text and label columns must be named");
        }
        if (id != null && id.isBlank()) {
            id = null;
        }
    }

    /** Returns the default columns: text in "text", label in "label", no id. */
    public static Columns defaults() {
        return new Columns(DEFAULT_NAMES.get("text"), DEFAULT_NAMES.get("label"), null);
    }

    /** Tells whether all columns are 0-based indexes, which means the file has no header row. */
    public boolean byIndex() {
        return INDEX.matcher(text).matches() && INDEX.matcher(label).matches()
                && (id == null || INDEX.matcher(id).matches());
    }
}
