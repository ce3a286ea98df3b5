package dev.clickstream.archive.layout;

/** How an archive object's body is written: {@code s3.format}. */
public enum ArchiveFormat {
    /** Each batch's records as they came, one per line (the original's objects). */
    RAW,
    /** One row per user record, in the columns of a {@link dev.clickstream.archive.rows.RowSchema}. */
    PARQUET;

    public static final String PARQUET_EXTENSION = ".parquet";
    public static final String PARQUET_TYPE = "application/vnd.apache.parquet";

    /**
     * The Content-Type of an object of this format: Parquet's; gzip's for gzipped raw objects;
     * newline-delimited JSON for raw objects named {@code .json}, {@code .jsonl} or {@code .ndjson};
     * plain text for {@code .txt}; otherwise octet-stream (a record may be any bytes).
     */
    public String contentType(Compression compression, String fileExtension) {
        if (this == PARQUET) {
            return PARQUET_TYPE;
        }
        if (compression == Compression.GZIP) {
            return "application/gzip";
        }
        return switch (fileExtension) {
            case ".json", ".jsonl", ".ndjson" -> "application/x-ndjson";
            case ".txt" -> "text/plain; charset=utf-8";
            default -> "application/octet-stream";
        };
    }
}
