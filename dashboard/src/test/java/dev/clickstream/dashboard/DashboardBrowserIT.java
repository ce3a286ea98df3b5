package dev.clickstream.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clickstream.common.event.ClickEvent;
import dev.clickstream.counter.CounterSettings;
import dev.clickstream.counter.CounterStats;
import dev.clickstream.counter.CountsTablePreparer;
import dev.clickstream.common.status.StatusCounters;
import dev.clickstream.counter.kcl.CountingEngine;
import dev.clickstream.counter.kcl.CountingProcessorFactory;
import dev.clickstream.dashboard.http.DashboardServer;
import dev.clickstream.dashboard.store.CountsReader;
import dev.clickstream.testsupport.LocalAws;
import dev.clickstream.testsupport.LocalStackExtension;
import dev.clickstream.testsupport.Poll;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The page in a real headless Chromium (Debian's chromium and chromium-driver, never downloaded),
 * against the dashboard server and the counter's own engine writing counts to the local DynamoDB (dynalite).
 */
@ExtendWith(LocalStackExtension.class)
class DashboardBrowserIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @Test
    void pageDrawsTheCountsAndListsTheTopReferrers(LocalAws aws) throws Exception {
        assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
                .as("headless browser missing: install Debian's packages with 'apt-get install -y chromium chromium-driver'")
                .isTrue();

        String table = LocalAws.uniqueName("browser-counts");
        String resource = "/index.html";
        CounterSettings settings = CounterSettings.of(Map.of("countsTable", table, "countsHost", "browser-it-host",
                "countsInterval", "500ms"));
        new CountsTablePreparer(aws.dynamoDbAsync(), settings).prepare();

        ScheduledExecutorService clicks = Executors.newSingleThreadScheduledExecutor();
        Path profile = Files.createTempDirectory(Path.of("target"), "chromium-profile-");
        ChromeDriver browser = null;
        try (CountingProcessorFactory counter = CountingProcessorFactory.create(settings, aws.dynamoDbAsync(), new CounterStats(),
                new StatusCounters());
             DynamoDbClient dynamoDb = aws.settings(aws.endpoints().dynamoDb()).configure(DynamoDbClient.builder())
                     .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
             DashboardServer server = DashboardServer.start("127.0.0.1", 0,
                     new CountsReader(dynamoDb, table, Clock.systemUTC()), 3600)) {
            // Clicks as the producer makes them, straight into the counter's window; google is made the favourite.
            Random random = new Random(42);
            clicks.scheduleAtFixedRate(() -> counter.engine().add(someClicks(random, resource)), 0, 100, TimeUnit.MILLISECONDS);

            browser = chromium(profile);
            browser.get(server.url().resolve("/?resource=" + resource).toString());
            JavascriptExecutor js = browser;

            Poll.until(Duration.ofSeconds(30), "the chart has drawn data points", () -> {
                Object drawn = js.executeScript(
                        "const c = Chart.getChart(document.getElementById('chart'));"
                        + "if (!c) return 0;"
                        + "return c.data.datasets.reduce((n, d, i) => n + c.getDatasetMeta(i).data"
                        + "  .filter(p => Number.isFinite(p.x) && Number.isFinite(p.y)).length, 0);");
                return ((Number) drawn).longValue() >= 3 * ClickEvent.REFERRERS.size();
            });
            Poll.until(Duration.ofSeconds(10), "the Top-3 table is filled",
                    () -> browser(js).findElements(By.cssSelector("#top3 tbody tr")).size() == 3);

            List<String> top = new ArrayList<>();
            for (WebElement row : browser.findElements(By.cssSelector("#top3 tbody tr"))) {
                top.add(row.findElements(By.tagName("td")).get(1).getText());
            }
            assertThat(top).hasSize(3).doesNotHaveDuplicates();
            assertThat(ClickEvent.REFERRERS).containsAll(top);
            assertThat(top.get(0)).isEqualTo("http://www.google.com");
            assertThat(browser.findElement(By.id("updatedBy")).getText()).isEqualTo("browser-it-host");
            assertThat(browser.findElement(By.id("resource")).getAttribute("value")).isEqualTo(resource);
            assertThat(browser.findElement(By.id("error")).getText()).isEmpty();

            Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, Path.of("target", "dashboard-browser.png"), StandardCopyOption.REPLACE_EXISTING);
        } finally {
            clicks.shutdownNow();
            if (browser != null) {
                browser.quit();
            }
        }
    }

    private static ChromeDriver browser(JavascriptExecutor js) {
        return (ChromeDriver) js;
    }

    private static List<CountingEngine.Pair> someClicks(Random random, String resource) {
        List<CountingEngine.Pair> pairs = new ArrayList<>();
        Instant now = Instant.now();
        for (int i = 0; i < 5; i++) {
            String referrer = random.nextInt(3) == 0 ? "http://www.google.com"
                    : ClickEvent.REFERRERS.get(random.nextInt(ClickEvent.REFERRERS.size()));
            pairs.add(new CountingEngine.Pair(resource, referrer, now));
        }
        return pairs;
    }

    private static ChromeDriver chromium(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=1280,900");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }
}
