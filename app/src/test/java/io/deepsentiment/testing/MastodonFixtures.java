package io.deepsentiment.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * Invented statuses in the shape of Mastodon's {@code GET /api/v1/timelines/tag/:hashtag}, for
 * WireMock: HTML content with entities, emoji and links, local and remote accounts.
 */
public final class MastodonFixtures {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String[] POSITIVE = {
        "<p>So <strong>happy</strong> today, best day ever! 😍 <a href=\"https://example.org/tags/happy\">#happy</a></p>",
        "<p>Love this community &amp; all of you, thank you!</p>",
        "<p>What a wonderful morning, great coffee and sunshine ☀️</p>",
        "<p>Amazing news, I got the job!!! <br>so excited</p>",
    };
    private static final String[] NEGATIVE = {
        "<p>Worst week ever, everything went wrong &amp; I hate it</p>",
        "<p>So sad and angry about this terrible news 😢</p>",
    };

    private MastodonFixtures() {}

    /**
     * Statuses with ids 1000000+from .. 1000000+from+count-1, newest first. Status 7 is empty once
     * its HTML is removed and status 12 repeats the text of status 11; the others are distinct,
     * two thirds positive and one third negative.
     */
    public static ArrayNode page(int from, int count) {
        ArrayNode page = JSON.createArrayNode();
        for (int i = from; i < from + count; i++) {
            String content = i == 7 ? "<p> </p>"
                    : i == 11 || i == 12 ? "<p>Same text posted twice by a bot, love it</p>"
                    : (i % 3 == 0 ? NEGATIVE[i % NEGATIVE.length] : POSITIVE[i % POSITIVE.length]) + "<p>post " + i + "</p>";
            ObjectNode status = page.addObject();
            status.put("id", Integer.toString(1_000_000 + i));
            status.put("created_at", Instant.parse("2026-11-25T12:00:00Z").minusSeconds(60L * i).toString());
            status.put("content", content);
            status.put("url", "https://mastodon.example/@user" + i + "/" + (1_000_000 + i));
            status.put("uri", "https://mastodon.example/users/user" + i + "/statuses/" + (1_000_000 + i));
            status.put("language", "en");
            status.put("sensitive", false);
            status.put("spoiler_text", "");
            status.putNull("reblog");
            ObjectNode account = status.putObject("account");
            account.put("acct", i % 2 == 0 ? "user" + i : "user" + i + "@other.example");
            account.put("username", "user" + i);
            account.put("url", "https://mastodon.example/@user" + i);
        }
        return page;
    }

    /** The id the next page is asked for with ({@code max_id}) after a page ending at {@code from + count}. */
    public static String lastId(int from, int count) {
        return Integer.toString(1_000_000 + from + count - 1);
    }
}
