package io.deepsentiment.train.data;

/** The generic file formats {@link DelimitedReader} reads. */
public enum DelimitedFormat {
    /** Comma-separated values with RFC 4180 quoting; quoted fields may span lines. */
    CSV,
    /** Tab-separated values, one row per line, no quoting. */
    TSV,
    /** One JSON object per line; columns are field names. */
    JSONL
}
