package io.deepsentiment.hashtag.source;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.deepsentiment.hashtag.source.SourceException.Reason;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bluesky's post search through a signed-in session, against WireMock answering as Bluesky documents it. */
class BlueskySearchSourceTest {

    private static final String HANDLE = "deepsentiment-test.bsky.social";
    private static final String APP_PASSWORD = "abcd-efgh-ijkl-mnop";
    private static final String SEARCH = "/xrpc/app.bsky.feed.searchPosts";
    private static final String CREATE = "/xrpc/com.atproto.server.createSession";
    private static final String REFRESH = "/xrpc/com.atproto.server.refreshSession";
    private static final Instant NOW = Instant.parse("2026-12-03T18:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static WireMockServer bluesky;
    private final List<Integer> progress = new ArrayList<>();
    private BlueskySearchSource source;

    @BeforeAll
    static void startBluesky() {
        bluesky = new WireMockServer(options().dynamicPort());
        bluesky.start();
    }

    @AfterAll
    static void stopBluesky() {
        bluesky.stop();
    }

    @BeforeEach
    void reset() {
        bluesky.resetAll();
        source = source("en");
    }

    private BlueskySearchSource source(String language) {
        return new BlueskySearchSource(URI.create(bluesky.baseUrl()), HANDLE, APP_PASSWORD, language,
                Fixtures.FAST.withTime(Clock.fixed(NOW, ZoneOffset.UTC), new RecordingSleeper()));
    }

    /** A JWT whose payload says it expires at {@code expires}; the signature is never checked by clients. */
    private static String jwt(String name, Instant expires) {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String header = base64.encodeToString("{\"alg\":\"ES256K\",\"typ\":\"at+jwt\"}".getBytes(StandardCharsets.UTF_8));
        String payload = base64.encodeToString(("{\"scope\":\"com.atproto.appPass\",\"sub\":\"did:plc:test\",\"jti\":\""
                + name + "\",\"iat\":" + NOW.minusSeconds(60).getEpochSecond() + ",\"exp\":" + expires.getEpochSecond()
                + "}").getBytes(StandardCharsets.UTF_8));
        return header + "." + payload + "." + base64.encodeToString(name.getBytes(StandardCharsets.UTF_8));
    }

    private static final String ACCESS = jwt("access-1", NOW.plusSeconds(7200));
    private static final String REFRESH_TOKEN = jwt("refresh-1", NOW.plusSeconds(90 * 86400));
    private static final String ACCESS_2 = jwt("access-2", NOW.plusSeconds(7200));
    private static final String REFRESH_TOKEN_2 = jwt("refresh-2", NOW.plusSeconds(90 * 86400));

    private static String session(String access, String refresh) {
        return JSON.createObjectNode().put("accessJwt", access).put("refreshJwt", refresh).put("handle", HANDLE)
                .put("did", "did:plc:test").put("active", true).toString();
    }

    private void signInGives(String access, String refresh) {
        bluesky.stubFor(post(urlPathEqualTo(CREATE))
                .withRequestBody(equalToJson("{\"identifier\":\"" + HANDLE + "\",\"password\":\"" + APP_PASSWORD + "\"}"))
                .willReturn(okJson(session(access, refresh))));
    }

    private void searchWith(String token, String body) {
        bluesky.stubFor(get(urlPathEqualTo(SEARCH)).withHeader("Authorization", equalTo("Bearer " + token))
                .willReturn(okJson(body)));
    }

    /** A page of {@code count} generated English posts, rkeys counting down from {@code first}. */
    private static String page(int first, int count, String cursor) {
        ObjectNode root = JSON.createObjectNode();
        if (cursor != null) {
            root.put("cursor", cursor);
        }
        ArrayNode posts = root.putArray("posts");
        for (int i = 0; i < count; i++) {
            String did = "did:plc:author" + (first - i);
            ObjectNode post = posts.addObject().put("uri", "at://" + did + "/app.bsky.feed.post/3k" + (first - i))
                    .put("cid", "bafy" + (first - i)).put("indexedAt", "2026-12-03T17:00:00.000Z")
                    .put("likeCount", 0).put("replyCount", 0).put("repostCount", 0).put("quoteCount", 0);
            post.putObject("author").put("did", did).put("handle", "writer" + (first - i) + ".bsky.social");
            post.putObject("record").put("$type", "app.bsky.feed.post").put("text", "post " + (first - i) + " #java")
                    .put("createdAt", "2026-12-03T16:59:59.000Z").putArray("langs").add("en");
        }
        return root.toString();
    }

    private List<Post> fetch(String hashtag, int limit) {
        return source.fetch(hashtag, limit, progress::add);
    }

    private SourceException failure(String hashtag, int limit) {
        return catchThrowableOfType(SourceException.class, () -> fetch(hashtag, limit));
    }

    private static String param(LoggedRequest request, String name) {
        return request.queryParameter(name).isPresent() ? request.queryParameter(name).firstValue() : null;
    }

    @Test
    void signs_in_with_the_app_password_and_searches_the_tag_with_the_access_token() {
        signInGives(ACCESS, REFRESH_TOKEN);
        searchWith(ACCESS, Fixtures.read("bluesky-search-page.json").replace("\"cursor\": \"25\",", ""));

        List<Post> posts = fetch("java", 50);

        LoggedRequest search = bluesky.findAll(getRequestedFor(urlPathEqualTo(SEARCH))).get(0);
        assertThat(param(search, "q")).isEqualTo("#java");
        assertThat(param(search, "tag")).isEqualTo("java");
        assertThat(param(search, "sort")).isEqualTo("latest");
        assertThat(param(search, "limit")).isEqualTo("100");
        assertThat(param(search, "lang")).isEqualTo("en");
        // the German post is skipped; a post that names no language is kept
        assertThat(posts).extracting(Post::text)
                .containsExactly("Loving the new release 😍 #Java is back", "worst build day ever #java");
        Post first = posts.get(0);
        assertThat(first.id()).isEqualTo("at://did:plc:z72i7hdynmk6r22z27h6tvur/app.bsky.feed.post/3lbcz7bqzxk2a");
        assertThat(first.author()).isEqualTo("@alice.bsky.social");
        assertThat(first.url()).isEqualTo("https://bsky.app/profile/alice.bsky.social/post/3lbcz7bqzxk2a");
        assertThat(first.createdAt()).isEqualTo(Instant.parse("2026-12-03T17:59:30.123Z"));
        // an author whose handle does not resolve is named and linked by DID
        assertThat(posts.get(1).author()).isEqualTo("@did:plc:ewvi7nxzyoun6zhxrhs64oiz");
        assertThat(posts.get(1).url())
                .isEqualTo("https://bsky.app/profile/did:plc:ewvi7nxzyoun6zhxrhs64oiz/post/3lbcz6k2q4s2x");
        assertThat(progress).containsExactly(2);
        assertThat(source.signIns()).isEqualTo(1);
    }

    @Test
    void follows_the_cursor_until_the_limit() {
        signInGives(ACCESS, REFRESH_TOKEN);
        bluesky.stubFor(get(urlPathEqualTo(SEARCH)).withQueryParam("cursor", com.github.tomakehurst.wiremock.client
                .WireMock.absent()).willReturn(okJson(page(300, 100, "100"))));
        bluesky.stubFor(get(urlPathEqualTo(SEARCH)).withQueryParam("cursor", equalTo("100"))
                .willReturn(okJson(page(200, 100, "200"))));
        bluesky.stubFor(get(urlPathEqualTo(SEARCH)).withQueryParam("cursor", equalTo("200"))
                .willReturn(okJson(page(100, 100, "300"))));

        List<Post> posts = fetch("java", 150);

        assertThat(posts).hasSize(150);
        assertThat(posts.get(0).id()).isEqualTo("at://did:plc:author300/app.bsky.feed.post/3k300");
        assertThat(posts.get(149).id()).isEqualTo("at://did:plc:author151/app.bsky.feed.post/3k151");
        assertThat(progress).containsExactly(100, 150);
        bluesky.verify(2, getRequestedFor(urlPathEqualTo(SEARCH)));
    }

    @Test
    void stops_when_there_is_no_cursor_or_an_empty_page() {
        signInGives(ACCESS, REFRESH_TOKEN);
        searchWith(ACCESS, page(10, 10, null));
        assertThat(fetch("java", 500)).hasSize(10);

        bluesky.resetAll();
        signInGives(ACCESS, REFRESH_TOKEN);
        searchWith(ACCESS, "{\"cursor\": \"5\", \"posts\": []}");
        assertThat(fetch("java", 500)).isEmpty();
        bluesky.verify(1, getRequestedFor(urlPathEqualTo(SEARCH)));
    }

    @Test
    void one_sign_in_serves_every_analysis() {
        signInGives(ACCESS, REFRESH_TOKEN);
        searchWith(ACCESS, page(10, 10, null));

        for (int i = 0; i < 5; i++) {
            assertThat(fetch("java", 10)).hasSize(10);
        }

        bluesky.verify(1, postRequestedFor(urlPathEqualTo(CREATE)));
        assertThat(source.signIns()).isEqualTo(1);
    }

    @Test
    void an_access_token_refused_as_expired_is_refreshed_and_the_page_asked_again() {
        signInGives(ACCESS, REFRESH_TOKEN);
        bluesky.stubFor(get(urlPathEqualTo(SEARCH)).withHeader("Authorization", equalTo("Bearer " + ACCESS))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"ExpiredToken\",\"message\":\"Token has expired\"}")));
        bluesky.stubFor(post(urlPathEqualTo(REFRESH)).withHeader("Authorization", equalTo("Bearer " + REFRESH_TOKEN))
                .willReturn(okJson(session(ACCESS_2, REFRESH_TOKEN_2))));
        searchWith(ACCESS_2, page(10, 10, null));

