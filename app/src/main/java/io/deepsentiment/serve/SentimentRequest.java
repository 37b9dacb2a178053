package io.deepsentiment.serve;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * A validated {@code POST /api/v1/sentiment} body. Parsing checks every field by hand, so each
 * mistake gets its own clear message instead of a generic mapping error.
 *
 * @param texts the texts to score, in order (after truncation when asked for)
 * @param truncated for each text, whether it was cut to the length limit
 * @param model the model name, or null for the default
 * @param explain whether to add each token's contribution
 */
record SentimentRequest(List<String> texts, List<Boolean> truncated, String model, boolean explain) {

    private static final Set<String> FIELDS = Set.of("text", "texts", "model", "explain", "truncate");

    static SentimentRequest parse(byte[] body, ServeOptions limits) {
        JsonNode root = JsonBody.parse(body);
        if (!root.isObject()) {
            throw ApiException.badRequest("invalid_body", "the body must be a JSON object such as {\"text\": \"...\"}");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw ApiException.badRequest("unknown_field", "unknown field \"" + name
                        + "\"; the fields are text, texts, model, explain and truncate");
            }
        }
        boolean explain = optionalBoolean(root, "explain");
        boolean truncate = optionalBoolean(root, "truncate");
        String model = null;
        JsonNode modelNode = root.get("model");
        if (modelNode != null && !modelNode.isNull()) {
            if (!modelNode.isTextual()) {
                throw ApiException.badRequest("invalid_field", "\"model\" must be a string such as \"tweets\"");
            }
            model = modelNode.textValue();
        }
        List<String> raw = texts(root);
        if (raw.size() > limits.maxTexts()) {
            throw new ApiException(413, "too_many_texts", "the request has " + raw.size()
                    + " texts; the limit is " + limits.maxTexts() + " per request");
        }
        if (explain && raw.size() > limits.maxExplainTexts()) {
            throw new ApiException(413, "too_many_texts", "explanations are limited to " + limits.maxExplainTexts()
                    + " texts per request; the request has " + raw.size());
        }
        List<String> texts = new ArrayList<>(raw.size());
        List<Boolean> truncated = new ArrayList<>(raw.size());
        for (int i = 0; i < raw.size(); i++) {
            String text = raw.get(i);
            int length = text.codePointCount(0, text.length());
            boolean cut = length > limits.maxTextChars();
            if (cut && !truncate) {
                throw new ApiException(413, "text_too_long", (raw.size() == 1 ? "the text" : "text " + i) + " has "
                        + length + " characters; the limit is " + limits.maxTextChars()
                        + " (send \"truncate\": true to cut it)");
            }
            texts.add(cut ? text.substring(0, text.offsetByCodePoints(0, limits.maxTextChars())) : text);
            truncated.add(cut);
        }
        return new SentimentRequest(texts, truncated, model, explain);
    }

    private static List<String> texts(JsonNode root) {
        // null is the same as leaving the field out, as for every other field (clients generated
        // from the API document may send the one they do not use as null)
        JsonNode text = root.hasNonNull("text") ? root.get("text") : null;
        JsonNode texts = root.hasNonNull("texts") ? root.get("texts") : null;
        if (text != null && texts != null) {
            throw ApiException.badRequest("invalid_field", "send either \"text\" or \"texts\", not both");
        }
        if (text == null && texts == null) {
            throw ApiException.badRequest("missing_field", "the body needs \"text\" (a string) or \"texts\" (an array of strings)");
        }
        if (text != null) {
            if (!text.isTextual()) {
                throw ApiException.badRequest("invalid_field", "\"text\" must be a string");
            }
            return List.of(wellFormed(text.textValue()));
        }
        if (!texts.isArray()) {
            throw ApiException.badRequest("invalid_field", "\"texts\" must be an array of strings");
        }
        if (texts.isEmpty()) {
            throw ApiException.badRequest("invalid_field", "\"texts\" is empty; send at least one text");
        }
        List<String> out = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            JsonNode item = texts.get(i);
            if (!item.isTextual()) {
                throw ApiException.badRequest("invalid_field", "texts[" + i + "] must be a string");
            }
            out.add(wellFormed(item.textValue()));
        }
        return out;
    }

    private static boolean optionalBoolean(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw ApiException.badRequest("invalid_field", "\"" + field + "\" must be true or false");
        }
        return node.booleanValue();
    }

    /** Replaces unpaired surrogates (legal in JSON escapes, not in UTF-8) so every answer can be encoded. */
    private static String wellFormed(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (paired) {
                if (out != null) {
                    out.append(c).append(text.charAt(i + 1));
                }
                i++;
            } else if (Character.isSurrogate(c)) {
                if (out == null) {
                    out = new StringBuilder(text.length()).append(text, 0, i);
                }
                out.append('\uFFFD');
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }
}
