package io.deepsentiment.hashtag.source;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.deepsentiment.hashtag.source.SourceException.Reason;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MastodonTagSourceTest {

    private static final String TAG = "/api/v1/timelines/tag/devtools";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static WireMockServer instance;
    /** Another host that must never be contacted. */
    private static WireMockServer elsewhere;
    private MastodonTagSource source;
    private final List<Integer> progress = new ArrayList<>();

    @BeforeAll
    static void startServers() {
        instance = new WireMockServer(options().dynamicPort());
        instance.start();
        elsewhere = new WireMockServer(options().dynamicPort());
        elsewhere.start();
    }

    @AfterAll
    static void stopServers() {
        instance.stop();
        elsewhere.stop();
    }

    @BeforeEach
    void reset() {
        instance.resetAll();
        elsewhere.resetAll();
        elsewhere.stubFor(get(anyUrl()).willReturn(okJson("[]")));
        source = new MastodonTagSource(URI.create(instance.baseUrl() + "/"), "en", Fixtures.FAST);
    }

    private List<Post> fetch(String hashtag, int limit) {
        return source.fetch(hashtag, limit, progress::add);
    }

    private SourceException failure(int limit) {
        return catchThrowableOfType(SourceException.class, () -> fetch("devtools", limit));
    }

    /** A page of {@code count} generated statuses with ids counting down from {@code firstId}. */
    private static String page(long firstId, int count) {
        ArrayNode statuses = JSON.createArrayNode();
        for (int i = 0; i < count; i++) {
            String id = String.valueOf(firstId - i);
            ObjectNode status = statuses.addObject()
                    .put("id", id)
                    .put("created_at", "2026-11-25T21:00:00.000Z")
                    .put("language", "en")
                    .put("uri", "https://mastodon.example/users/alice/statuses/" + id)
                    .put("url", "https://mastodon.example/@alice/" + id)
                    .put("content", "<p>status " + id + "</p>")
                    .putNull("reblog");
            status.putObject("account").put("acct", "alice").put("username", "alice");
        }
        return statuses.toString();
    }

    private static String link(String base, String maxId) {
        return "<" + base + TAG + "?limit=40&max_id=" + maxId + ">; rel=\"next\", <" + base + TAG
                + "?limit=40&min_id=1>; rel=\"prev\"";
    }

    private static String param(LoggedRequest request, String name) {
        return request.queryParameter(name).isPresent() ? request.queryParameter(name).firstValue() : null;
    }

    @Test
    void pages_by_the_next_link_up_to_the_limit() {
        instance.stubFor(get(urlPathEqualTo(TAG)).withQueryParam("max_id", absent())
                .willReturn(okJson(page(1000, 40)).withHeader("Link", link(instance.baseUrl(), "961"))));
        instance.stubFor(get(urlPathEqualTo(TAG)).withQueryParam("max_id", equalTo("961"))
                .willReturn(okJson(page(960, 40)).withHeader("Link", link(instance.baseUrl(), "921"))));
        instance.stubFor(get(urlPathEqualTo(TAG)).withQueryParam("max_id", equalTo("921"))
                .willReturn(okJson(page(920, 40)).withHeader("Link", link(instance.baseUrl(), "881"))));

        List<Post> posts = fetch("devtools", 100);

        assertThat(posts).hasSize(100);
        assertThat(posts.get(0).id()).isEqualTo("1000");
        assertThat(posts.get(99).id()).isEqualTo("901");
        assertThat(progress).containsExactly(40, 80, 100);
        List<LoggedRequest> requests = instance.findAll(getRequestedFor(urlPathEqualTo(TAG)));
        assertThat(requests).extracting(r -> param(r, "limit")).containsExactly("40", "40", "40");
        assertThat(requests).extracting(r -> param(r, "max_id")).containsExactly(null, "961", "921");
        assertThat(requests).allSatisfy(r -> assertThat(r.containsHeader("Authorization")).isFalse());
    }

    @Test
    void pages_by_the_last_status_without_a_link_and_stops_at_an_empty_page() {
        instance.stubFor(get(urlPathEqualTo(TAG)).withQueryParam("max_id", absent())
                .willReturn(okJson(page(1000, 40))));
        instance.stubFor(get(urlPathEqualTo(TAG)).withQueryParam("max_id", equalTo("961"))
                .willReturn(okJson(page(960, 15))));
        instance.stubFor(get(urlPathEqualTo(TAG)).withQueryParam("max_id", equalTo("946"))
                .willReturn(okJson("[]")));

        assertThat(fetch("devtools", 1000)).hasSize(55);
        assertThat(progress).containsExactly(40, 55);
        instance.verify(3, getRequestedFor(urlPathEqualTo(TAG)));
    }

    @Test
    void a_link_to_another_host_is_never_followed() {
        instance.stubFor(get(urlPathEqualTo(TAG)).withQueryParam("max_id", absent())
                .willReturn(okJson(page(1000, 40)).withHeader("Link", link(elsewhere.baseUrl(), "5"))));
        instance.stubFor(get(urlPathEqualTo(TAG)).withQueryParam("max_id", equalTo("961"))
                .willReturn(okJson("[]")));

        assertThat(fetch("devtools", 100)).hasSize(40);

        assertThat(elsewhere.getAllServeEvents()).isEmpty();
        assertThat(instance.findAll(getRequestedFor(urlPathEqualTo(TAG))))
                .extracting(r -> param(r, "max_id")).containsExactly(null, "961");
    }

    @Test
    void a_redirect_to_another_host_is_not_followed() {
        instance.stubFor(get(urlPathEqualTo(TAG)).willReturn(aResponse().withStatus(302)
                .withHeader("Location", elsewhere.baseUrl() + TAG)));

        SourceException e = failure(10);

        assertThat(e.reason()).isEqualTo(Reason.MALFORMED);
        assertThat(e.getMessage()).contains("HTTP 302");
        assertThat(elsewhere.getAllServeEvents()).isEmpty();
    }

    @Test
    void converts_statuses_to_plain_text_posts_and_skips_boosts_and_other_languages() {
        instance.stubFor(get(urlPathEqualTo(TAG)).withQueryParam("max_id", absent())
                .willReturn(okJson(Fixtures.read("mastodon-tag-page.json"))));
        instance.stubFor(get(urlPathEqualTo(TAG)).withQueryParam("max_id", equalTo("113500000000000001"))
                .willReturn(okJson("[]")));

        List<Post> posts = fetch("devtools", 10);

        assertThat(posts).containsExactly(
                new Post("113500000000000004",
                        "Loving the new #devtools release 🎉 & the docs too!\n\n"
                                + "Thanks @bob\nDetails: https://blog.example.org/posts/2026/devtools-release-notes",
                        "@alice", "https://mastodon.example/@alice/113500000000000004",
                        Instant.parse("2026-11-25T21:58:07.123Z")),
                // no language: kept; no url: the uri instead
                new Post("113500000000000001",
                        "Why does #devtools crash <again>? 😡\n\nTwo lines later \"still\" broken",
                        "@bob@other.example", "https://other.example/users/bob/statuses/3",
                        Instant.parse("2026-11-25T21:55:00Z")));
        assertThat(progress).containsExactly(2);
    }

    @Test
    void keeps_every_language_when_none_is_configured() {
        source = new MastodonTagSource(URI.create(instance.baseUrl()), null, Fixtures.FAST);
        instance.stubFor(get(urlPathEqualTo(TAG)).willReturn(okJson(Fixtures.read("mastodon-tag-page.json"))));

        assertThat(fetch("devtools", 10)).extracting(Post::author)
                .containsExactly("@alice", "@erik@other.example", "@bob@other.example");
    }

    @Test
    void an_unknown_tag_is_an_empty_timeline() {
        instance.stubFor(get(urlPathEqualTo("/api/v1/timelines/tag/nosuchtag")).willReturn(okJson("[]")));

        assertThat(fetch("nosuchtag", 100)).isEmpty();
        assertThat(progress).isEmpty();
    }

    @Test
    void encodes_tags_in_other_scripts() {
        instance.stubFor(get(urlPathEqualTo("/api/v1/timelines/tag/caf%C3%A9")).willReturn(okJson("[]")));

        assertThat(fetch("café", 10)).isEmpty();
        instance.verify(1, getRequestedFor(urlPathEqualTo("/api/v1/timelines/tag/caf%C3%A9")));
    }

    @Test
    void a_hashtag_with_a_path_in_it_is_refused_before_sending() {
        SourceException e = catchThrowableOfType(SourceException.class, () -> fetch("../../accounts", 10));

        assertThat(e.reason()).isEqualTo(Reason.REJECTED);
        assertThat(instance.getAllServeEvents()).isEmpty();
    }

    @Test
    void a_near_rate_limit_reset_is_waited_out() {
        Instant reset = Instant.now().plusMillis(300);
        instance.stubFor(get(urlPathEqualTo(TAG)).inScenario("limit").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("X-RateLimit-Reset", reset.toString())
                        .withBody("{\"error\":\"Too many requests\"}"))
                .willSetStateTo("reset"));
        instance.stubFor(get(urlPathEqualTo(TAG)).inScenario("limit").whenScenarioStateIs("reset")
                .willReturn(okJson(page(100, 5))));

        assertThat(fetch("devtools", 5)).hasSize(5);

        assertThat(Instant.now()).isAfterOrEqualTo(reset);
        instance.verify(2, getRequestedFor(urlPathEqualTo(TAG)));
    }

    @Test
    void a_far_rate_limit_reset_fails_at_once_with_the_time() {
        instance.stubFor(get(urlPathEqualTo(TAG)).willReturn(aResponse().withStatus(429)
                .withHeader("X-RateLimit-Reset", "2099-11-25T22:15:00.000Z")));

        SourceException e = failure(10);

        assertThat(e.reason()).isEqualTo(Reason.RATE_LIMITED);
        assertThat(e.retryAt()).isEqualTo(Instant.parse("2099-11-25T22:15:00Z"));
        assertThat(e).hasMessage("Mastodon (localhost) rate limit reached; try again after 2099-11-25T22:15:00Z");
        instance.verify(1, getRequestedFor(urlPathEqualTo(TAG)));
    }

    @Test
    void an_instance_that_requires_sign_in_is_reported() {
        instance.stubFor(get(urlPathEqualTo(TAG)).willReturn(aResponse().withStatus(401)
                .withBody("{\"error\":\"This API requires an authenticated user\"}")));

        SourceException e = failure(10);

        assertThat(e.reason()).isEqualTo(Reason.UNAUTHORIZED);
        assertThat(e).hasMessage("Mastodon (localhost) shows its hashtag timelines only to signed-in users (HTTP 401); "
                + "give it an access token in MASTODON_TOKENS or remove it from MASTODON_INSTANCES "
                + "(the instance says: This API requires an authenticated user)");
    }

    @Test
    void a_missing_api_is_reported_not_taken_for_an_empty_tag() {
        instance.stubFor(get(urlPathEqualTo(TAG)).willReturn(aResponse().withStatus(404).withBody("<html>Not found</html>")));

        SourceException e = failure(10);

        assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
        assertThat(e).hasMessage("Mastodon (localhost) has no hashtag timeline API (HTTP 404); check the configured instance");
    }

    @Test
    void a_server_error_is_retried() {
        instance.stubFor(get(urlPathEqualTo(TAG)).inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(502)).willSetStateTo("up"));
        instance.stubFor(get(urlPathEqualTo(TAG)).inScenario("flaky").whenScenarioStateIs("up")
                .willReturn(okJson(page(100, 5))));

        assertThat(fetch("devtools", 5)).hasSize(5);
        instance.verify(2, getRequestedFor(urlPathEqualTo(TAG)));
    }

    @Test
    void a_slow_answer_times_out_is_retried_and_makes_it_unavailable() {
        source = new MastodonTagSource(URI.create(instance.baseUrl()), "en", Fixtures.IMPATIENT);
        instance.stubFor(get(urlPathEqualTo(TAG)).willReturn(okJson(page(100, 5)).withFixedDelay(1500)));

        SourceException e = failure(5);

        assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
        assertThat(e).hasMessage("Mastodon (localhost) did not answer within 300 ms (3 attempts)");
        instance.verify(3, getRequestedFor(urlPathEqualTo(TAG)));
    }

    @Test
    void an_answer_that_is_not_a_list_is_malformed() {
        instance.stubFor(get(urlPathEqualTo(TAG)).willReturn(okJson("{\"statuses\":[]}")));

        SourceException e = failure(10);

        assertThat(e.reason()).isEqualTo(Reason.MALFORMED);
        assertThat(e).hasMessage("Mastodon (localhost) sent a timeline that is not a JSON list");
    }

    @Test
    void truncated_json_is_malformed() {
        instance.stubFor(get(urlPathEqualTo(TAG)).willReturn(okJson("[{\"id\":\"1\",\"content\":\"<p>cut")));

        assertThat(failure(10).reason()).isEqualTo(Reason.MALFORMED);
    }

    @Test
    void a_status_without_an_account_is_malformed() {
        instance.stubFor(get(urlPathEqualTo(TAG)).willReturn(okJson(
                "[{\"id\":\"1\",\"created_at\":\"2026-11-25T21:00:00Z\",\"content\":\"<p>hi</p>\",\"uri\":\"u\",\"reblog\":null}]")));

        SourceException e = failure(10);

        assertThat(e.reason()).isEqualTo(Reason.MALFORMED);
        assertThat(e).hasMessage("Mastodon (localhost) sent a status without \"account\"");
    }

    @Test
    void only_the_configured_instance_is_contacted() {
        instance.stubFor(get(urlPathEqualTo(TAG)).willReturn(okJson(page(100, 5))));

        fetch("devtools", 5);

        assertThat(source.instance()).isEqualTo(URI.create(instance.baseUrl()));
        elsewhere.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void with_since_it_keeps_only_newer_posts_and_stops_paging_at_the_first_older_one() {
        // statuses one minute apart, newest first, across pages
        com.fasterxml.jackson.databind.node.ArrayNode first = JSON.createArrayNode();
        com.fasterxml.jackson.databind.node.ArrayNode second = JSON.createArrayNode();
        for (int i = 0; i < 80; i++) {
            ObjectNode status = (i < 40 ? first : second).addObject().put("id", String.valueOf(1000 - i))
                    .put("created_at", Instant.parse("2026-12-03T12:00:00Z").minusSeconds(60L * i).toString())
                    .put("language", "en").put("uri", "https://m.example/s/" + (1000 - i))
                    .put("url", "https://m.example/@a/" + (1000 - i)).put("content", "<p>status " + i + "</p>")
                    .putNull("reblog");
            status.putObject("account").put("acct", "alice").put("username", "alice");
        }
        instance.stubFor(get(urlPathEqualTo(TAG)).withQueryParam("max_id", absent())
                .willReturn(okJson(first.toString()).withHeader("Link", link(instance.baseUrl(), "961"))));
        instance.stubFor(get(urlPathEqualTo(TAG)).withQueryParam("max_id", equalTo("961"))
                .willReturn(okJson(second.toString()).withHeader("Link", link(instance.baseUrl(), "921"))));

        // since 10:55: statuses 0..64 are newer (12:00 back to 10:56)
        List<Post> posts = source.fetch(new PostQuery("devtools", 500, Instant.parse("2026-12-03T10:55:00Z")),
                n -> { }, note -> { });

        assertThat(posts).hasSize(65);
        assertThat(posts.get(64).createdAt()).isEqualTo(Instant.parse("2026-12-03T10:56:00Z"));
        instance.verify(2, getRequestedFor(urlPathEqualTo(TAG)));
    }
}
