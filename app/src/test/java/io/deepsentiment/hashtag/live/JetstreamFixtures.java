package io.deepsentiment.hashtag.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;

/** Jetstream events in the shape the Jetstream documents them, made up for the tests. */
final class JetstreamFixtures {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JetstreamFixtures() {}

    /** A new post; its hashtags get facets with UTF-8 byte offsets, as Bluesky's clients write them. */
    static String post(long timeUs, String did, String rkey, String text, String... facetTags) {
        ObjectNode event = JSON.createObjectNode().put("did", did).put("time_us", timeUs).put("kind", "commit");
        ObjectNode commit = event.putObject("commit").put("rev", "3l3qo2vutsw2b").put("operation", "create")
                .put("collection", "app.bsky.feed.post").put("rkey", rkey)
                .put("cid", "bafyreidwaivazkwu67xztlmuobx35hs2lnfh3kolmgfmucldvhd3sgzcqi");
        ObjectNode record = commit.putObject("record").put("$type", "app.bsky.feed.post")
                .put("createdAt", "2026-12-03T18:00:00.000Z").put("text", text);
        record.putArray("langs").add("en");
        if (facetTags.length > 0) {
            ArrayNode facets = record.putArray("facets");
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            for (String tag : facetTags) {
                int start = indexOf(bytes, ("#" + tag).getBytes(StandardCharsets.UTF_8));
                ObjectNode facet = facets.addObject().put("$type", "app.bsky.richtext.facet");
                facet.putObject("index").put("byteStart", start)
                        .put("byteEnd", start + ("#" + tag).getBytes(StandardCharsets.UTF_8).length);
                facet.putArray("features").addObject().put("$type", "app.bsky.richtext.facet#tag").put("tag", tag);
            }
        }
        return event.toString();
    }

    /** A like: moves the cursor, carries no post. */
    static String like(long timeUs, String did) {
        ObjectNode event = JSON.createObjectNode().put("did", did).put("time_us", timeUs).put("kind", "commit");
        ObjectNode commit = event.putObject("commit").put("rev", "3l3qo2vutsw2c").put("operation", "create")
                .put("collection", "app.bsky.feed.like").put("rkey", "3l3qo2vuowo2c");
        commit.putObject("record").put("$type", "app.bsky.feed.like").put("createdAt", "2026-12-03T18:00:00.000Z")
                .putObject("subject").put("uri", "at://did:plc:x/app.bsky.feed.post/1").put("cid", "bafy");
        return event.toString();
    }

    /** An account event. */
    static String account(long timeUs, String did) {
        ObjectNode event = JSON.createObjectNode().put("did", did).put("time_us", timeUs).put("kind", "account");
        event.putObject("account").put("active", true).put("did", did).put("seq", 1409753013)
                .put("time", "2026-12-03T18:00:00.000Z");
        return event.toString();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalArgumentException("not in the text");
    }
}
