package dev.clickstream.consumer.processor;

import dev.clickstream.common.cli.CliException;
import dev.clickstream.common.config.ConfigDef;
import dev.clickstream.common.config.ConfigValues;
import dev.clickstream.common.status.StatusCounters;
import dev.clickstream.consumer.archive.ArchiveRecordProcessor;
import dev.clickstream.consumer.archive.ArchiverSettings;
import dev.clickstream.consumer.archive.BucketPreparer;
import dev.clickstream.consumer.archive.CommitExecutor;
import dev.clickstream.archive.layout.Compression;
import dev.clickstream.consumer.archive.LeaseView;
import dev.clickstream.consumer.archive.S3BatchUploader;
import dev.clickstream.consumer.logger.RecordLoggerProcessor;
import dev.clickstream.counter.CounterListener;
import dev.clickstream.counter.CounterSettings;
import dev.clickstream.counter.CountsTablePreparer;
import dev.clickstream.counter.ReferrerCounter;
import dev.clickstream.counter.kcl.CountingProcessorFactory;
import java.io.PrintStream;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.kinesis.processor.ShardRecordProcessorFactory;

/**
 * What the consumer runs on each shard, chosen by the {@code processor} key: the three built-in
 * processors. The consumer owns the KCL (configuration, clients, leases, shutdown, the status
 * line); a processor brings its keys, its start-up preparation and its record processors, which
 * update the status counters where their work is done.
 */
public enum Processor {
    /** The original click-stream consumer: batches of records to S3, a checkpoint after each upload. */
    S3_ARCHIVER("s3-archiver", ArchiverSettings.keys()),
    /** The data-visualization sample's counter: sliding-window referrer counts into DynamoDB. */
    REFERRER_COUNTER("referrer-counter", ReferrerCounter.keys()),
    /** The KCL developer guide's basic sample: each record to the console and the log, a checkpoint after each batch. */
    RECORD_LOGGER("record-logger", ConfigDef.of());

    private final String value;
    private final ConfigDef keys;

    Processor(String value, ConfigDef keys) {
        this.value = value;
        this.keys = keys;
    }

    /** The processor whose {@code processor} value is {@code value}. */
    public static Processor named(String value) {
        return Arrays.stream(values()).filter(p -> p.value.equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("must be one of " + names(", ")));
    }

    /** The values of the {@code processor} key, joined with {@code separator}. */
    public static String names(String separator) {
        return Arrays.stream(values()).map(Processor::toString).collect(Collectors.joining(separator));
    }

    /** Its own keys, which the consumer adds to its definition whichever processor is chosen. */
    public ConfigDef keys() {
        return keys;
    }

    /**
     * How long after a shard's last records its reads stay at full speed before a quiet shard's
     * reads back off: the archiver's buffer age, since it flushes a quiet shard's last batch at the
     * first read after the batch comes due; none for the others (the counter writes on its own clock).
     */
    public Duration quietReadHold(ConfigValues values) {
        return this == S3_ARCHIVER ? Duration.ofMillis(ArchiverSettings.from(values).bufferAgeMillis()) : Duration.ZERO;
    }

    /**
     * Reads its settings from {@code values}, checks or creates what it writes to (a bucket, a
     * table) and returns what the KCL is to run.
     *
     * @param s3       the consumer's S3 client, in the bucket's region (the consumer closes it)
     * @param dynamoDb the consumer's DynamoDB client (the consumer closes it)
     * @param leases   which shards this worker still holds
     * @param console  where the record logger prints
     * @throws dev.clickstream.common.config.ConfigException for a bad value (exit 2, names the key)
     * @throws CliException for a run-time failure such as a missing bucket (one line, exit 1)
     */
    public Running start(ConfigValues values, S3AsyncClient s3, DynamoDbAsyncClient dynamoDb, StatusCounters status,
                         LeaseView leases, PrintStream console) {
        return switch (this) {
            case S3_ARCHIVER -> archiver(ArchiverSettings.from(values), s3, status, leases);
            case REFERRER_COUNTER -> counter(CounterSettings.from(values), dynamoDb, status);
            case RECORD_LOGGER -> new Running(() -> new RecordLoggerProcessor(console, status), false, "checkpoints",
                    "logging each record to the console and the log, checkpointing after each batch", () -> {});
        };
    }

    private static Running archiver(ArchiverSettings settings, S3AsyncClient s3, StatusCounters status,
                                    LeaseView leases) {
        new BucketPreparer(s3, s3.serviceClientConfiguration().region())
                .prepare(settings.bucket(), settings.createBucketIfNotPresent());
        S3BatchUploader uploader = new S3BatchUploader(s3, settings);
        // an idle shard must still get calls, or a half-full buffer would never age out
        return new Running(() -> new ArchiveRecordProcessor(settings, uploader, status, leases,
                CommitExecutor.Backoff.DEFAULT, InstantSource.system()), settings.bufferAgeMillis() > 0, "objects",
                "archiving to s3://" + settings.bucket() + "/" + settings.prefix()
                        + (settings.output().parquet() ? " (Parquet, " + settings.output().schema() + " schema)"
                        : settings.compression() == Compression.GZIP ? " (gzip)" : ""), () -> {});
    }

    private static Running counter(CounterSettings settings, DynamoDbAsyncClient dynamoDb, StatusCounters status) {
        boolean expires;
        try {
            expires = new CountsTablePreparer(dynamoDb, settings).prepare();
        } catch (CountsTablePreparer.CountsTableException e) {
            throw CliException.runtime(e.getMessage());
        }
        CountingProcessorFactory factory = CountingProcessorFactory.create(settings, dynamoDb, CounterListener.NONE,
                status);
        // the window moves on and counts are written every interval, records or not
        return new Running(factory, true, "items", "counting referrers over " + settings.windowSeconds()
                + " s into DynamoDB table " + settings.table() + " every " + settings.interval().toMillis() + " ms"
                + (expires ? "" : "\n" + CountsTablePreparer.TTL_UNSUPPORTED), factory::close);
    }

    @Override
    public String toString() {
        return value;
    }

    /**
     * A started processor.
     *
     * @param factory              called by the KCL once per shard lease this worker takes
     * @param needsCallsOnIdleShards processRecords must also be called when a read returned no records
     *                             (time-based work on idle shards); forces the KCL's
     *                             {@code callProcessRecordsEvenForEmptyRecordList} on
     * @param outputNoun           the plural noun for the outputs on the status line
     * @param description          lines for the console once it is ready, e.g. where it writes
     * @param onClose              releases what start created; run after the KCL scheduler has stopped
     */
    public record Running(ShardRecordProcessorFactory factory, boolean needsCallsOnIdleShards, String outputNoun,
                          String description, Runnable onClose) implements AutoCloseable {
        @Override
        public void close() {
            onClose.run();
        }
    }
}
