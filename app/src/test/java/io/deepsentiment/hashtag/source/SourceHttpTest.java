package io.deepsentiment.hashtag.source;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.deepsentiment.hashtag.source.SourceException.Reason;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SourceHttpTest {

    private static WireMockServer server;
    private final SourceHttp http = new SourceHttp("Test", Fixtures.FAST, headers -> null);

    @BeforeAll
    static void start() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @BeforeEach
    void reset() {
        server.resetAll();
    }

    private URI uri(String path) {
        return URI.create(server.baseUrl() + path);
    }

    @Test
    void returns_status_headers_and_body_and_sends_the_headers_given() {
        server.stubFor(get(urlPathEqualTo("/ok")).willReturn(okJson("{\"émoji\":\"😀\"}").withHeader("X-Test", "1")));

        SourceHttp.Response response = http.get(uri("/ok"), Map.of("Authorization", "Bearer abc"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"émoji\":\"😀\"}");
        assertThat(response.headers().firstValue("X-Test")).hasValue("1");
        server.verify(getRequestedFor(urlPathEqualTo("/ok")).withHeader("Authorization",
                com.github.tomakehurst.wiremock.client.WireMock.equalTo("Bearer abc")));
    }

    @Test
    void client_errors_are_returned_once_not_retried() {
        server.stubFor(get(urlPathEqualTo("/missing")).willReturn(aResponse().withStatus(404)));

        assertThat(http.get(uri("/missing"), Map.of()).status()).isEqualTo(404);
        server.verify(1, getRequestedFor(urlPathEqualTo("/missing")));
    }

    @Test
    void retry_after_stands_in_for_a_missing_reset_header() {
        server.stubFor(get(urlPathEqualTo("/limited")).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "600")));

        SourceException e = catchThrowableOfType(SourceException.class, () -> http.get(uri("/limited"), Map.of()));

        assertThat(e.reason()).isEqualTo(Reason.RATE_LIMITED);
        assertThat(e.retryAt()).isBetween(Instant.now().plusSeconds(590), Instant.now().plusSeconds(601));
    }

    @Test
    void a_rate_limit_without_any_reset_asks_to_try_later() {
        server.stubFor(get(urlPathEqualTo("/limited")).willReturn(aResponse().withStatus(429)));

        SourceException e = catchThrowableOfType(SourceException.class, () -> http.get(uri("/limited"), Map.of()));

        assertThat(e.reason()).isEqualTo(Reason.RATE_LIMITED);
        assertThat(e.retryAt()).isNull();
        assertThat(e).hasMessage("Test rate limit reached; try again later");
        server.verify(1, getRequestedFor(urlPathEqualTo("/limited")));
    }

    @Test
    void a_huge_announced_answer_is_refused_before_reading_it() {
        server.stubFor(get(urlPathEqualTo("/huge")).willReturn(aResponse().withStatus(200)
                .withBody(new byte[SourceHttp.MAX_BODY_BYTES + 1])));

        SourceException e = catchThrowableOfType(SourceException.class, () -> http.get(uri("/huge"), Map.of()));

        assertThat(e.reason()).isEqualTo(Reason.MALFORMED);
        assertThat(e).hasMessage("Test sent an answer larger than 16 MB");
        server.verify(1, getRequestedFor(urlPathEqualTo("/huge")));
    }

    @Test
    void a_huge_streamed_answer_is_cut_off() {
        server.stubFor(get(urlPathEqualTo("/small-stream")).willReturn(aResponse().withStatus(200)
                .withHeader("Transfer-Encoding", "chunked").withBody("[]")));
        assertThat(http.get(uri("/small-stream"), Map.of()).headers().firstValue("Content-Length"))
                .as("streamed without a length").isEmpty();
        server.stubFor(get(urlPathEqualTo("/stream")).willReturn(aResponse().withStatus(200)
                .withHeader("Transfer-Encoding", "chunked")
                .withBody(new byte[SourceHttp.MAX_BODY_BYTES + 1])));

        SourceException e = catchThrowableOfType(SourceException.class, () -> http.get(uri("/stream"), Map.of()));

        assertThat(e.reason()).isEqualTo(Reason.MALFORMED);
        assertThat(e).hasMessage("Test sent an answer larger than 16 MB");
    }

    @Test
    void retries_wait_longer_each_time() {
        RecordingSleeper sleeper = new RecordingSleeper();
        SourceHttp slowRetries = new SourceHttp("Test",
                new HttpSettings(Duration.ofSeconds(2), Duration.ofSeconds(2), 3, Duration.ofMillis(100), Duration.ZERO)
                        .withTime(java.time.Clock.systemUTC(), sleeper),
                headers -> null);
        server.stubFor(get(urlPathEqualTo("/down")).willReturn(aResponse().withStatus(503)));

        SourceException e = catchThrowableOfType(SourceException.class, () -> slowRetries.get(uri("/down"), Map.of()));

        assertThat(e).hasMessage("Test answered HTTP 503 (3 attempts)");
        // 100 ms after the first attempt, 200 ms after the second, none after the last
        assertThat(sleeper.pauses).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
    }

    @Test
    void formats_durations_for_messages() {
        assertThat(SourceHttp.seconds(Duration.ofSeconds(10))).isEqualTo("10 s");
        assertThat(SourceHttp.seconds(Duration.ofMillis(2500))).isEqualTo("2.5 s");
        assertThat(SourceHttp.seconds(Duration.ofMillis(400))).isEqualTo("400 ms");
    }
}
