package io.deepsentiment.hashtag.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the Jetstream's JSON events: a {@code commit} that {@code create}s an {@code app.bsky.feed.post}
 * is a new post; every other event (updates, deletes, likes, identity and account events) only moves
 * the cursor.
 */
final class JetstreamEvents {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DID = Pattern.compile("did:[a-z]+:[A-Za-z0-9._:%-]{1,2000}");
    private static final Pattern RECORD_KEY = Pattern.compile("[A-Za-z0-9._:~-]{1,512}");

    /** What one event says: its cursor, and the post it creates if any. */
    record Event(long timeUs, Optional<LivePost> post) {}

    private JetstreamEvents() {}

    /** The event; empty when the text is not a Jetstream event at all (counted by the caller). */
    static Optional<Event> read(String text) {
        JsonNode event;
        try {
            event = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
        if (event == null || !event.path("time_us").canConvertToLong()) {
            return Optional.empty();
        }
        long timeUs = event.path("time_us").asLong();
        return Optional.of(new Event(timeUs, post(event, timeUs)));
    }

    private static Optional<LivePost> post(JsonNode event, long timeUs) {
        JsonNode commit = event.path("commit");
        if (!"commit".equals(event.path("kind").asText()) || !"create".equals(commit.path("operation").asText())
                || !"app.bsky.feed.post".equals(commit.path("collection").asText())) {
            return Optional.empty();
        }
        String did = event.path("did").asText("");
        String rkey = commit.path("rkey").asText("");
        JsonNode record = commit.path("record");
        if (!DID.matcher(did).matches() || !RECORD_KEY.matcher(rkey).matches() || !record.isObject()
                || !record.path("text").isTextual()) {
            return Optional.empty();
        }
        Set<String> langs = new LinkedHashSet<>();
        for (JsonNode lang : record.path("langs")) {
            if (lang.isTextual()) {
                langs.add(lang.asText());
            }
        }
        Instant createdAt = instant(record.path("createdAt").asText(null));
        if (createdAt == null) {
            createdAt = Instant.ofEpochMilli(timeUs / 1000);
        }
        return Optional.of(new LivePost("at://" + did + "/app.bsky.feed.post/" + rkey, did,
                record.path("text").asText(), PostTags.of(record), langs, createdAt, timeUs));
    }

    private static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
