package io.deepsentiment.browser;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.deepsentiment.hashtag.analysis.AnalysisOptions;
import io.deepsentiment.hashtag.source.HttpSettings;
import io.deepsentiment.hashtag.source.MastodonTagSource;
import io.deepsentiment.hashtag.source.PostSource;
import io.deepsentiment.hashtag.store.DatabaseConfig;
import io.deepsentiment.hashtag.store.JdbcAnalysisStore;
import io.deepsentiment.serve.HashtagBackend;
import io.deepsentiment.serve.SentimentServer;
import io.deepsentiment.serve.ServeOptions;
import io.deepsentiment.testing.TinyModel;
import io.deepsentiment.testing.MastodonFixtures;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Hashtag tab in headless Chromium: one analysis against a mocked Mastodon, until charts and
 * lists appear, scored by a small model trained in the test JVM ({@link TinyModel}).
 */
class HashtagTabBrowserTest {

    private static WireMockServer mastodon;
    private static SentimentServer server;
    private static ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(HeadlessChromium.installed(), "Debian chromium and chromium-driver are not installed (.ci/run installs them)");
        mastodon = new WireMockServer(wireMockConfig().dynamicPort());
        mastodon.start();
        mastodon.stubFor(get(urlPathEqualTo("/api/v1/timelines/tag/happy")).withQueryParam("max_id", absent())
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody(MastodonFixtures.page(0, 40).toString())));
        mastodon.stubFor(get(urlPathEqualTo("/api/v1/timelines/tag/happy"))
                .withQueryParam("max_id", equalTo(MastodonFixtures.lastId(0, 40)))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("[]")));

        PostSource source = new MastodonTagSource(URI.create(mastodon.baseUrl()), null,
                new HttpSettings(Duration.ofSeconds(2), Duration.ofSeconds(2), 2, Duration.ofMillis(10), Duration.ofSeconds(1)));
        Path db = Files.createTempDirectory("hashtag-browser").resolve("analyses.db");
        HashtagBackend backend = HashtagBackend.of(Map.of("mastodon", source),
                JdbcAnalysisStore.open(DatabaseConfig.sqlite(db)), AnalysisOptions.defaults());
        server = SentimentServer.start(ServeOptions.defaults(0, Map.of("tiny", TinyModel.threeLabels())), backend);
        server.modelsLoaded().get(60, TimeUnit.SECONDS);
        browser = HeadlessChromium.start();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
        if (mastodon != null) {
            mastodon.stop();
        }
    }

    @Test
    void aHashtagAnalysisShowsItsChartsAndPostLists() {
        browser.get("http://127.0.0.1:" + server.port() + "/#hashtag");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        wait.until(d -> !new Select(d.findElement(By.id("source-select"))).getOptions().isEmpty());

        WebElement input = browser.findElement(By.id("hashtag-input"));
        input.clear();
        input.sendKeys("#happy");
        browser.findElement(By.id("hashtag-button")).click();

        WebElement result = wait.until(d -> {
            WebElement r = d.findElement(By.id("hashtag-result"));
            return "true".equals(r.getAttribute("data-ready")) ? r : null;
        });
        assertThat(result.isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("hashtag-error")).isDisplayed()).isFalse();

        // The three charts were drawn by ECharts (one instance per chart element, canvas inside).
        for (String chart : List.of("shares-chart", "histogram-chart", "history-chart")) {
            assertThat(browser.executeScript("return !!echarts.getInstanceByDom(document.getElementById(arguments[0]))", chart))
                    .as(chart).isEqualTo(true);
            assertThat(browser.findElements(By.cssSelector("#" + chart + " canvas"))).as(chart).isNotEmpty();
        }

        List<WebElement> positive = browser.findElements(By.cssSelector("#most-positive li.post"));
        List<WebElement> negative = browser.findElements(By.cssSelector("#most-negative li.post"));
        assertThat(positive).hasSize(5);
        assertThat(negative).isNotEmpty();
        WebElement first = positive.get(0);
        assertThat(first.findElement(By.cssSelector(".post-text")).getText()).doesNotContain("<p>", "&amp;");
        WebElement link = first.findElement(By.cssSelector("a.post-link"));
        assertThat(link.getAttribute("href")).startsWith("https://mastodon.example/@user");
        assertThat(link.getAttribute("rel")).contains("noopener");
        assertThat(browser.findElement(By.id("hashtag-summary")).getText()).contains("38 posts");
    }
}
