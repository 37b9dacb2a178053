package io.deepsentiment.hashtag.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LiveFeedTest {

    private static final String DID = "did:plc:eygmaihciaxprqvxpfvl6flk";

    @Test
    void only_posts_with_a_followed_hashtag_wait_for_scoring() throws Exception {
        LiveFeed feed = new LiveFeed(100, 0);
        feed.follow(Set.of("Java", "kotlin"));

        feed.accept(JetstreamFixtures.post(10, DID, "3k1", "hello #java", "java"));
        feed.accept(JetstreamFixtures.post(11, DID, "3k2", "hello #python", "python"));
        feed.accept(JetstreamFixtures.post(12, DID, "3k3", "no facets but #Kotlin"));
        feed.accept(JetstreamFixtures.like(13, DID));
        feed.accept("garbage");

        List<LivePost> waiting = feed.take(10, Duration.ZERO);
        assertThat(waiting).extracting(LivePost::text).containsExactly("hello #java", "no facets but #Kotlin");
        assertThat(feed.events()).isEqualTo(5);
        assertThat(feed.unreadable()).isEqualTo(1);
        assertThat(feed.matched()).isEqualTo(2);
        assertThat(feed.cursor()).isEqualTo(13);
    }

    @Test
    void a_full_queue_drops_and_counts_instead_of_waiting() throws Exception {
        LiveFeed feed = new LiveFeed(3, 0);
        feed.follow(Set.of("java"));

        for (int i = 0; i < 10; i++) {
            feed.accept(JetstreamFixtures.post(100 + i, DID, "3k" + i, "post " + i + " #java", "java"));
        }

        assertThat(feed.waiting()).isEqualTo(3);
        assertThat(feed.matched()).isEqualTo(10);
        assertThat(feed.dropped()).isEqualTo(7);
        assertThat(feed.take(10, Duration.ZERO)).extracting(LivePost::text)
                .containsExactly("post 0 #java", "post 1 #java", "post 2 #java");
    }

    @Test
    void following_other_tags_replaces_the_old_ones_and_nothing_followed_keeps_nothing() throws Exception {
        LiveFeed feed = new LiveFeed(10, 42);
        assertThat(feed.cursor()).isEqualTo(42);
        feed.accept(JetstreamFixtures.post(50, DID, "3k1", "#java", "java"));
        feed.follow(Set.of("java"));
        feed.follow(Set.of("rust"));
        feed.accept(JetstreamFixtures.post(51, DID, "3k2", "#java", "java"));

        assertThat(feed.followed()).containsExactly("rust");
        assertThat(feed.take(10, Duration.ZERO)).isEmpty();
        assertThat(feed.cursor()).isEqualTo(51);
    }
}
