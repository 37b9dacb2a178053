package io.deepsentiment.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.deepsentiment.serve.SentimentServer;
import io.deepsentiment.serve.ServeOptions;
import io.deepsentiment.serve.ServiceVersion;
import io.deepsentiment.testing.TinyModel;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The pages show the service's version, the one the build wrote (ServiceVersionTest ties it to
 * the pom): the footer of the Analyze page, from /healthz, and the API page, from openapi.json.
 */
class VersionShownBrowserTest {

    private static SentimentServer server;
    private static ChromeDriver browser;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(HeadlessChromium.installed(), "Debian chromium and chromium-driver are not installed (.ci/run installs them)");
        server = SentimentServer.start(ServeOptions.defaults(0, Map.of("tiny", TinyModel.threeLabels())));
        base = "http://127.0.0.1:" + server.port();
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

    @Test
    void the_analyze_page_and_the_api_page_show_the_services_version() {
        browser.get(base + "/");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.until(d -> !d.findElement(By.id("service-version")).getText().isEmpty());
        assertThat(browser.findElement(By.id("service-version")).getText())
                .isEqualTo("deepsentiment " + ServiceVersion.get());

        browser.get(base + "/api-docs.html");
        wait.until(d -> !d.findElements(By.cssSelector("#api-docs h2")).isEmpty());
        assertThat(browser.findElement(By.cssSelector("#api-docs h2")).getText())
                .isEqualTo("deepsentiment API (version " + ServiceVersion.get() + ")");
    }
}
