package dev.clickstream.common.errors;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.Optional;
import javax.net.ssl.SSLException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/** The project's one way to get at the real failure behind a future, and to say it in one line. */
public final class Errors {
    private Errors() {}

    /** The cause behind CompletionException / ExecutionException wrappers (futures and join() add them). */
    public static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /**
     * One line for logs and the console, no trace: the AWS error code and HTTP status for a
     * service error, else the type and the message's first line, plus the root cause when the
     * message does not already name it (an SDK client error hides "Connection refused" there).
     */
    public static String describe(Throwable error) {
        Throwable t = unwrap(error);
        Optional<String> credentials = missingCredentials(t);
        if (credentials.isPresent()) {
            return credentials.get();
        }
        Optional<String> tls = tlsFailure(t);
        if (tls.isPresent()) {
            return tls.get();
        }
        if (t instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            String message = service.awsErrorDetails().errorMessage();
            return service.awsErrorDetails().errorCode() + " (HTTP " + service.statusCode() + ")"
                    + (message == null ? "" : ": " + firstLine(message));
        }
        String line = typeAndMessage(t);
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != t && root.getMessage() != null && !line.contains(root.getMessage())) {
            line += " (" + typeAndMessage(root) + ")";
        }
        return line;
    }

    /**
     * "no AWS credentials found; looked in …" when the failure is the SDK's credentials provider
     * finding none (its own text runs to 1,400 characters and names every provider's internals).
     */
    public static Optional<String> missingCredentials(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage();
            if (t instanceof SdkClientException && message != null && message.startsWith("Unable to load credentials")) {
                return Optional.of("no AWS credentials found; looked in " + whereLooked(message)
                        + " (set AwsCredentialsProvider to choose a provider)");
            }
        }
        return Optional.empty();
    }

    /** A TLS handshake that failed, most often https:// toward a plain-http endpoint. */
    public static Optional<String> tlsFailure(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SSLException) {
                return Optional.of("TLS handshake failed (" + (t.getMessage() == null ? "no detail" : firstLine(t.getMessage()))
                        + "); if the endpoint speaks plain HTTP, as the local stack does, write http:// instead of https://");
            }
        }
        return Optional.empty();
    }

    private static String whereLooked(String sdkMessage) {
        if (!sdkMessage.startsWith("Unable to load credentials from any of the providers in the chain")) {
            // a single provider: its first sentence says where it looked
            String first = firstLine(sdkMessage);
            int end = first.indexOf(". ");
            return "the chosen provider: " + (end < 0 ? first : first.substring(0, end + 1));
        }
        String profile = Optional.ofNullable(System.getenv("AWS_PROFILE")).orElse("default");
        String home = "~/.aws/";
        String credentialsFile = Optional.ofNullable(System.getenv("AWS_SHARED_CREDENTIALS_FILE")).orElse(home + "credentials");
        String configFile = Optional.ofNullable(System.getenv("AWS_CONFIG_FILE")).orElse(home + "config");
        return "the SDK's default chain: system properties aws.accessKeyId and aws.secretAccessKey, "
                + "environment AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, a web identity token (AWS_WEB_IDENTITY_TOKEN_FILE), "
                + "profile '" + profile + "' in " + credentialsFile + " and " + configFile + ", "
                + "container credentials (AWS_CONTAINER_CREDENTIALS_*_URI), EC2 instance metadata";
    }

    private static String typeAndMessage(Throwable t) {
        String message = t.getMessage();
        String type = t.getClass().getSimpleName();
        return message == null || message.isBlank() ? type : type + ": " + firstLine(message);
    }

    private static String firstLine(String text) {
        return text.lines().findFirst().orElse("");
    }
}
