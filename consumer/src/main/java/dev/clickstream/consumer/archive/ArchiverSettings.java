package dev.clickstream.consumer.archive;

import dev.clickstream.archive.layout.Compression;
import dev.clickstream.archive.layout.TimePrefix;
import dev.clickstream.archive.layout.HivePartition;
import dev.clickstream.common.config.ConfigDef;
import dev.clickstream.common.config.ConfigException;
import dev.clickstream.common.config.ConfigKey;
import dev.clickstream.common.config.ConfigValues;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The S3 archiver's settings: the original {@code config.js} values plus a prefix, a time prefix, an age limit and gzip. */
public record ArchiverSettings(String bucket, boolean createBucketIfNotPresent, long maxBufferSize,
                               long maxBufferAgeMillis, int maxQueuedBatches, String prefix, TimePrefix timePrefix,
                               Compression compression, ArchiveOutput output) {

    /** Without Parquet, partitions or an extension: the original's objects. */
    public ArchiverSettings(String bucket, boolean createBucketIfNotPresent, long maxBufferSize, long maxBufferAgeMillis,
                            int maxQueuedBatches, String prefix, TimePrefix timePrefix, Compression compression) {
        this(bucket, createBucketIfNotPresent, maxBufferSize, maxBufferAgeMillis, maxQueuedBatches, prefix, timePrefix,
                compression, ArchiveOutput.RAW);
    }

    /** No key is longer than S3's 1,024 bytes: this much is left for the shard id, sequence numbers and extension. */
    private static final int KEY_TAIL_BYTES = 64 + 1 + 2 * (129 + 1 + 20) + 1 + 32;

    public static final ConfigKey<String> BUCKET = ConfigKey.string("s3.bucket", "kinesis-clickstream-batchdata")
            .check(ArchiverSettings::validBucketName, "be an S3 bucket name (3-63 lower-case letters, digits, dots, dashes)")
            .doc("Bucket the batches are written to.");
    public static final ConfigKey<Boolean> CREATE_BUCKET = ConfigKey.bool("s3.createBucketIfNotPresent", true)
            .doc("Create the bucket at start-up when it does not exist; otherwise a missing bucket stops the consumer.");
    public static final ConfigKey<Long> MAX_BUFFER_SIZE = ConfigKey.longInteger("maxBufferSize", 1_048_576L)
            .check(n -> n >= 1 && n <= 1L << 30, "be between 1 and 1073741824 bytes")
            .doc("Flush a shard's buffer once it holds this many bytes (the record that crosses it is included).");
    public static final ConfigKey<Long> MAX_BUFFER_AGE = ConfigKey.longInteger("maxBufferAgeMillis", 0L)
            .check(n -> n >= 0, "be 0 or more")
            .doc("Also cut a batch on record time: a record that arrived this long after the batch's first starts the "
                    + "next one; an idle shard flushes by the clock once its buffer is this old. 0: size only, as the original.");
    public static final ConfigKey<Integer> MAX_QUEUED_BATCHES = ConfigKey.integer("maxQueuedBatches", 2)
            .check(n -> n >= 1 && n <= 64, "be between 1 and 64")
            .doc("Batches per shard handed to the uploader and not yet checkpointed; the reader waits when they are queued.");
    public static final ConfigKey<String> PREFIX = ConfigKey.string("s3.prefix", "")
            .check(p -> !p.startsWith("/") && !p.contains("//"), "not start with '/' nor contain '//'")
            .doc("Prepended to every key, e.g. 'clickstream/'; empty gives exactly the original keys.");
    public static final ConfigKey<TimePrefix> TIME_PREFIX = ConfigKey.of("s3.timePrefix", TimePrefix::parse,
                    TimePrefix.NONE, "PATTERN")
            .doc("java.time pattern, in UTC of each record's arrival (a batch that spans a boundary is split), before "
                    + "the shard id: yyyy/MM/dd/HH/ as Firehose, or 'dt='yyyy-MM-dd/'hour='HH/ for Hive-style time "
                    + "partitions; empty keeps the original keys.");
    public static final ConfigKey<Compression> COMPRESSION = ConfigKey.enumeration("compression",
                    Compression.class, Compression.NONE)
            .doc("NONE, or GZIP (keys end in .gz).");

    public static ConfigDef keys() {
        List<ConfigKey<?>> keys = new ArrayList<>(List.of(BUCKET, CREATE_BUCKET, MAX_BUFFER_SIZE, MAX_BUFFER_AGE,
                MAX_QUEUED_BATCHES, PREFIX, TIME_PREFIX, COMPRESSION));
        keys.addAll(ArchiveOutput.KEYS);
        return ConfigDef.of(keys.toArray(ConfigKey<?>[]::new));
    }

    /** @throws ConfigException when keys together could make an object key longer than S3 allows */
    public static ArchiverSettings from(ConfigValues v) {
        ArchiveOutput output = new ArchiveOutput(v.get(ArchiveOutput.FORMAT), v.get(ArchiveOutput.SCHEMA),
                v.get(ArchiveOutput.CODEC), v.get(ArchiveOutput.PARQUET_MAX_BUFFER_SIZE),
                v.get(ArchiveOutput.PARQUET_MAX_BUFFER_AGE), ArchiveOutput.fields(v.get(ArchiveOutput.PARTITION_BY)),
                v.get(ArchiveOutput.ERROR_PREFIX), v.get(ArchiveOutput.FILE_EXTENSION));
        ArchiverSettings settings = new ArchiverSettings(v.get(BUCKET), v.get(CREATE_BUCKET), v.get(MAX_BUFFER_SIZE),
                v.get(MAX_BUFFER_AGE), v.get(MAX_QUEUED_BATCHES), v.get(PREFIX), v.get(TIME_PREFIX), v.get(COMPRESSION),
                output);
        int longest = settings.longestKeyHead();
        if (longest + KEY_TAIL_BYTES > 1024) {
            throw new ConfigException(output.partitionBy().isEmpty() ? PREFIX.name() : ArchiveOutput.PARTITION_BY.name(),
                    "with s3.prefix, s3.partitionBy and s3.timePrefix, keys could reach " + (longest + KEY_TAIL_BYTES)
                            + " bytes; S3 allows 1024 (shorten the prefix or partition by fewer fields)");
        }
        return settings;
    }

    /** The most bytes a key takes before the shard id. */
    int longestKeyHead() {
        int head = prefix.getBytes(StandardCharsets.UTF_8).length + timePrefix.format(Instant.EPOCH).length();
        for (String field : output.partitionBy()) {
            head += field.length() + 2 + HivePartition.MAX_VALUE_BYTES;
        }
        return Math.max(head, output.errorPrefix().getBytes(StandardCharsets.UTF_8).length + 16);
    }

    /** Bytes of raw records per batch: Parquet's own threshold when writing Parquet. */
    public long bufferSize() {
        return output.parquet() ? output.parquetMaxBufferSize() : maxBufferSize;
    }

    /** Record-time span of a batch (0: none): Parquet's own when writing Parquet. */
    public long bufferAgeMillis() {
        return output.parquet() ? output.parquetMaxBufferAgeMillis() : maxBufferAgeMillis;
    }

    public S3KeyNamer keyNamer() {
        return new S3KeyNamer(prefix, timePrefix, compression, output.fileExtension());
    }

    static boolean validBucketName(String name) {
        return name.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    }
}
