package dev.clickstream.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clickstream.testsupport.JavaProcess;
import dev.clickstream.testsupport.LocalAws;
import dev.clickstream.testsupport.LocalStackExtension;
import dev.clickstream.testsupport.Poll;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** dashboard.jar against hostile and careless clients: held-open partial requests, malformed URIs, framing. */
@ExtendWith(LocalStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardHostileClientsIT {
    private static final Path JAR = Path.of(System.getProperty("dashboardJar", "target/dashboard.jar"));
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    /** Far more than any fixed pool of request threads. */
    private static final int QUIET_CLIENTS = 48;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Path dir;
    private Path config;
    private JavaProcess dashboard;
    private URI url;

    @BeforeAll
    void start(LocalAws aws) throws IOException {
        dir = Files.createDirectories(Path.of("target", "hostile-it"));
        config = dir.resolve("counter.properties");
        Files.writeString(config, String.join("\n",
                "regionName = us-east-1",
                "dynamoDBEndpoint = " + aws.endpoints().dynamoDb(),
                "AWSCredentialsProvider = StaticCredentialsProvider|local|local",
                "countsTable = " + LocalAws.uniqueName("hostile-counts"), ""));
        dashboard = JavaProcess.jar(JAR).args("--config", config.toString(), "--port", "0")
                .env("LOG_DIR", dir.resolve("logs").toString()).start();
        url = readyUrl(dashboard);
    }

    @AfterAll
    void stop() {
        if (dashboard != null) {
            dashboard.close();
        }
    }

    @Test
    void quietClientsHoldingPartialRequestsDoNotStarveOthers() throws Exception {
        List<Socket> quiet = new ArrayList<>();
        try {
            for (int i = 0; i < QUIET_CLIENTS; i++) {
                Socket socket = new Socket();
                socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), 5000);
                OutputStream out = socket.getOutputStream();
                out.write("GET /api/resources HTTP/1.1\r\nHo".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                quiet.add(socket);
            }
            // the quiet ones stay open: every one of these requests is served meanwhile
            for (int i = 0; i < 3; i++) {
                assertThat(get("/").statusCode()).isEqualTo(200);
                assertThat(get("/api/resources").statusCode()).isIn(200, 503);
            }
            assertThat(quiet).allMatch(s -> !s.isClosed());
            // and a quiet connection does not stay open for ever: the server closes it
            Socket first = quiet.get(0);
            first.setSoTimeout(1000);
            Poll.until(DEADLINE, "the server closes a connection that stays quiet", () -> closedByServer(first));
        } finally {
            for (Socket s : quiet) {
                s.close();
            }
        }
    }

    @Test
    void everyResponseCarriesTheSecurityHeaders() throws Exception {
        for (String path : List.of("/", "/dashboard.js", "/nope", "/api/resources", "/api/nope",
                "/api/GetCounts?resource=%25&range_in_seconds=10")) {
            HttpResponse<String> response = get(path);
            assertThat(response.headers().firstValue("Content-Security-Policy")).as(path)
                    .hasValueSatisfying(csp -> assertThat(csp).contains("frame-ancestors 'none'", "default-src 'none'"));
            assertThat(response.headers().firstValue("X-Frame-Options")).as(path).contains("DENY");
            assertThat(response.headers().firstValue("X-Content-Type-Options")).as(path).contains("nosniff");
        }
    }

    @Test
    void apiErrorsAreJsonEvenForRequestsTheServerRejectsItself() throws Exception {
        // a stray '%' (no client library sends one, so the request is written by hand)
        String stray = rawExchange("GET /api/GetCounts?resource=%&range_in_seconds=10 HTTP/1.1\r\nHost: x\r\n"
                + "Connection: close\r\n\r\n");
        assertThat(stray).startsWith("HTTP/1.1 400").contains("application/json", "{\"error\":")
                .doesNotContain("Exception");

        HttpResponse<String> huge = get("/api/GetCounts?resource=x&range_in_seconds=99999999999999999999");
        assertThat(huge.statusCode()).isEqualTo(400);
        assertThat(huge.body()).contains("out of range (max 3600)");

        // a request line no client library would send: answered by the server's own error handler
        String raw = rawExchange("GET /%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(raw).startsWith("HTTP/1.1 400");
        assertThat(raw).contains("application/json", "{\"error\":", "X-Content-Type-Options: nosniff")
                .doesNotContain("<html", "Exception");
    }

    @Test
    void bindingToEveryInterfaceSaysSoAndWarnsThatThereIsNoAuthentication() {
        try (JavaProcess open = JavaProcess.jar(JAR).args("--config", config.toString(), "--port", "0", "--bind", "0.0.0.0")
                .env("LOG_DIR", dir.resolve("logs-open").toString()).start()) {
            String warning = open.awaitStdoutLine(Pattern.compile("WARNING"), DEADLINE);
            assertThat(warning).matches("dashboard: WARNING: listening on (0\\.0\\.0\\.0|\\[::\\]):\\d+ \\(every interface\\): "
                    + "the dashboard has no authentication.*");
        }
        assertThat(dashboard.stdout()).doesNotContain("WARNING");
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(url.resolve(path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String rawExchange(String request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), 5000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static boolean closedByServer(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        try {
            while (true) {
                int b = in.read();
                if (b < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset by the server
        }
    }

    private static URI readyUrl(JavaProcess p) {
        String line = p.awaitStdoutLine(Pattern.compile("^dashboard http://"), DEADLINE);
        Matcher m = Pattern.compile("dashboard (http://\\S+)").matcher(line);
        assertThat(m.find()).isTrue();
        return URI.create(m.group(1));
    }
}
