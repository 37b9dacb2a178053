package io.deepsentiment.hashtag.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class JetstreamEventsTest {

    private static final String DID = "did:plc:eygmaihciaxprqvxpfvl6flk";

    @Test
    void a_new_post_is_read_with_its_hashtags_from_facets_after_emoji() {
        String text = "Launch day 🚀🎉 for #DeepSentiment — so happy! #java";
        JetstreamEvents.Event event = JetstreamEvents.read(
                JetstreamFixtures.post(1725911162329308L, DID, "3l3qo2vuowo2b", text, "DeepSentiment", "java")).orElseThrow();

        LivePost post = event.post().orElseThrow();
        assertThat(event.timeUs()).isEqualTo(1725911162329308L);
        assertThat(post.uri()).isEqualTo("at://" + DID + "/app.bsky.feed.post/3l3qo2vuowo2b");
        assertThat(post.text()).isEqualTo(text);
        assertThat(post.tags()).containsExactlyInAnyOrder("deepsentiment", "java");
        assertThat(post.langs()).containsExactly("en");
        assertThat(post.createdAt()).isEqualTo(Instant.parse("2026-12-03T18:00:00Z"));
        assertThat(post.webUrl()).isEqualTo("https://bsky.app/profile/" + DID + "/post/3l3qo2vuowo2b");
        assertThat(post.minute()).isEqualTo(Instant.parse("2024-09-09T19:46:00Z"));
    }

    @Test
    void hashtags_in_the_text_count_when_a_client_wrote_no_facets() {
        LivePost post = JetstreamEvents.read(JetstreamFixtures.post(1L, DID, "3k1",
                "no facets here #Café_2026 and #日本 but not mail#me or &#39;")).orElseThrow().post().orElseThrow();

        assertThat(post.tags()).containsExactlyInAnyOrder("café_2026", "日本");
    }

    @Test
    void likes_accounts_and_other_collections_move_the_cursor_but_carry_no_post() {
        assertThat(JetstreamEvents.read(JetstreamFixtures.like(5L, DID)).orElseThrow().post()).isEmpty();
        assertThat(JetstreamEvents.read(JetstreamFixtures.account(6L, DID)).orElseThrow())
                .isEqualTo(new JetstreamEvents.Event(6L, java.util.Optional.empty()));
        String delete = "{\"did\":\"" + DID + "\",\"time_us\":7,\"kind\":\"commit\",\"commit\":{\"rev\":\"r\","
                + "\"operation\":\"delete\",\"collection\":\"app.bsky.feed.post\",\"rkey\":\"3k1\"}}";
        assertThat(JetstreamEvents.read(delete).orElseThrow().post()).isEmpty();
    }

    @Test
    void what_is_not_an_event_is_refused_and_odd_posts_skipped() {
        assertThat(JetstreamEvents.read("not json")).isEmpty();
        assertThat(JetstreamEvents.read("{\"kind\":\"commit\"}")).isEmpty();
        String badDid = JetstreamFixtures.post(8L, "not a did", "3k1", "#java");
        assertThat(JetstreamEvents.read(badDid).orElseThrow().post()).isEmpty();
        String badKey = JetstreamFixtures.post(9L, DID, "../../etc", "#java");
        assertThat(JetstreamEvents.read(badKey).orElseThrow().post()).isEmpty();
    }
}
