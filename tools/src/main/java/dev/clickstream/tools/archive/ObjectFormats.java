package dev.clickstream.tools.archive;

import dev.clickstream.common.cli.CliException;

/** The reader for each encoding an object's key names. */
public final class ObjectFormats {
    private static final RawFormat RAW = new RawFormat();

    private ObjectFormats() {}

    /** @throws CliException (exit 2) for a format this build cannot read */
    public static ObjectFormat of(ArchivedObject.Encoding encoding) {
        return switch (encoding) {
            case PLAIN, GZIP -> RAW;
            case PARQUET -> throw unreadable("Parquet");
        };
    }

    /** Fails early on what the properties say the archive is. */
    public static void checkReadable(ArchiveProperties props) {
        if (props.format().equals("parquet")) {
            throw unreadable("Parquet (s3.format = parquet)");
        }
    }

    private static CliException unreadable(String what) {
        return CliException.usage("cannot read " + what + " archives yet: this build reads raw archives, plain and gzip");
    }
}
