package dev.clickstream.common.errors;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

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

    private static String typeAndMessage(Throwable t) {
        String message = t.getMessage();
        String type = t.getClass().getSimpleName();
        return message == null || message.isBlank() ? type : type + ": " + firstLine(message);
    }

    private static String firstLine(String text) {
        return text.lines().findFirst().orElse("");
    }
}
