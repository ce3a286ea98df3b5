package dev.clickstream.tools.archive;

/** The reader for each encoding an object's key names. */
public final class ObjectFormats {
    private static final RawFormat RAW = new RawFormat();
    private static final ParquetFormat PARQUET = new ParquetFormat();

    private ObjectFormats() {}

    public static ObjectFormat of(ArchivedObject.Encoding encoding) {
        return switch (encoding) {
            case PLAIN, GZIP -> RAW;
            case PARQUET -> PARQUET;
        };
    }
}
