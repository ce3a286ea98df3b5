package dev.clickstream.common.aws;

import dev.clickstream.common.cli.CliException;
import dev.clickstream.common.errors.Errors;
import java.time.Duration;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;

/**
 * The one start-up call per service, so that an unreachable endpoint, missing credentials or a TLS
 * mismatch fails within seconds, in one line naming the service, the endpoint and the cause,
 * instead of in the background for minutes. Each probe is a call the application makes anyway
 * (DescribeStreamSummary, DescribeTable, HeadBucket), so it needs no extra permission.
 */
public final class ServiceProbe {
    /** A probe gives up after this long, retries included. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    private ServiceProbe() {}

    /** The override that bounds a probe call; pass it to the request's overrideConfiguration. */
    public static AwsRequestOverrideConfiguration bounded() {
        return AwsRequestOverrideConfiguration.builder().apiCallTimeout(TIMEOUT).build();
    }

    /**
     * The one-line failure (exit 1) for a probe of {@code service} at {@code target}: missing
     * credentials and a TLS mismatch are said as such, anything else as "cannot reach".
     */
    public static CliException failure(String service, String target, Throwable error) {
        Throwable cause = Errors.unwrap(error);
        String message = Errors.missingCredentials(cause)
                .map(line -> line + "; needed for " + service + " at " + target)
                .or(() -> Errors.tlsFailure(cause).map(line -> "cannot connect to " + service + " at " + target + ": " + line))
                .orElseGet(() -> "cannot reach " + service + " at " + target + ": " + Errors.describe(cause));
        return new CliException(CliException.RUNTIME, message, cause);
    }
}
