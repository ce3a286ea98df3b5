package dev.clickstream.local;

/** The local stack could not start; the message is one line that names the service. */
public final class LocalStackException extends Exception {
    public LocalStackException(String message) {
        super(message);
    }

    public LocalStackException(String message, Throwable cause) {
        super(message, cause);
    }
}
