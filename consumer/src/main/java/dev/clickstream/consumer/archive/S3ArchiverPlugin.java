package dev.clickstream.consumer.archive;

import java.time.InstantSource;
import dev.clickstream.common.config.ConfigDef;
import dev.clickstream.consumer.processor.PluginContext;
import dev.clickstream.consumer.processor.ProcessorPlugin;
import software.amazon.kinesis.processor.ShardRecordProcessorFactory;

/** The original click-stream consumer: batches of records to S3, a checkpoint after each upload. */
public final class S3ArchiverPlugin implements ProcessorPlugin {
    public static final String NAME = "s3-archiver";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "archives each shard's records to S3 in batches, checkpointing after each upload";
    }

    @Override
    public ConfigDef keys() {
        return ArchiverSettings.keys();
    }

    @Override
    public Running start(PluginContext context) {
        ArchiverSettings settings = ArchiverSettings.from(context.values());
        new BucketPreparer(context.s3(), context.config().s3Region())
                .prepare(settings.bucket(), settings.createBucketIfNotPresent());
        BatchSink uploader = new S3BatchUploader(context.s3(), settings.bucket(), settings.keyNamer());
        ShardRecordProcessorFactory factory = () -> new ArchiveRecordProcessor(settings, uploader, context.counters(),
                context.leases(), CommitExecutor.Backoff.DEFAULT, InstantSource.system());
        return new Running() {
            @Override
            public ShardRecordProcessorFactory processorFactory() {
                return factory;
            }

            @Override
            public boolean needsCallsOnIdleShards() {
                // an idle shard must still get calls, or a half-full buffer would never age out
                return settings.maxBufferAgeMillis() > 0;
            }

            @Override
            public String describe() {
                return "archiving to s3://" + settings.bucket() + "/" + settings.prefix()
                        + (settings.compression() == Compression.GZIP ? " (gzip)" : "");
            }
        };
    }
}
