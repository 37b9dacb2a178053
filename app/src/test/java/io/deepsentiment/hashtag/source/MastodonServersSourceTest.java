package io.deepsentiment.hashtag.source;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.deepsentiment.hashtag.source.SourceException.Reason;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One hashtag on two Mastodon servers (two WireMock servers), merged as federation would have it. */
class MastodonServersSourceTest {

    private static final String TAG = "/api/v1/timelines/tag/java";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static WireMockServer first;
    private static WireMockServer second;
    private final List<String> notes = new ArrayList<>();
    private final List<Integer> progress = new ArrayList<>();

    @BeforeAll
    static void startServers() {
        first = new WireMockServer(options().dynamicPort());
        second = new WireMockServer(options().dynamicPort());
        first.start();
        second.start();
    }

    @AfterAll
    static void stopServers() {
        first.stop();
        second.stop();
    }

    @BeforeEach
    void reset() {
        first.resetAll();
        second.resetAll();
    }

    private static MastodonServersSource both(String secondToken) {
        return new MastodonServersSource(List.of(
                new MastodonTagSource(URI.create(first.baseUrl()), null, "en", Fixtures.FAST),
                new MastodonTagSource(URI.create(second.baseUrl()), secondToken, "en", Fixtures.FAST)));
    }

    /**
     * A status as a server shows it: its own local {@code id}, and the {@code url} and {@code uri} of
     * the original, which are the same on every server the post federated to.
     */
    private static void status(ArrayNode page, String localId, String original, int minutesAgo, String text) {
        ObjectNode status = page.addObject().put("id", localId)
                .put("created_at", Instant.parse("2026-12-03T12:00:00Z").minusSeconds(60L * minutesAgo).toString())
                .put("content", "<p>" + text + "</p>")
                .put("url", "https://origin.example/@" + original)
                .put("uri", "https://origin.example/users/" + original)
                .put("language", "en");
        status.putNull("reblog");
        status.putObject("account").put("acct", original + "@origin.example").put("username", original);
    }

    @Test
    void posts_are_merged_newest_first_and_a_federated_post_counts_once() {
        ArrayNode one = JSON.createArrayNode();
        status(one, "111", "a/1", 1, "great release");
        status(one, "112", "b/2", 5, "shared everywhere");
        ArrayNode two = JSON.createArrayNode();
        status(two, "9001", "b/2", 5, "shared everywhere");
        status(two, "9002", "c/3", 3, "worst bug");
        status(two, "9003", "d/4", 10, "meeting on tuesday");
        first.stubFor(get(urlPathEqualTo(TAG)).willReturn(okJson(one.toString())));
        second.stubFor(get(urlPathEqualTo(TAG)).willReturn(okJson(two.toString())));

        List<Post> posts = both(null).fetch(new PostQuery("java", 10, null), progress::add, notes::add);

        assertThat(posts).extracting(Post::text)
                .containsExactly("great release", "worst bug", "shared everywhere", "meeting on tuesday");
        assertThat(notes).isEmpty();
        assertThat(progress).last().isEqualTo(4);
    }

    @Test
    void the_newest_posts_of_all_servers_are_kept_up_to_the_limit() {
        ArrayNode one = JSON.createArrayNode();
        status(one, "1", "a/1", 1, "one");
        status(one, "2", "a/2", 4, "four");
        ArrayNode two = JSON.createArrayNode();
        status(two, "1", "b/1", 2, "two");
        status(two, "2", "b/2", 3, "three");
        first.stubFor(get(urlPathEqualTo(TAG)).willReturn(okJson(one.toString())));
        second.stubFor(get(urlPathEqualTo(TAG)).willReturn(okJson(two.toString())));

        assertThat(both(null).fetch(new PostQuery("java", 3, null), progress::add, notes::add)).extracting(Post::text)
                .containsExactly("one", "two", "three");
    }

    @Test
    void a_server_that_requires_sign_in_is_named_and_the_others_still_count() {
        ArrayNode one = JSON.createArrayNode();
        status(one, "1", "a/1", 1, "still here");
        first.stubFor(get(urlPathEqualTo(TAG)).willReturn(okJson(one.toString())));
        second.stubFor(get(urlPathEqualTo(TAG)).willReturn(aResponse().withStatus(401)
                .withBody("{\"error\":\"This API requires an authenticated user\"}")));

        List<Post> posts = both(null).fetch(new PostQuery("java", 10, null), progress::add, notes::add);

        assertThat(posts).extracting(Post::text).containsExactly("still here");
        assertThat(notes).singleElement().asString()
                .startsWith("Mastodon (localhost) shows its hashtag timelines only to signed-in users (HTTP 401)")
                .contains("MASTODON_TOKENS");
    }

    @Test
    void a_token_is_sent_only_to_its_own_server() {
        first.stubFor(get(urlPathEqualTo(TAG)).willReturn(okJson("[]")));
        second.stubFor(get(urlPathEqualTo(TAG)).willReturn(okJson("[]")));

        both("secret-2").fetch(new PostQuery("java", 10, null), progress::add, notes::add);

        second.verify(getRequestedFor(urlPathEqualTo(TAG)).withHeader("Authorization", equalTo("Bearer secret-2")));
        assertThat(first.findAll(getRequestedFor(urlPathEqualTo(TAG))))
                .allSatisfy(request -> assertThat(request.containsHeader("Authorization")).isFalse());
    }

    @Test
    void when_every_server_fails_the_fetch_fails_naming_each() {
        first.stubFor(get(urlPathEqualTo(TAG)).willReturn(aResponse().withStatus(404)));
        second.stubFor(get(urlPathEqualTo(TAG)).willReturn(aResponse().withStatus(401)));

        SourceException e = catchThrowableOfType(SourceException.class,
                () -> both(null).fetch(new PostQuery("java", 10, null), progress::add, notes::add));

        assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
        assertThat(e).hasMessageStartingWith("no Mastodon server answered: Mastodon (localhost) has no hashtag timeline API")
                .hasMessageContaining("; Mastodon (localhost) shows its hashtag timelines only to signed-in users");
    }

    @Test
    void a_spent_rate_limit_stops_paging_that_server() {
        ArrayNode one = JSON.createArrayNode();
        for (int i = 0; i < 40; i++) {
            status(one, Integer.toString(100 - i), "a/" + i, i, "post " + i);
        }
        first.stubFor(get(urlPathEqualTo(TAG)).willReturn(okJson(one.toString())
                .withHeader("X-RateLimit-Limit", "300").withHeader("X-RateLimit-Remaining", "0")
                .withHeader("X-RateLimit-Reset", "2026-12-03T12:05:00.000Z")));
        second.stubFor(get(urlPathEqualTo(TAG)).willReturn(okJson("[]")));

        assertThat(both(null).fetch(new PostQuery("java", 200, null), progress::add, notes::add)).hasSize(40);
        first.verify(1, getRequestedFor(urlPathEqualTo(TAG)));
    }
}
