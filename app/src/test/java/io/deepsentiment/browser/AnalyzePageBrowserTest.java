package io.deepsentiment.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deepsentiment.serve.SentimentServer;
import io.deepsentiment.serve.ServeOptions;
import io.deepsentiment.testing.TinyModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page in a real headless Chromium against the real service, serving two small models trained
 * in the test JVM ({@link TinyModel}): "tiny" with three labels (the default) and "binary"
 * with two. Texts that must get a label are written with the words those models learnt.
 */
class AnalyzePageBrowserTest {

    private static SentimentServer server;
    private static ChromeDriver browser;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(HeadlessChromium.installed(), "Debian chromium and chromium-driver are not installed (.ci/run installs them)");
        Map<String, Path> models = new LinkedHashMap<>();
        models.put("tiny", TinyModel.threeLabels());
        models.put("binary", TinyModel.twoLabels());
        server = SentimentServer.start(ServeOptions.defaults(0, models));
        server.modelsLoaded().get(60, TimeUnit.SECONDS);
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

    @BeforeEach
    void openPage() {
        browser.get(base + "/");
        // The model list comes from the API; wait until the page has it, so Analyze uses a real model.
        wait(Duration.ofSeconds(20)).until(d -> !new Select(d.findElement(By.id("model-select"))).getOptions().isEmpty());
    }

    @Test
    void analyzingAPositiveTweetShowsTheLabelGaugeProbabilitiesAndHighlightedWords() {
        analyze("I love this phone, it was the best day :)");

        WebElement label = browser.findElement(By.id("result-label"));
        assertThat(label.getText()).isEqualTo("positive");
        assertThat(browser.findElement(By.id("polarity-value")).getText()).isNotBlank();
        assertThat(browser.findElement(By.id("probabilities")).getText()).contains("negative", "neutral", "positive");

        List<WebElement> tokens = browser.findElements(By.cssSelector("#highlights .token"));
        assertThat(tokens).extracting(WebElement::getText).contains("love", "best", ":)");
        assertThat(tokens).filteredOn(t -> t.getText().equals("best")).first()
                .satisfies(t -> assertThat(t.getAttribute("class")).contains("positive"));
        assertThat(browser.findElement(By.id("model-info")).getText()).contains("tiny");
    }

    @Test
    void aNegativeTweetIsLabelledNegativeWithItsNegativeWordsMarked() {
        analyze("The worst day with my phone and I hate it");

        assertThat(browser.findElement(By.id("result-label")).getText()).isEqualTo("negative");
        List<WebElement> tokens = browser.findElements(By.cssSelector("#highlights .token"));
        assertThat(tokens).filteredOn(t -> t.getText().equals("worst")).first()
                .satisfies(t -> assertThat(t.getAttribute("class")).contains("negative"));
    }

    @Test
    void aScriptTagIsShownAsTextAndNeverRuns() {
        analyze("<script>window.pwned = true</script> <img src=x onerror=\"window.pwned = true\"> great");

        assertThat(browser.executeScript("return window.pwned === true")).isEqualTo(false);
        assertThat(browser.findElements(By.cssSelector("#result script, #result img"))).isEmpty();
        assertThat(browser.findElement(By.id("result-text")).getText()).startsWith("<script>window.pwned");
        assertThat(browser.findElement(By.id("text-input")).getAttribute("value")).startsWith("<script>");
    }

    @Test
    void aTwoLabelModelCanBeChosenAndHasNoNeutralClass() {
        new Select(browser.findElement(By.id("model-select"))).selectByValue("binary");
        analyze("We love the new show and it was a wonderful time");

        assertThat(browser.findElement(By.id("result-label")).getText()).isEqualTo("positive");
        assertThat(browser.findElement(By.id("probabilities")).getText()).doesNotContain("neutral");
    }

    @Test
    void aChosenModelShowsItsVersionAndTestScoreFromItsManifest() throws Exception {
        JsonNode manifest = new ObjectMapper().readTree(
                Files.readString(TinyModel.twoLabels().resolve("manifest.json")));
        String avgRec = String.format(Locale.ROOT, "AvgRec %.3f", manifest.at("/metrics/test/avgRec").asDouble());

        new Select(browser.findElement(By.id("model-select"))).selectByValue("binary");

        assertThat(browser.findElement(By.id("model-info")).getText())
                .contains("Model binary, version " + manifest.get("version").asText())
                .contains(avgRec);
    }

    @Test
    void anExampleFillsTheBoxAndCtrlEnterAnalyzes() {
        WebElement example = browser.findElements(By.cssSelector("#examples .example")).get(0);
        example.click();
        WebElement input = browser.findElement(By.id("text-input"));
        assertThat(input.getAttribute("value")).isNotBlank();
        input.sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
        wait(Duration.ofSeconds(20)).until(ExpectedConditions.visibilityOfElementLocated(By.id("result-label")));
        assertThat(browser.findElement(By.id("result-label")).getText()).isIn("negative", "neutral", "positive");
    }

    @Test
    void anOverlongTextShowsTheServicesErrorMessage() {
        WebElement input = browser.findElement(By.id("text-input"));
        input.clear();
        // Typing 10,001 characters key by key is slow; set the value as a user pasting would.
        browser.executeScript("arguments[0].value = 'a'.repeat(10001)", input);
        browser.findElement(By.id("analyze-button")).click();
        WebElement error = wait(Duration.ofSeconds(20)).until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
        assertThat(error.getText()).contains("10000");
    }

    private void analyze(String text) {
        WebElement input = browser.findElement(By.id("text-input"));
        input.clear();
        input.sendKeys(text);
        String before = browser.findElement(By.id("result")).getText();
        browser.findElement(By.id("analyze-button")).click();
        wait(Duration.ofSeconds(20)).until(d -> {
            WebElement label = d.findElement(By.id("result-label"));
            return label.isDisplayed() && !label.getText().isBlank()
                    && !d.findElements(By.cssSelector("#highlights .token")).isEmpty()
                    && !d.findElement(By.id("result")).getText().equals(before);
        });
    }

    private WebDriverWait wait(Duration timeout) {
        return new WebDriverWait(browser, timeout);
    }
}
