package io.deepsentiment.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.deepsentiment.hashtag.analysis.AnalysisOptions;
import io.deepsentiment.hashtag.live.LivePost;
import io.deepsentiment.hashtag.live.LiveStore;
import io.deepsentiment.hashtag.live.ScoredLivePost;
import io.deepsentiment.hashtag.source.BlueskySearchSource;
import io.deepsentiment.hashtag.source.HttpSettings;
import io.deepsentiment.hashtag.source.PostSource;
import io.deepsentiment.hashtag.store.DatabaseConfig;
import io.deepsentiment.hashtag.store.JdbcAnalysisStore;
import io.deepsentiment.serve.HashtagBackend;
import io.deepsentiment.serve.SentimentServer;
import io.deepsentiment.serve.ServeOptions;
import io.deepsentiment.testing.FixedPosts;
import io.deepsentiment.testing.TinyModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Trackers tab in headless Chromium: a hashtag tracked from the page, its first run's mood and
 * sparkline, its live chart moving as posts arrive, and tracking stopped; and on the Hashtag tab, a
 * source the operator has not configured is offered off, with what turns it on.
 */
class TrackersTabBrowserTest {

    private static SentimentServer server;
    private static JdbcAnalysisStore store;
    private static ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(HeadlessChromium.installed(), "Debian chromium and chromium-driver are not installed (.ci/run installs them)");
        Map<String, PostSource> sources = new LinkedHashMap<>();
        sources.put("mastodon", new FixedPosts());
        sources.put("bluesky", new BlueskySearchSource(BlueskySearchSource.DEFAULT_SERVICE, null, null, "en",
                HttpSettings.DEFAULTS));
        Path db = Files.createTempDirectory("trackers-browser").resolve("analyses.db");
        store = JdbcAnalysisStore.open(DatabaseConfig.sqlite(db));
        server = SentimentServer.start(ServeOptions.defaults(0, Map.of("tiny", TinyModel.threeLabels())),
                HashtagBackend.of(sources, store, AnalysisOptions.defaults()));
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
    }

    private static void liveposts(LiveStore live, String tag, int from, int count, String label, double polarity) {
        List<ScoredLivePost> posts = new ArrayList<>();
        long now = Instant.now().toEpochMilli() * 1000;
        for (int i = from; i < from + count; i++) {
            String did = "did:plc:author" + i;
            posts.add(new ScoredLivePost(tag, new LivePost("at://" + did + "/app.bsky.feed.post/3k" + i, did,
                    "post " + i, Set.of(tag), Set.of("en"), Instant.now(), now), label, polarity, "tiny"));
        }
        live.save(posts);
    }

    @Test
    void aTrackedHashtagShowsItsMoodSparklineAndALiveChartThatMoves() {
        browser.get("http://127.0.0.1:" + server.port() + "/#trackers");
        // the page draws the list anew every 10 s, so an element found a moment ago may be gone: look again
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        wait.ignoring(StaleElementReferenceException.class);
        wait.until(d -> !new Select(d.findElement(By.id("tracker-source"))).getOptions().isEmpty());

        WebElement input = browser.findElement(By.id("tracker-input"));
        input.sendKeys("#Sunny");
        new Select(browser.findElement(By.id("tracker-every"))).selectByValue("PT15M");
        browser.findElement(By.id("tracker-button")).click();

        // the first run is queued at once; the list is read again until its mood shows
        List<String> card = wait.until(d -> {
            List<WebElement> cards = d.findElements(By.cssSelector("#tracker-list .tracker-card"));
            return cards.size() == 1 && cards.get(0).findElement(By.cssSelector(".tracker-mood")).getText()
                    .startsWith("Mostly") ? List.of(cards.get(0).findElement(By.cssSelector(".hashtag-title")).getText(),
                            cards.get(0).getText()) : null;
        });
        assertThat(card.get(0)).isEqualTo("#sunny");
        assertThat(card.get(1)).contains("every 15 minutes").contains("6 new posts");
        assertThat(browser.findElements(By.cssSelector("#tracker-list .sparkline canvas"))).isNotEmpty();

        // the detail: runs chart and the live minutes, which move as posts arrive
        WebElement detail = browser.findElement(By.id("tracker-detail"));
        assertThat(detail.isDisplayed()).isTrue();
        WebElement live = browser.findElement(By.id("live-chart"));
        wait.until(d -> "0".equals(live.getAttribute("data-posts")));
        liveposts(store.liveStore(), "sunny", 0, 3, "positive", 0.8);
        wait.until(d -> "3".equals(live.getAttribute("data-posts")));
        liveposts(store.liveStore(), "sunny", 3, 2, "negative", -0.6);
        wait.until(d -> "5".equals(live.getAttribute("data-posts")));
        assertThat(browser.findElements(By.cssSelector("#live-chart canvas"))).isNotEmpty();
        assertThat(browser.findElement(By.id("live-note")).getText()).contains("--no-live");

        wait.until(d -> {
            d.findElement(By.xpath("//li[contains(@class, 'tracker-card')]//button[text()='Stop tracking']")).click();
            return true;
        });
        wait.until(d -> d.findElements(By.cssSelector("#tracker-list .tracker-card")).isEmpty());
        assertThat(browser.findElement(By.id("trackers-empty")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("trackers-error")).isDisplayed()).isFalse();
    }

    @Test
    void aSourceThatIsNotConfiguredIsOfferedOffWithWhatTurnsItOn() {
        browser.get("http://127.0.0.1:" + server.port() + "/#hashtag");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(d -> new Select(d.findElement(By.id("source-select"))).getOptions().size() == 2);

        WebElement bluesky = new Select(browser.findElement(By.id("source-select"))).getOptions().get(1);
        assertThat(bluesky.getText()).isEqualTo("bluesky (not configured)");
        assertThat(bluesky.isEnabled()).isFalse();
        assertThat(browser.findElement(By.id("source-setup")).getText())
                .contains("BLUESKY_HANDLE and BLUESKY_APP_PASSWORD");
    }
}
