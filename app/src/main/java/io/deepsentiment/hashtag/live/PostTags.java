package io.deepsentiment.hashtag.live;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hashtags of a Bluesky post record: the tags of its rich-text facets
 * ({@code app.bsky.richtext.facet#tag}) and, for clients that write none, the {@code #words} of its
 * text; and its record-level {@code tags}. Lower-cased, without '#'.
 */
final class PostTags {

    private static final String TAG_FEATURE = "app.bsky.richtext.facet#tag";
    /** '#' not inside a word, then letters (with their marks), digits or underscores, as Hashtags allows. */
    private static final Pattern TEXT_TAG = Pattern.compile("(?<![\\p{L}\\p{M}\\p{N}_&#])#([\\p{L}\\p{M}\\p{N}_]{1,100})");

    private PostTags() {}

    static Set<String> of(JsonNode record) {
        Set<String> tags = new LinkedHashSet<>();
        for (JsonNode facet : record.path("facets")) {
            for (JsonNode feature : facet.path("features")) {
                if (TAG_FEATURE.equals(feature.path("$type").asText()) && feature.path("tag").isTextual()) {
                    add(tags, feature.path("tag").asText());
                }
            }
        }
        for (JsonNode tag : record.path("tags")) {
            if (tag.isTextual()) {
                add(tags, tag.asText());
            }
        }
        String text = record.path("text").asText("");
        Matcher matcher = TEXT_TAG.matcher(text);
        while (matcher.find()) {
            add(tags, matcher.group(1));
        }
        return tags;
    }

    private static void add(Set<String> tags, String tag) {
        String clean = tag.startsWith("#") ? tag.substring(1) : tag;
        if (!clean.isBlank()) {
            tags.add(clean.strip().toLowerCase(Locale.ROOT));
        }
    }
}
