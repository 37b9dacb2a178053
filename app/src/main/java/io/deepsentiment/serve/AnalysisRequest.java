package io.deepsentiment.serve;

import com.fasterxml.jackson.databind.JsonNode;
import io.deepsentiment.hashtag.source.Hashtags;
import java.util.Iterator;
import java.util.Set;

/**
 * A validated {@code POST /api/v1/analyses} body:
 * {@code {"hashtag": "...", "source": "x|mastodon", "limit": 100, "model": "tweets-accurate"}}.
 *
 * @param hashtag the tag without '#', as given (case kept for display; compared lower-cased)
 * @param source the source name
 * @param limit posts to fetch
 * @param model the model that scores the posts
 */
record AnalysisRequest(String hashtag, String source, int limit, String model) {

    static final int DEFAULT_LIMIT = 100;
    private static final Set<String> FIELDS = Set.of("hashtag", "source", "limit", "model");

    static AnalysisRequest parse(JsonNode root, Set<String> sources, String defaultSource, int maxLimit,
            Set<String> models, String defaultModel) {
        if (!root.isObject()) {
            throw ApiException.badRequest("invalid_body", "the body must be a JSON object such as {\"hashtag\": \"java\"}");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw ApiException.badRequest("unknown_field", "unknown field \"" + name
                        + "\"; the fields are hashtag, source, limit and model");
            }
        }
        JsonNode tagNode = root.get("hashtag");
        if (tagNode == null || tagNode.isNull()) {
            throw ApiException.badRequest("missing_field", "the body needs \"hashtag\", such as {\"hashtag\": \"java\"}");
        }
        if (!tagNode.isTextual()) {
            throw ApiException.badRequest("invalid_field", "\"hashtag\" must be a string");
        }
        String hashtag = validHashtag(tagNode.textValue());

        String source = defaultSource;
        JsonNode sourceNode = root.get("source");
        if (sourceNode != null && !sourceNode.isNull()) {
            if (!sourceNode.isTextual() || !sources.contains(sourceNode.textValue())) {
                throw ApiException.badRequest("unknown_source", "\"source\" must be one of "
                        + String.join(", ", sources.stream().sorted().toList()));
            }
            source = sourceNode.textValue();
        }
        int limit = DEFAULT_LIMIT;
        JsonNode limitNode = root.get("limit");
        if (limitNode != null && !limitNode.isNull()) {
            if (!limitNode.canConvertToExactIntegral() || !limitNode.canConvertToInt()
                    || limitNode.asInt() < 1 || limitNode.asInt() > maxLimit) {
                throw ApiException.badRequest("invalid_field", "\"limit\" must be a whole number from 1 to " + maxLimit);
            }
            limit = limitNode.asInt();
        }
        String model = defaultModel;
        JsonNode modelNode = root.get("model");
        if (modelNode != null && !modelNode.isNull()) {
            if (!modelNode.isTextual() || !models.contains(modelNode.textValue())) {
                throw ApiException.badRequest("unknown_model", "\"model\" must be one of "
                        + String.join(", ", models.stream().sorted().toList()));
            }
            model = modelNode.textValue();
        }
        return new AnalysisRequest(hashtag, source, limit, model);
    }

    /** 400 when the source allows fewer posts per analysis than asked for (X, which bills each post read). */
    void withinSourceLimit(int maxForSource) {
        if (limit > maxForSource) {
            throw ApiException.badRequest("invalid_field", "\"limit\" must be at most " + maxForSource + " for source "
                    + source + " (the operator's cap per analysis)");
        }
    }

    /** The tag without a leading '#'; 400 unless it is a {@link Hashtags#isValid valid} hashtag. */
    static String validHashtag(String raw) {
        String tag = raw.startsWith("#") ? raw.substring(1) : raw;
        if (!Hashtags.isValid(tag)) {
            throw ApiException.badRequest("invalid_hashtag", "a hashtag has 1 to " + Hashtags.MAX_LENGTH
                    + " letters, digits or underscores "
                    + "(an optional leading # is allowed); got \"" + (raw.length() > 120 ? raw.substring(0, 120) + "…" : raw) + "\"");
        }
        return tag;
    }
}
