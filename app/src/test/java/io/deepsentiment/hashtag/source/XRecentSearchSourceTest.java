package io.deepsentiment.hashtag.source;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
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
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class XRecentSearchSourceTest {

    private static final String TOKEN = "AAAA-test-bearer-token-0123456789";
    private static final String SEARCH = "/2/tweets/search/recent";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static WireMockServer x;
    /** Caps far above what these tests read; the spending tests set their own. */
    private final CountingPostBudget budget = new CountingPostBudget();
    private final XRecentSearchSource.Spending spending = new XRecentSearchSource.Spending(1000, 1_000_000, budget);
    private XRecentSearchSource source;
    private final List<Integer> progress = new ArrayList<>();

    @BeforeAll
    static void startX() {
        x = new WireMockServer(options().dynamicPort());
        x.start();
    }

    @AfterAll
    static void stopX() {
        x.stop();
    }

    @BeforeEach
    void reset() {
        x.resetAll();
        source = new XRecentSearchSource(URI.create(x.baseUrl()), TOKEN, spending, Fixtures.FAST);
    }

    private List<Post> fetch(String hashtag, int limit) {
        return source.fetch(hashtag, limit, progress::add);
    }

    private SourceException failure(String hashtag, int limit) {
        return catchThrowableOfType(SourceException.class, () -> fetch(hashtag, limit));
    }

    /** A page of {@code count} generated posts with ids counting down from {@code firstId}. */
    private static String page(long firstId, int count, String nextToken) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode data = root.putArray("data");
        for (int i = 0; i < count; i++) {
            data.addObject()
                    .put("id", String.valueOf(firstId - i))
                    .put("text", "post number " + (firstId - i) + " about #java")
                    .put("author_id", "42")
                    .put("created_at", "2026-11-25T21:00:00.000Z")
                    .put("lang", "en");
        }
        root.putObject("includes").putArray("users").addObject()
                .put("id", "42").put("username", "writer42").put("name", "Writer");
        ObjectNode meta = root.putObject("meta").put("result_count", count);
        if (nextToken != null) {
            meta.put("next_token", nextToken);
        }
        return root.toString();
    }

    private static String param(LoggedRequest request, String name) {
        return request.queryParameter(name).isPresent() ? request.queryParameter(name).firstValue() : null;
    }

    @Test
    void pages_with_next_token_up_to_the_limit() {
        x.stubFor(get(urlPathEqualTo(SEARCH)).withQueryParam("next_token", absent())
                .willReturn(okJson(page(9000, 100, "t2"))));
        x.stubFor(get(urlPathEqualTo(SEARCH)).withQueryParam("next_token", equalTo("t2"))
                .willReturn(okJson(page(8900, 100, "t3"))));
        x.stubFor(get(urlPathEqualTo(SEARCH)).withQueryParam("next_token", equalTo("t3"))
                .willReturn(okJson(page(8800, 50, "t4"))));

        List<Post> posts = fetch("java", 250);

        assertThat(posts).hasSize(250);
        assertThat(posts.get(0).id()).isEqualTo("9000");
        assertThat(posts.get(249).id()).isEqualTo("8751");
        assertThat(progress).containsExactly(100, 200, 250);
        List<LoggedRequest> requests = x.findAll(getRequestedFor(urlPathEqualTo(SEARCH)));
        assertThat(requests).extracting(r -> param(r, "max_results")).containsExactly("100", "100", "50");
        assertThat(requests).extracting(r -> param(r, "next_token")).containsExactly(null, "t2", "t3");
        for (LoggedRequest request : requests) {
            assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
            assertThat(param(request, "query")).isEqualTo("#java -is:retweet lang:en");
            assertThat(param(request, "tweet.fields")).isEqualTo("created_at,author_id,lang");
            assertThat(param(request, "expansions")).isEqualTo("author_id");
            assertThat(param(request, "user.fields")).isEqualTo("username");
        }
        assertThat(requests.get(0).getUrl()).contains("query=%23java%20-is%3Aretweet%20lang%3Aen");
    }

    @Test
    void stops_when_there_is_no_next_token() {
        x.stubFor(get(urlPathEqualTo(SEARCH)).willReturn(okJson(page(500, 30, null))));

        assertThat(fetch("java", 1000)).hasSize(30);
        assertThat(progress).containsExactly(30);
        x.verify(1, getRequestedFor(urlPathEqualTo(SEARCH)));
    }

    @Test
    void asks_for_at_least_ten_posts_and_keeps_only_the_limit() {
        x.stubFor(get(urlPathEqualTo(SEARCH)).willReturn(okJson(page(500, 10, "more"))));

        assertThat(fetch("java", 3)).extracting(Post::id).containsExactly("500", "499", "498");
        x.verify(1, getRequestedFor(urlPathEqualTo(SEARCH)).withQueryParam("max_results", equalTo("10")));
    }

    @Test
    void reads_posts_with_decoded_entities_authors_and_links() {
        x.stubFor(get(urlPathEqualTo(SEARCH)).willReturn(okJson(Fixtures.read("x-search-page.json"))));

        List<Post> posts = fetch("devtools", 100);

        assertThat(posts).containsExactly(
                new Post("1861234567890123456",
                        "Rust & Java both shipped today <3 #devtools https://t.co/AbCdEf1234",
                        "@dev_example", "https://x.com/dev_example/status/1861234567890123456",
                        Instant.parse("2026-11-25T21:58:07Z")),
                new Post("1861234567890123455",
                        "Not impressed by the new release of #devtools 😒\nSo slow > 10 s to start",
                        "@kim_example", "https://x.com/kim_example/status/1861234567890123455",
                        Instant.parse("2026-11-25T21:57:40Z")),
                // author missing from includes: the id stands in, the link needs no user name
                new Post("1861234567890123454", "@sam_example thanks, #devtools saved my day!",
                        "99999999", "https://x.com/i/web/status/1861234567890123454",
                        Instant.parse("2026-11-25T21:55:00Z")));
    }

    @Test
    void a_search_without_results_is_empty() {
        x.stubFor(get(urlPathEqualTo(SEARCH)).willReturn(okJson(Fixtures.read("x-search-empty.json"))));

        assertThat(fetch("nothinghere", 100)).isEmpty();
        assertThat(progress).containsExactly(0);
    }

    @Test
    void without_a_token_nothing_is_sent() {
        source = new XRecentSearchSource(URI.create(x.baseUrl()), "  ", spending, Fixtures.FAST);

        SourceException e = failure("java", 10);

        assertThat(e.reason()).isEqualTo(Reason.UNAUTHORIZED);
        assertThat(e).hasMessage("no X bearer token configured (set X_BEARER_TOKEN)");
        assertThat(x.getAllServeEvents()).isEmpty();
    }

    @Test
    void a_rejected_token_is_reported_without_the_token() {
        x.stubFor(get(urlPathEqualTo(SEARCH)).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"title\":\"Unauthorized\",\"type\":\"about:blank\",\"status\":401,\"detail\":\"Unauthorized\"}")));

        SourceException e = failure("java", 10);

        assertThat(e.reason()).isEqualTo(Reason.UNAUTHORIZED);
        assertThat(e.getMessage()).startsWith("X rejected the bearer token (HTTP 401); check X_BEARER_TOKEN")
                .doesNotContain(TOKEN);
        x.verify(1, getRequestedFor(urlPathEqualTo(SEARCH)));
    }

    @Test
    void a_forbidden_answer_echoing_the_token_is_redacted() {
        x.stubFor(get(urlPathEqualTo(SEARCH)).willReturn(aResponse().withStatus(403)
                .withBody("{\"title\":\"Forbidden\",\"detail\":\"token " + TOKEN + " may not use this endpoint\"}")));

        SourceException e = failure("java", 10);

        assertThat(e.reason()).isEqualTo(Reason.UNAUTHORIZED);
        assertThat(e.getMessage()).contains("HTTP 403", "may not use this endpoint").doesNotContain(TOKEN);
    }

    @Test
    void a_bad_request_is_rejected_with_the_explanation() {
        x.stubFor(get(urlPathEqualTo(SEARCH)).willReturn(aResponse().withStatus(400)
                .withBody("{\"errors\":[{\"message\":\"bad query\"}],\"title\":\"Invalid Request\","
                        + "\"detail\":\"One or more parameters to your request was invalid.\"}")));

        SourceException e = failure("java", 10);

        assertThat(e.reason()).isEqualTo(Reason.REJECTED);
        assertThat(e).hasMessage("X rejected the search (HTTP 400) (X says: One or more parameters to your request was invalid.)");
    }

    @Test
    void a_near_rate_limit_reset_is_waited_out() {
        Instant now = Instant.parse("2026-12-01T12:00:00.250Z");
        RecordingSleeper sleeper = new RecordingSleeper();
        source = new XRecentSearchSource(URI.create(x.baseUrl()), TOKEN, spending,
                Fixtures.FAST.withTime(java.time.Clock.fixed(now, java.time.ZoneOffset.UTC), sleeper));
        long reset = now.plusSeconds(2).getEpochSecond();
        x.stubFor(get(urlPathEqualTo(SEARCH)).inScenario("limit").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("x-rate-limit-reset", String.valueOf(reset)))
                .willSetStateTo("reset"));
        x.stubFor(get(urlPathEqualTo(SEARCH)).inScenario("limit").whenScenarioStateIs("reset")
                .willReturn(okJson(page(100, 10, null))));

        assertThat(fetch("java", 10)).hasSize(10);

        // the reset is at 12:00:02 (whole seconds): 1.75 s from "now"
        assertThat(sleeper.pauses).containsExactly(Duration.ofMillis(1750));
        x.verify(2, getRequestedFor(urlPathEqualTo(SEARCH)));
    }

    @Test
    void a_far_rate_limit_reset_fails_at_once_with_the_time() {
        Instant reset = Instant.now().plusSeconds(900).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        x.stubFor(get(urlPathEqualTo(SEARCH)).willReturn(aResponse().withStatus(429)
                .withHeader("x-rate-limit-reset", String.valueOf(reset.getEpochSecond()))));

        SourceException e = failure("java", 10);

        assertThat(e.reason()).isEqualTo(Reason.RATE_LIMITED);
        assertThat(e.retryAt()).isEqualTo(reset);
        assertThat(e).hasMessage("X rate limit reached; try again after " + reset);
        x.verify(1, getRequestedFor(urlPathEqualTo(SEARCH)));
    }

    @Test
    void a_rate_limit_is_waited_out_only_once() {
        x.stubFor(get(urlPathEqualTo(SEARCH)).willReturn(aResponse().withStatus(429)
                .withHeader("x-rate-limit-reset", String.valueOf(Instant.now().getEpochSecond()))));

        SourceException e = failure("java", 10);

        assertThat(e.reason()).isEqualTo(Reason.RATE_LIMITED);
        x.verify(2, getRequestedFor(urlPathEqualTo(SEARCH)));
    }

    @Test
    void a_server_error_is_retried() {
        x.stubFor(get(urlPathEqualTo(SEARCH)).inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        x.stubFor(get(urlPathEqualTo(SEARCH)).inScenario("flaky").whenScenarioStateIs("up")
                .willReturn(okJson(page(100, 10, null))));

        assertThat(fetch("java", 10)).hasSize(10);
        x.verify(2, getRequestedFor(urlPathEqualTo(SEARCH)));
    }

    @Test
    void persistent_server_errors_make_it_unavailable_after_three_attempts() {
        x.stubFor(get(urlPathEqualTo(SEARCH)).willReturn(aResponse().withStatus(500)));

        SourceException e = failure("java", 10);

        assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
        assertThat(e).hasMessage("X answered HTTP 500 (3 attempts)");
        x.verify(3, getRequestedFor(urlPathEqualTo(SEARCH)));
    }

    @Test
    void a_slow_answer_times_out_is_retried_and_makes_it_unavailable() {
        source = new XRecentSearchSource(URI.create(x.baseUrl()), TOKEN, spending, Fixtures.IMPATIENT);
        x.stubFor(get(urlPathEqualTo(SEARCH)).willReturn(okJson(page(100, 10, null)).withFixedDelay(1500)));

        SourceException e = failure("java", 10);

        // each attempt gave up at its own 300 ms timeout, not at the 1.5 s answer
        assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
        assertThat(e).hasMessage("X did not answer within 300 ms (3 attempts)");
        x.verify(3, getRequestedFor(urlPathEqualTo(SEARCH)));
    }

    @Test
    void an_unreachable_api_is_unavailable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        source = new XRecentSearchSource(URI.create("http://localhost:" + closedPort), TOKEN, spending, Fixtures.FAST);

        SourceException e = failure("java", 10);

        assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
        assertThat(e).hasMessage("X could not be reached (3 attempts)");
    }

    @Test
    void an_answer_that_is_not_json_is_malformed() {
        x.stubFor(get(urlPathEqualTo(SEARCH)).willReturn(aResponse().withStatus(200).withBody("<html>oops</html>")));

        SourceException e = failure("java", 10);

        assertThat(e.reason()).isEqualTo(Reason.MALFORMED);
        assertThat(e).hasMessage("X sent an answer that is not JSON");
    }

    @Test
    void a_post_without_its_date_is_malformed() {
        x.stubFor(get(urlPathEqualTo(SEARCH)).willReturn(okJson(
                "{\"data\":[{\"id\":\"1\",\"text\":\"hi\",\"author_id\":\"42\"}],\"meta\":{\"result_count\":1}}")));

        SourceException e = failure("java", 10);

        assertThat(e.reason()).isEqualTo(Reason.MALFORMED);
        assertThat(e).hasMessage("X sent a post without \"created_at\"");
    }

    @Test
    void an_answer_without_data_or_meta_is_malformed() {
        x.stubFor(get(urlPathEqualTo(SEARCH)).willReturn(okJson("{\"unexpected\":true}")));

        assertThat(failure("java", 10).reason()).isEqualTo(Reason.MALFORMED);
    }

    @Test
    void a_hashtag_that_could_change_the_query_is_refused_before_sending() {
        SourceException e = failure("java OR from:someone", 10);

        assertThat(e.reason()).isEqualTo(Reason.REJECTED);
        assertThat(x.getAllServeEvents()).isEmpty();
    }

    @Test
    void its_description_never_shows_the_token() {
        assertThat(source.toString()).doesNotContain(TOKEN).contains("token set");
    }

    // ---- spending: X bills every post read ----------------------------------------------------------

    private static final Instant NOON = Instant.parse("2026-12-03T12:00:00Z");
    private static final java.time.LocalDate TODAY = java.time.LocalDate.of(2026, 12, 3);

    private XRecentSearchSource capped(int perAnalysis, int perDay) {
        return new XRecentSearchSource(URI.create(x.baseUrl()), TOKEN,
                new XRecentSearchSource.Spending(perAnalysis, perDay, budget),
                Fixtures.FAST.withTime(java.time.Clock.fixed(NOON, java.time.ZoneOffset.UTC), new RecordingSleeper()));
    }

    @Test
    void an_analysis_over_its_cap_is_refused_before_calling_x() {
        source = capped(50, 1000);

        SourceException e = failure("java", 51);

        assertThat(e.reason()).isEqualTo(Reason.QUOTA);
        assertThat(e).hasMessage("an X analysis may read at most 50 posts (X_MAX_POSTS_PER_ANALYSIS, since X bills"
                + " every post read); ask for fewer");
        assertThat(source.maxPostsPerAnalysis()).isEqualTo(50);
        assertThat(x.getAllServeEvents()).isEmpty();
    }

    @Test
    void the_day_is_counted_by_the_posts_x_sent_and_a_spent_day_is_refused_before_calling_x() {
        source = capped(100, 120);
        x.stubFor(get(urlPathEqualTo(SEARCH)).willReturn(okJson(page(1000, 70, null))));

        assertThat(fetch("java", 100)).hasSize(70);
        // 100 asked for, 70 sent: the other 30 are given back
        assertThat(budget.used("x", TODAY)).isEqualTo(70);
        assertThat(param(x.findAll(getRequestedFor(urlPathEqualTo(SEARCH))).get(0), "max_results")).isEqualTo("100");

        // 50 left: the next page asks for no more than that
        fetch("java", 100);
        assertThat(param(x.findAll(getRequestedFor(urlPathEqualTo(SEARCH))).get(1), "max_results")).isEqualTo("50");
        assertThat(budget.used("x", TODAY)).isEqualTo(120);

        SourceException e = failure("java", 10);
        assertThat(e.reason()).isEqualTo(Reason.QUOTA);
        assertThat(e).hasMessage("today's X allowance of 120 posts (X_MAX_POSTS_PER_DAY) is spent; it renews at 00:00 UTC");
        x.verify(2, getRequestedFor(urlPathEqualTo(SEARCH)));
    }

    @Test
    void an_allowance_running_out_mid_analysis_keeps_the_posts_read_and_says_so() {
        source = capped(300, 150);
        x.stubFor(get(urlPathEqualTo(SEARCH)).withQueryParam("next_token", com.github.tomakehurst.wiremock.client
                .WireMock.absent()).willReturn(okJson(page(1000, 100, "p2"))));
        x.stubFor(get(urlPathEqualTo(SEARCH)).withQueryParam("next_token", equalTo("p2"))
                .willReturn(okJson(page(900, 50, "p3"))));
        List<String> notes = new ArrayList<>();

        List<Post> posts = source.fetch(new PostQuery("java", 300, null), progress::add, notes::add);

        assertThat(posts).hasSize(150);
        assertThat(notes).containsExactly(
                "today's X allowance of 150 posts (X_MAX_POSTS_PER_DAY) ran out after 150 posts; it renews at 00:00 UTC");
        x.verify(2, getRequestedFor(urlPathEqualTo(SEARCH)));
    }

    @Test
    void a_failed_request_costs_nothing() {
        source = capped(100, 1000);
        x.stubFor(get(urlPathEqualTo(SEARCH)).willReturn(aResponse().withStatus(401)));

        assertThat(failure("java", 100).reason()).isEqualTo(Reason.UNAUTHORIZED);
        assertThat(budget.used("x", TODAY)).isZero();
    }

    @Test
    void the_usage_cap_is_told_from_a_rate_limit_and_never_waited_out() {
        RecordingSleeper sleeper = new RecordingSleeper();
        source = new XRecentSearchSource(URI.create(x.baseUrl()), TOKEN, spending,
                Fixtures.FAST.withTime(java.time.Clock.fixed(NOON, java.time.ZoneOffset.UTC), sleeper));
        x.stubFor(get(urlPathEqualTo(SEARCH)).willReturn(aResponse().withStatus(429)
                .withHeader("x-rate-limit-reset", String.valueOf(NOON.plusSeconds(2).getEpochSecond()))
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"title\":\"UsageCapExceeded\",\"detail\":\"Usage cap exceeded: Monthly product cap\","
                        + "\"type\":\"https://api.twitter.com/2/problems/usage-capped\",\"period\":\"Monthly\","
                        + "\"scope\":\"Product\"}")));

        SourceException e = failure("java", 10);

        assertThat(e.reason()).isEqualTo(Reason.QUOTA);
        assertThat(e).hasMessage("the X account's usage cap is reached; X serves no more posts until the cap's period"
                + " renews or the plan changes (X says: Usage cap exceeded: Monthly product cap)");
        assertThat(e.retryAt()).isNull();
        assertThat(sleeper.pauses).isEmpty();
        x.verify(1, getRequestedFor(urlPathEqualTo(SEARCH)));
    }

    @Test
    void spent_credits_say_what_to_do() {
        x.stubFor(get(urlPathEqualTo(SEARCH)).willReturn(aResponse().withStatus(402)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"title\":\"CreditsDepleted\",\"detail\":\"Your account has no credits\","
                        + "\"type\":\"https://api.x.com/2/problems/credits\"}")));

        SourceException e = failure("java", 10);

        assertThat(e.reason()).isEqualTo(Reason.QUOTA);
        assertThat(e).hasMessage("the X account has no credits left (HTTP 402); add credits in X's developer console"
                + " (X says: Your account has no credits)");
        x.verify(1, getRequestedFor(urlPathEqualTo(SEARCH)));
    }

    @Test
    void reposts_are_skipped_under_either_field_name() {
        String body = "{\"data\":["
                + "{\"id\":\"3\",\"text\":\"RT @a: cut sho\",\"author_id\":\"42\",\"created_at\":\"2026-12-03T11:00:00Z\","
                + "\"edit_history_tweet_ids\":[\"3\"],\"referenced_tweets\":[{\"type\":\"retweeted\",\"id\":\"1\"}]},"
                + "{\"id\":\"2\",\"text\":\"RT @b: cut sho\",\"author_id\":\"42\",\"created_at\":\"2026-12-03T11:00:00Z\","
                + "\"edit_history_post_ids\":[\"2\"],\"referenced_posts\":[{\"type\":\"retweeted\",\"id\":\"1\"}]},"
                + "{\"id\":\"1\",\"text\":\"a reply of my own\",\"author_id\":\"42\",\"created_at\":\"2026-12-03T10:00:00Z\","
                + "\"edit_history_post_ids\":[\"1\"],\"referenced_posts\":[{\"type\":\"replied_to\",\"id\":\"0\"}]}],"
                + "\"includes\":{\"users\":[{\"id\":\"42\",\"username\":\"writer42\"}],\"posts\":[{\"id\":\"1\",\"text\":\"x\"}]},"
                + "\"meta\":{\"result_count\":3}}";
        x.stubFor(get(urlPathEqualTo(SEARCH)).willReturn(okJson(body)));
        source = capped(100, 1000);

        assertThat(fetch("java", 10)).extracting(Post::text).containsExactly("a reply of my own");
        // X billed all three
        assertThat(budget.used("x", TODAY)).isEqualTo(3);
    }

    @Test
    void with_since_it_asks_x_to_start_after_it_and_keeps_only_newer_posts() {
        source = capped(100, 1000); // its clock says 2026-12-03T12:00:00Z
        x.stubFor(get(urlPathEqualTo(SEARCH)).willReturn(okJson(page(1000, 10, null))));

        List<Post> posts = source.fetch(new PostQuery("java", 100, Instant.parse("2026-12-03T11:30:00.500Z")),
                n -> { }, note -> { });

        LoggedRequest request = x.findAll(getRequestedFor(urlPathEqualTo(SEARCH))).get(0);
        assertThat(param(request, "start_time")).isEqualTo("2026-12-03T11:30:01Z");
        // the generated posts were all written at 21:00 on 2026-11-25, long before: none is kept
        assertThat(posts).isEmpty();

        source.fetch(new PostQuery("java", 100, Instant.parse("2026-11-20T00:00:00Z")), n -> { }, note -> { });
        assertThat(param(x.findAll(getRequestedFor(urlPathEqualTo(SEARCH))).get(1), "start_time"))
                .as("beyond recent search's 7 days: X would refuse it").isNull();
    }
}
