package dev.clickstream.common.aws;

import java.util.regex.Pattern;

/**
 * The services' own naming rules, checked at start-up so that a bad name is a configuration error
 * (exit 2, at once) rather than a ValidationException from deep inside a run.
 */
public final class AwsNames {
    private static final Pattern STREAM = Pattern.compile("[a-zA-Z0-9_.-]{1,128}");
    private static final Pattern TABLE = Pattern.compile("[a-zA-Z0-9_.-]{3,255}");

    /** Completes "must …" for a stream name. */
    public static final String STREAM_RULE = "be a Kinesis stream name: 1-128 letters, digits, '_', '.' or '-'";
    /** Completes "must …" for a table name. */
    public static final String TABLE_RULE = "be a DynamoDB table name: 3-255 letters, digits, '_', '.' or '-'";
    /** Completes "must …" for a KCL application name, which names the lease table. */
    public static final String APPLICATION_RULE = "be usable as the DynamoDB lease table's name: "
            + "3-255 letters, digits, '_', '.' or '-'";

    private AwsNames() {}

    public static boolean isStreamName(String name) {
        return STREAM.matcher(name).matches();
    }

    public static boolean isTableName(String name) {
        return TABLE.matcher(name).matches();
    }
}