        assertThat(fetch("java", 10)).hasSize(10);

        bluesky.verify(1, postRequestedFor(urlPathEqualTo(REFRESH)));
        assertThat(source.signIns()).as("refreshed, not signed in again").isEqualTo(1);
    }

    @Test
    void a_refused_refresh_token_means_signing_in_again() {
        bluesky.stubFor(post(urlPathEqualTo(CREATE)).inScenario("sign-ins")
                .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(okJson(session(ACCESS, REFRESH_TOKEN))).willSetStateTo("second"));
        bluesky.stubFor(post(urlPathEqualTo(CREATE)).inScenario("sign-ins").whenScenarioStateIs("second")
                .willReturn(okJson(session(ACCESS_2, REFRESH_TOKEN_2))));
        bluesky.stubFor(get(urlPathEqualTo(SEARCH)).withHeader("Authorization", equalTo("Bearer " + ACCESS))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"InvalidToken\",\"message\":\"Token could not be verified\"}")));
        bluesky.stubFor(post(urlPathEqualTo(REFRESH)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"ExpiredToken\",\"message\":\"Token has been revoked\"}")));
        searchWith(ACCESS_2, page(10, 10, null));

        assertThat(fetch("java", 10)).hasSize(10);

        assertThat(source.signIns()).isEqualTo(2);
    }

    @Test
    void a_token_about_to_expire_is_renewed_before_the_call() {
        MovingClock clock = new MovingClock(NOW);
        source = new BlueskySearchSource(URI.create(bluesky.baseUrl()), HANDLE, APP_PASSWORD, "en",
                Fixtures.FAST.withTime(clock, new RecordingSleeper()));
        signInGives(ACCESS, REFRESH_TOKEN); // valid for two hours
        bluesky.stubFor(post(urlPathEqualTo(REFRESH)).withHeader("Authorization", equalTo("Bearer " + REFRESH_TOKEN))
                .willReturn(okJson(session(ACCESS_2, REFRESH_TOKEN_2))));
        searchWith(ACCESS, page(10, 10, null));
        searchWith(ACCESS_2, page(10, 10, null));

        fetch("java", 10);
        clock.now = NOW.plusSeconds(7200 - 30); // 30 s left: renewed first, never sent
        fetch("java", 10);

        bluesky.verify(1, getRequestedFor(urlPathEqualTo(SEARCH)).withHeader("Authorization", equalTo("Bearer " + ACCESS)));
        bluesky.verify(1, getRequestedFor(urlPathEqualTo(SEARCH)).withHeader("Authorization", equalTo("Bearer " + ACCESS_2)));
        bluesky.verify(1, postRequestedFor(urlPathEqualTo(REFRESH)));
        assertThat(source.signIns()).isEqualTo(1);
    }

    /** A clock the test moves. */
    private static final class MovingClock extends Clock {
        volatile Instant now;

        MovingClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @Test
    void a_wrong_app_password_says_which_variables_to_check_and_never_shows_the_password() {
        bluesky.stubFor(post(urlPathEqualTo(CREATE)).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"AuthenticationRequired\",\"message\":\"Invalid identifier or password\"}")));

        SourceException e = failure("java", 10);

        assertThat(e.reason()).isEqualTo(Reason.UNAUTHORIZED);
        assertThat(e).hasMessageContaining("Bluesky refused to sign in as " + HANDLE)
                .hasMessageContaining("BLUESKY_HANDLE and BLUESKY_APP_PASSWORD")
                .hasMessageContaining("Invalid identifier or password")
                .message().doesNotContain(APP_PASSWORD);
        bluesky.verify(0, getRequestedFor(urlPathEqualTo(SEARCH)));
    }

    @Test
    void without_an_account_the_source_is_off_and_says_how_to_turn_it_on() {
        BlueskySearchSource off = new BlueskySearchSource(URI.create(bluesky.baseUrl()), null, " ", "en", Fixtures.FAST);

        SourceException e = catchThrowableOfType(SourceException.class, () -> off.fetch("java", 10, n -> {}));

        assertThat(off.isConfigured()).isFalse();
        assertThat(e.reason()).isEqualTo(Reason.UNAUTHORIZED);
        assertThat(e).hasMessageContaining("BLUESKY_HANDLE and BLUESKY_APP_PASSWORD");
        assertThat(bluesky.getAllServeEvents()).isEmpty();
    }

    @Test
    void a_rate_limit_far_away_fails_with_its_reset_time() {
        signInGives(ACCESS, REFRESH_TOKEN);
        Instant reset = NOW.plusSeconds(600);
        bluesky.stubFor(get(urlPathEqualTo(SEARCH)).willReturn(aResponse().withStatus(429)
                .withHeader("ratelimit-limit", "3000").withHeader("ratelimit-remaining", "0")
                .withHeader("ratelimit-reset", String.valueOf(reset.getEpochSecond()))
                .withHeader("ratelimit-policy", "3000;w=300")
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"RateLimitExceeded\",\"message\":\"Rate Limit Exceeded\"}")));

        SourceException e = failure("java", 10);

        assertThat(e.reason()).isEqualTo(Reason.RATE_LIMITED);
        assertThat(e.retryAt()).isEqualTo(reset);
        assertThat(e).hasMessageContaining("Bluesky rate limit reached; try again after 2026-12-03T18:10:00Z");
    }

    @Test
    void malformed_answers_are_reported_as_such() {
        signInGives(ACCESS, REFRESH_TOKEN);
        searchWith(ACCESS, "{\"cursor\": \"1\"}");
        assertThat(failure("java", 10).reason()).isEqualTo(Reason.MALFORMED);

        searchWith(ACCESS, "<html>bad gateway</html>");
        assertThat(failure("java", 10)).hasMessage("Bluesky sent an answer that is not JSON");

        searchWith(ACCESS, "{\"posts\": [{\"uri\": \"at://x/app.bsky.feed.post/1\"}]}");
        assertThat(failure("java", 10)).hasMessage("Bluesky sent a post without its record or author");
    }

    @Test
    void a_bad_query_is_rejected_with_what_bluesky_says() {
        signInGives(ACCESS, REFRESH_TOKEN);
        bluesky.stubFor(get(urlPathEqualTo(SEARCH)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"BadQueryString\",\"message\":\"could not parse query\"}")));

        SourceException e = failure("java", 10);

        assertThat(e.reason()).isEqualTo(Reason.REJECTED);
        assertThat(e).hasMessage("Bluesky rejected the search (HTTP 400) (Bluesky says: could not parse query)");
    }

    @Test
    void every_language_is_kept_when_none_is_configured() {
        source = source(null);
        signInGives(ACCESS, REFRESH_TOKEN);
        searchWith(ACCESS, Fixtures.read("bluesky-search-page.json").replace("\"cursor\": \"25\",", ""));

        assertThat(fetch("java", 50)).hasSize(3);
        assertThat(param(bluesky.findAll(getRequestedFor(urlPathEqualTo(SEARCH))).get(0), "lang")).isNull();
    }

    @Test
    void post_links_open_bsky_app_only_for_post_records() {
        assertThat(BlueskySearchSource.webUrl("at://did:plc:abc/app.bsky.feed.post/3kxyz", "a.bsky.social"))
                .isEqualTo("https://bsky.app/profile/a.bsky.social/post/3kxyz");
        assertThat(BlueskySearchSource.webUrl("at://did:plc:abc/app.bsky.feed.like/3kxyz", "a.bsky.social"))
                .isEqualTo("at://did:plc:abc/app.bsky.feed.like/3kxyz");
        assertThat(BlueskySearchSource.webUrl("at://did:plc:abc/app.bsky.feed.post/3k<script>", "a.bsky.social"))
                .isEqualTo("at://did:plc:abc/app.bsky.feed.post/3k<script>");
    }

    @Test
    void with_since_it_asks_for_newer_posts_and_keeps_only_those() {
        signInGives(ACCESS, REFRESH_TOKEN);
        searchWith(ACCESS, Fixtures.read("bluesky-search-page.json").replace("\"cursor\": \"25\",", ""));

        List<Post> posts = source.fetch(new PostQuery("java", 50, Instant.parse("2026-12-03T17:59:00Z")),
                progress::add, note -> { });

        assertThat(param(bluesky.findAll(getRequestedFor(urlPathEqualTo(SEARCH))).get(0), "since"))
                .isEqualTo("2026-12-03T17:59:00Z");
        assertThat(posts).extracting(Post::text).containsExactly("Loving the new release 😍 #Java is back");
    }

    @Test
    void a_search_that_answers_too_slowly_is_retried_then_reported_unavailable() {
        source = new BlueskySearchSource(URI.create(bluesky.baseUrl()), HANDLE, APP_PASSWORD, "en",
                Fixtures.IMPATIENT.withTime(Clock.fixed(NOW, ZoneOffset.UTC), new RecordingSleeper()));
        signInGives(ACCESS, REFRESH_TOKEN);
        bluesky.stubFor(get(urlPathEqualTo(SEARCH)).willReturn(okJson(page(10, 10, null)).withFixedDelay(1500)));

        SourceException e = failure("java", 10);

        assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
        assertThat(e).hasMessage("Bluesky did not answer within 300 ms (3 attempts)");
        bluesky.verify(3, getRequestedFor(urlPathEqualTo(SEARCH)));
    }
}
