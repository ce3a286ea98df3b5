package dev.clickstream.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clickstream.common.counts.ReferrerCount;
import dev.clickstream.dashboard.http.DashboardServer;
import dev.clickstream.dashboard.store.CountsReader;
import dev.clickstream.testsupport.LocalAws;
import dev.clickstream.testsupport.LocalStackExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The HTTP API contract, against the real server on a free port and the local DynamoDB (dynalite). */
@ExtendWith(LocalStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardApiIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_RANGE = 3600;

    private final HttpClient http = HttpClient.newHttpClient();
    private DynamoDbClient dynamoDb;
    private DashboardServer server;
    private Instant now;

    @BeforeAll
    void start(LocalAws aws) throws Exception {
        CountsFixture fixture = new CountsFixture(aws, "api-host");
        now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        fixture.write(now.minusSeconds(3), "/index.html", new ReferrerCount("http://www.google.com", 7),
                new ReferrerCount("http://www.amazon.com", 3));
        fixture.write(now.minusSeconds(1), "/index.html", new ReferrerCount("http://www.google.com", 8));
        fixture.write(now.minusSeconds(60), "/index.html", new ReferrerCount("http://reddit.com", 1));
        fixture.write(now.minus(Duration.ofHours(2)), "/index.html", new ReferrerCount("http://old.example", 1));
        fixture.write(now.minusSeconds(2), "resource-0", new ReferrerCount("http://www.bing.com", 2));
        fixture.write(now.minusSeconds(2), "resource-1");
        dynamoDb = aws.settings(aws.endpoints().dynamoDb()).configure(DynamoDbClient.builder())
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        server = DashboardServer.start("127.0.0.1", 0, new CountsReader(dynamoDb, fixture.table, Clock.systemUTC()), MAX_RANGE);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
        if (dynamoDb != null) {
            dynamoDb.close();
        }
    }

    @Test
    void getCountsReturnsTheItemsOfTheRangeInTheOriginalShape() throws Exception {
        HttpResponse<String> response = get("/api/GetCounts?resource=%2Findex.html&range_in_seconds=10");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));

        JsonNode items = JSON.readTree(response.body());
        assertThat(items.isArray()).isTrue();
        assertThat(items).hasSize(2);
        JsonNode first = items.get(0);
        assertThat(first.fieldNames()).toIterable().containsExactly("resource", "timestamp", "host", "referrerCounts");
        assertThat(first.get("resource").asText()).isEqualTo("/index.html");
        assertThat(first.get("timestamp").isIntegralNumber()).isTrue();
        assertThat(first.get("timestamp").asLong()).isEqualTo(now.minusSeconds(3).toEpochMilli());
        assertThat(first.get("host").asText()).isEqualTo("api-host");
        assertThat(first.get("referrerCounts").isArray()).isTrue();
        assertThat(first.get("referrerCounts").get(0).get("referrer").asText()).isEqualTo("http://www.google.com");
        assertThat(first.get("referrerCounts").get(0).get("count").asLong()).isEqualTo(7);
        assertThat(items.get(1).get("timestamp").asLong()).isGreaterThan(first.get("timestamp").asLong());
    }

    @Test
    void aLongerRangeReachesFurtherBackButIsCapped() throws Exception {
        assertThat(JSON.readTree(get("/api/GetCounts?resource=/index.html&range_in_seconds=120").body())).hasSize(3);
        // two hours back is beyond the cap of one hour: the old item stays out, and it is no error
        HttpResponse<String> capped = get("/api/GetCounts?resource=/index.html&range_in_seconds=999999999");
        assertThat(capped.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(capped.body())).hasSize(3);
    }

    @Test
    void unknownResourceIsAnEmptyList() throws Exception {
        HttpResponse<String> response = get("/api/GetCounts?resource=nothing-here&range_in_seconds=60");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("[]");
    }

    @Test
    void missingOrInvalidParametersAre400WithAJsonError() throws Exception {
        assertError("/api/GetCounts?range_in_seconds=10", "missing parameter: resource");
        assertError("/api/GetCounts?resource=/index.html", "missing parameter: range_in_seconds");
        assertError("/api/GetCounts?resource=/index.html&range_in_seconds=ten", "range_in_seconds must be a whole number");
        assertError("/api/GetCounts?resource=/index.html&range_in_seconds=0", "range_in_seconds must be at least 1");
        assertError("/api/GetCounts?resource=&range_in_seconds=5", "missing parameter: resource");
    }

    @Test
    void resourcesListsEveryResourceOnce() throws Exception {
        HttpResponse<String> response = get("/api/resources");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode resources = JSON.readTree(response.body()).get("resources");
        assertThat(resources).extracting(JsonNode::asText).containsExactly("/index.html", "resource-0", "resource-1");
    }

    @Test
    void otherPathsAndMethods() throws Exception {
        assertThat(get("/api/nope").statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(get("/api/nope").body()).get("error").asText()).contains("no such API");
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(url("/api/resources"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(get("/nope.html").statusCode()).isEqualTo(404);
    }

    @Test
    void pageAndChartLibraryComeFromTheJar() throws Exception {
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<canvas id=\"chart\"", "/lib/chart.umd.js", "Top 3 referrers by counts",
                "Data last updated by:").doesNotContain("https://");
        HttpResponse<String> lib = get("/lib/chart.umd.js");
        assertThat(lib.statusCode()).isEqualTo(200);
        assertThat(lib.body()).contains("Chart.js");
        assertThat(get("/dashboard.js").statusCode()).isEqualTo(200);
    }

    private void assertError(String path, String message) throws Exception {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(path).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("error").asText()).as(path).startsWith(message);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(url(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI url(String path) {
        return server.url().resolve(path);
    }
}
