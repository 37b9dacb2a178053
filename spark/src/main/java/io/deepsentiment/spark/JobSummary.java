package io.deepsentiment.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;

/**
 * What a score job did, printed as one JSON line when it ends.
 *
 * @param rows rows read and written
 * @param errors rows that got an error instead of scores
 * @param errorsByReason how many rows each error reason took
 * @param firstBadRows the id column's value of up to ten rows with errors (empty without --id-column)
 * @param seconds from the first task to the last row written
 * @param groups rows of the aggregates (0 without --group-by)
 */
record JobSummary(
        long rows,
        long errors,
        Map<String, Long> errorsByReason,
        List<String> firstBadRows,
        double seconds,
        long rowsPerSecond,
        String model,
        String modelVersion,
        String output,
        String groupsOutput,
        long groups) {

    String toJson() {
        try {
            return new ObjectMapper().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    String sentence() {
        return String.format("scored %,d rows (%,d with errors) in %.1f s: %,d rows/s", rows, errors, seconds, rowsPerSecond);
    }
}
