package io.deepsentiment.train.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;

/** Reads the rows of a JSONL file: one JSON object per line, columns are its fields. */
final class JsonLineRows {

    static final String UNPARSEABLE = "unparseable JSON line";

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonLineRows() {
    }

    static SourceRows read(Path file, Columns columns) {
        SourceRows rows = new SourceRows(TextFiles.fileName(file));
        try (BufferedReader in = TextFiles.open(file)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.isBlank()) {
                    addLine(rows, TextFiles.decode(line), columns);
                }
            }
        } catch (IOException e) {
            throw TextFiles.cannotRead(file, e);
        }
        return rows;
    }

    private static void addLine(SourceRows rows, String line, Columns columns) {
        JsonNode object;
        try {
            object = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            rows.skip(UNPARSEABLE);
            return;
        }
        if (object == null || !object.isObject()) {
            rows.skip(UNPARSEABLE);
            return;
        }
        String text = scalar(object, columns.text());
        String label = scalar(object, columns.label());
        if (text == null || label == null) {
            rows.skip(SourceRows.MISSING_COLUMN);
        } else {
            rows.add(columns.id() == null ? null : scalar(object, columns.id()), text, label);
        }
    }

    /** Returns the field as text; numbers (e.g. star ratings) become their decimal form. */
    private static String scalar(JsonNode object, String field) {
        JsonNode value = object.get(field);
        return value == null || !value.isValueNode() || value.isNull() ? null : value.asText();
    }
}
