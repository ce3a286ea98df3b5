package dev.clickstream.common.aws;

import dev.clickstream.common.cli.CliException;
import dev.clickstream.common.errors.Errors;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * The one start-up call per service, so that an unreachable endpoint, missing credentials or a TLS
 * mismatch fails within seconds, in one line naming the service, the endpoint and the cause,
 * instead of in the background for minutes. Each probe is a call the application makes anyway
 * (DescribeStreamSummary, DescribeTable), so it needs no extra permission.
 *
 * <p>When the SDK's own error hides the cause (a retried-out timeout, "the connection was closed"),
 * an endpoint override is diagnosed directly: a TCP connect, and for https:// a TLS handshake.
 */
public final class ServiceProbe {
    /** A probe gives up after this long, retries included. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int DIAGNOSIS_MILLIS = 3000;

    private ServiceProbe() {}

    /** The override that bounds a probe call; pass it to the request's overrideConfiguration. */
    public static AwsRequestOverrideConfiguration bounded() {
        return AwsRequestOverrideConfiguration.builder().apiCallTimeout(TIMEOUT).build();
    }

    /**
     * The one-line failure (exit 1) for a probe of {@code service} at {@code target} (a URL, or
     * "AWS region"): missing credentials and a TLS mismatch are said as such, anything else as
     * "cannot reach".
     */
    public static CliException failure(String service, String target, Throwable error) {
        Throwable cause = Errors.unwrap(error);
        String message = Errors.missingCredentials(cause)
                .map(line -> line + "; needed for " + service + " at " + target)
                .or(() -> Errors.tlsFailure(cause).map(line -> "cannot connect to " + service + " at " + target + ": " + line))
                .or(() -> cause instanceof AwsServiceException ? Optional.empty() : diagnose(service, target))
                .orElseGet(() -> "cannot reach " + service + " at " + target + ": " + Errors.describe(cause));
        return new CliException(CliException.RUNTIME, message, cause);
    }

    /** The message alone ("Connection refused"): the type name adds nothing for a user. */
    private static String messageOf(IOException e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static Optional<String> diagnose(String service, String target) {
        URI uri;
        try {
            uri = URI.create(target);
        } catch (IllegalArgumentException notAUrl) {
            return Optional.empty();
        }
        if (uri.getHost() == null || uri.getScheme() == null) {
            return Optional.empty();
        }
        boolean https = uri.getScheme().equalsIgnoreCase("https");
        int port = uri.getPort() >= 0 ? uri.getPort() : https ? 443 : 80;
        InetSocketAddress address = new InetSocketAddress(uri.getHost(), port);
        if (address.isUnresolved()) {
            return Optional.of("cannot reach " + service + " at " + target + ": unknown host " + uri.getHost());
        }
        try (Socket socket = new Socket()) {
            socket.connect(address, DIAGNOSIS_MILLIS);
        } catch (IOException e) {
            return Optional.of("cannot reach " + service + " at " + target + ": " + messageOf(e));
        }
        if (!https) {
            return Optional.empty();
        }
        try (SSLSocket tls = (SSLSocket) SSLSocketFactory.getDefault().createSocket()) {
            tls.connect(address, DIAGNOSIS_MILLIS);
            tls.setSoTimeout(DIAGNOSIS_MILLIS);
            tls.startHandshake();
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("cannot connect to " + service + " at " + target + ": TLS handshake failed ("
                    + messageOf(e) + "); if the endpoint speaks plain HTTP, as the local stack does, "
                    + "write http:// instead of https://");
        }
    }
}
