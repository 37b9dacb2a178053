package io.deepsentiment.hashtag.source;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hashtag on several Mastodon servers at once ({@code MASTODON_INSTANCES}): each server's tag
 * timeline, merged newest first and de-duplicated by the post's own address, since one post
 * federates to many servers. A server that refuses (sign-in required, down, rate-limited) is named in
 * a note and the others still count; only when every server fails does the fetch fail.
 */
public final class MastodonServersSource implements PostSource {

    private static final Logger LOG = LoggerFactory.getLogger(MastodonServersSource.class);

    private final List<MastodonTagSource> servers;

    public MastodonServersSource(List<MastodonTagSource> servers) {
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("at least one Mastodon server is needed");
        }
        this.servers = List.copyOf(servers);
    }

    @Override
    public String name() {
        return MastodonTagSource.NAME;
    }

    @Override
    public String setup() {
        return "public hashtag timelines of " + String.join(", ", servers.stream().map(s -> s.instance().getHost())
                .toList()) + "; MASTODON_INSTANCES lists the servers, MASTODON_TOKENS gives tokens to those that want sign-in";
    }

    /** The servers queried, in the configured order. */
    public List<MastodonTagSource> servers() {
        return servers;
    }

    @Override
    public List<Post> fetch(String hashtag, int limit, IntConsumer fetchedSoFar) {
        return fetch(new PostQuery(hashtag, limit, null), fetchedSoFar, note -> LOG.warn("Mastodon: {}", note));
    }

    /**
     * Asks every server for {@code limit} posts, so that the newest {@code limit} of all of them can be
     * kept; progress counts the distinct posts found so far.
     */
    @Override
    public List<Post> fetch(PostQuery query, IntConsumer fetchedSoFar, Consumer<String> notes) {
        int limit = query.limit();
        SourceSupport.checkRequest(query.hashtag(), limit);
        Map<String, Post> byAddress = new LinkedHashMap<>();
        List<SourceException> failures = new ArrayList<>();
        for (MastodonTagSource server : servers) {
            int before = byAddress.size();
            try {
                for (Post post : server.fetch(query, n -> fetchedSoFar.accept(Math.min(limit, before + n)), notes)) {
                    byAddress.putIfAbsent(post.url() != null ? post.url() : post.id(), post);
                }
            } catch (SourceException e) {
                failures.add(e);
                if (servers.size() > 1) {
                    notes.accept(e.getMessage());
                }
            }
            fetchedSoFar.accept(Math.min(limit, byAddress.size()));
        }
        if (failures.size() == servers.size()) {
            throw failures.size() == 1 ? failures.get(0) : new SourceException(failures.get(0).reason(),
                    "no Mastodon server answered: " + String.join("; ",
                            failures.stream().map(Throwable::getMessage).toList()),
                    failures.get(0).retryAt(), null);
        }
        List<Post> merged = new ArrayList<>(byAddress.values());
        merged.sort(Comparator.comparing(Post::createdAt, Comparator.nullsFirst(Comparator.<java.time.Instant>naturalOrder()))
                .reversed());
        return merged.size() <= limit ? merged : List.copyOf(merged.subList(0, limit));
    }

    @Override
    public String toString() {
        return "MastodonServersSource" + servers;
    }
}
