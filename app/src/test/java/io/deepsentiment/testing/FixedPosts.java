package io.deepsentiment.testing;

import io.deepsentiment.hashtag.source.Post;
import io.deepsentiment.hashtag.source.PostSource;
import java.time.Instant;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * A source named {@code mastodon} that answers every tag with the same six posts at once, so an
 * analysis finishes in a moment: four positive, one negative, and one without author, link or date.
 */
public final class FixedPosts implements PostSource {

    private static final Instant WHEN = Instant.parse("2026-11-25T12:00:00Z");

    private static final List<Post> POSTS = List.of(
            new Post("1", "So happy today, best day ever!", "@anna", "https://mastodon.example/@anna/1", WHEN),
            new Post("2", "I love this community, thank you all", "@ben@other.example",
                    "https://mastodon.example/@ben/2", WHEN.minusSeconds(60)),
            new Post("3", "What a wonderful morning, great coffee", "@cleo", "https://mastodon.example/@cleo/3",
                    WHEN.minusSeconds(120)),
            new Post("4", "Worst week ever, everything went wrong and I hate it", "@dan",
                    "https://mastodon.example/@dan/4", WHEN.minusSeconds(180)),
            new Post("5", "Amazing news, I got the job", "@eve", "https://mastodon.example/@eve/5",
                    WHEN.minusSeconds(240)),
            new Post("6", "a post that came without author, link or date", null, null, null));

    @Override
    public String name() {
        return "mastodon";
    }

    @Override
    public List<Post> fetch(String hashtag, int limit, IntConsumer fetchedSoFar) {
        List<Post> posts = POSTS.subList(0, Math.min(limit, POSTS.size()));
        fetchedSoFar.accept(posts.size());
        return posts;
    }
}
