package dev.clickstream.consumer.archive;

import dev.clickstream.archive.layout.ArchiveFormat;
import dev.clickstream.archive.rows.RowSchema;
import dev.clickstream.common.config.ConfigKey;
import java.util.Arrays;
import java.util.List;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * What the archiver writes besides where: the format and, for Parquet, its schema, codec and own
 * batch thresholds; the Hive-style partitions; the error prefix; the raw objects' extension.
 */
public record ArchiveOutput(ArchiveFormat format, RowSchema schema, ParquetCodec codec, long parquetMaxBufferSize,
                            long parquetMaxBufferAgeMillis, List<String> partitionBy, String errorPrefix,
                            String fileExtension) {

    /** The pure-Java codecs a Parquet object can be compressed with. */
    public enum ParquetCodec {
        ZSTD(CompressionCodecName.ZSTD), SNAPPY(CompressionCodecName.SNAPPY), NONE(CompressionCodecName.UNCOMPRESSED);

        private final CompressionCodecName name;

        ParquetCodec(CompressionCodecName name) {
            this.name = name;
        }

        public CompressionCodecName parquetName() {
            return name;
        }
    }

    /** The original's objects: raw, not partitioned. */
    public static final ArchiveOutput RAW = new ArchiveOutput(ArchiveFormat.RAW, RowSchema.CLICK, ParquetCodec.ZSTD,
            8L << 20, 300_000, List.of(), "errors/", "");

    public static final ConfigKey<ArchiveFormat> FORMAT = ConfigKey.enumeration("s3.format", ArchiveFormat.class,
                    ArchiveFormat.RAW)
            .doc("RAW: the records of each batch, one per line, as the original; PARQUET: one row per user record "
                    + "(keys end in .parquet), in the columns of s3.schema.");
    public static final ConfigKey<RowSchema> SCHEMA = ConfigKey.of("s3.schema", RowSchema::named, RowSchema.CLICK,
                    "click|sensor|payload")
            .doc("With s3.format=PARQUET, the event's columns: click (resource, referrer), sensor (time, sensor, "
                    + "reading) or payload (the record's bytes as one column, for any stream). A record that does not "
                    + "fit goes to s3.errorPrefix.");
    public static final ConfigKey<ParquetCodec> CODEC = ConfigKey.enumeration("parquet.compression",
                    ParquetCodec.class, ParquetCodec.ZSTD)
            .doc("Codec of the Parquet pages (pure Java, no native code).");
    public static final ConfigKey<Long> PARQUET_MAX_BUFFER_SIZE = ConfigKey.longInteger("parquet.maxBufferSize",
                    8L << 20)
            .check(n -> n >= 1 && n <= 256L << 20, "be between 1 and 268435456 bytes")
            .doc("With s3.format=PARQUET, instead of maxBufferSize: the raw bytes a shard's batch holds before it is "
                    + "written (a Parquet object of click events is about 5 times smaller). Memory: shards x (maxQueuedBatches + 1) x "
                    + "about 3 times this.");
    public static final ConfigKey<Long> PARQUET_MAX_BUFFER_AGE = ConfigKey.longInteger("parquet.maxBufferAgeMillis",
                    300_000L)
            .check(n -> n >= 0, "be 0 or more")
            .doc("With s3.format=PARQUET, used instead of maxBufferAgeMillis (0: cut on size only).");
    public static final ConfigKey<String> PARTITION_BY = ConfigKey.string("s3.partitionBy", "")
            .label("FIELD,...")
            .check(text -> valid(text), "be at most 4 distinct field names (letters, digits, '_'), comma-separated")
            .doc("Event fields (top-level JSON) whose values partition the objects Hive-style, as field=value/ "
                    + "after s3.prefix; leave empty for no partitions.");
    public static final ConfigKey<String> ERROR_PREFIX = ConfigKey.string("s3.errorPrefix", "errors/")
            .check(p -> p.endsWith("/") && !p.startsWith("/") && !p.contains("//"),
                    "end with '/', not start with it, and have no '//'")
            .doc("With s3.format=PARQUET, records that cannot become a row go as they came to "
                    + "<errorPrefix><reason>/shardId/firstSeq-lastSeq (reasons: not-json for bad JSON, wrong-type).");
    public static final ConfigKey<String> FILE_EXTENSION = ConfigKey.string("s3.fileExtension", "")
            .check(e -> e.isEmpty() || e.matches("\\.[A-Za-z0-9][A-Za-z0-9.]{0,15}"),
                    "be empty or start with '.' followed by letters and digits, e.g. .json")
            .doc("With s3.format=RAW, added to each key before .gz, e.g. .json (sets Content-Type "
                    + "application/x-ndjson); empty keeps the original keys.");

    static final List<ConfigKey<?>> KEYS = List.of(FORMAT, SCHEMA, CODEC, PARQUET_MAX_BUFFER_SIZE,
            PARQUET_MAX_BUFFER_AGE, PARTITION_BY, ERROR_PREFIX, FILE_EXTENSION);

    public boolean parquet() {
        return format == ArchiveFormat.PARQUET;
    }

    /** Whether a batch may become more than one object (partitions, rows, errors). */
    public boolean fansOut() {
        return parquet() || !partitionBy.isEmpty();
    }

    /** The field names of an {@code s3.partitionBy} value. */
    static List<String> fields(String text) {
        return Arrays.stream(text.split(",")).map(String::trim).filter(f -> !f.isEmpty()).toList();
    }

    private static boolean valid(String text) {
        List<String> fields = fields(text);
        return fields.size() <= 4 && fields.stream().distinct().count() == fields.size()
                && fields.stream().allMatch(f -> f.matches("[A-Za-z_][A-Za-z0-9_]{0,63}"));
    }
}
