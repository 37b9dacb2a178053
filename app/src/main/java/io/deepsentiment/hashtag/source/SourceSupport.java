package io.deepsentiment.hashtag.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deepsentiment.hashtag.source.SourceException.Reason;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** What both sources need besides HTTP: request checks, base URLs, JSON fields, error details. */
final class SourceSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final int MAX_LIMIT = 1000;

    private SourceSupport() {}

    /** The arguments of {@link PostSource#fetch}: checked again here because the hashtag ends up in URLs. */
    static void checkRequest(String hashtag, int limit) {
        if (!Hashtags.isValid(hashtag)) {
            throw new SourceException(Reason.REJECTED,
                    "not a hashtag: use 1 to " + Hashtags.MAX_LENGTH + " letters, digits and underscores, without '#'");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ", not " + limit);
        }
    }

    /**
     * An operator-configured base URL, such as {@code https://mastodon.social}: http or https, a host,
     * no query, user info or fragment; returned without a trailing slash.
     */
    static URI baseUrl(URI uri, String what) {
        if (uri == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null
                || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException(
                    what + " must be an http(s) URL such as https://example.org, not " + uri);
        }
        String text = uri.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return URI.create(text);
    }

    static JsonNode readJson(String body, String label) {
        try {
            JsonNode root = JSON.readTree(body);
            if (root == null || root.isMissingNode()) {
                throw new SourceException(Reason.MALFORMED, label + " sent an empty answer");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new SourceException(Reason.MALFORMED, label + " sent an answer that is not JSON", null, e);
        }
    }

    /** A field that must be a non-empty string (or number, for ids). */
    static String requiredText(JsonNode node, String field, String label, String what) {
        JsonNode value = node.get(field);
        if (value == null || !(value.isTextual() || value.isNumber()) || value.asText().isEmpty()) {
            throw new SourceException(Reason.MALFORMED, label + " sent " + what + " without \"" + field + "\"");
        }
        return value.asText();
    }

    /** A field that may be missing or null; otherwise a string. */
    static String optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isValueNode() || value.isNull() ? null : value.asText();
    }

    static Instant requiredInstant(JsonNode node, String field, String label, String what) {
        String text = requiredText(node, field, label, what);
        Instant instant = parseInstant(text);
        if (instant == null) {
            throw new SourceException(Reason.MALFORMED,
                    label + " sent " + what + " with an unreadable \"" + field + "\": " + clip(text, 40));
        }
        return instant;
    }

    /** ISO-8601 with Z or an offset, null if unreadable. */
    static Instant parseInstant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.trim()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The explanation in a JSON error body ({@code detail}, {@code message}, {@code error}, ...), clipped; "" if none. */
    static String errorDetail(String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return "";
        }
        if (root == null || !root.isObject()) {
            return "";
        }
        for (String field : new String[] {"detail", "error_description", "message", "error", "title"}) {
            JsonNode value = root.get(field);
            if (value != null && value.isTextual() && !value.asText().isBlank()) {
                return clip(value.asText(), 200);
            }
        }
        JsonNode first = root.path("errors").path(0).path("message");
        return first.isTextual() ? clip(first.asText(), 200) : "";
    }

    /** Control characters removed, at most {@code max} characters. */
    static String clip(String text, int max) {
        String clean = text.replaceAll("\\p{Cntrl}", " ").strip();
        return clean.length() <= max ? clean : clean.substring(0, max) + "…";
    }
}
