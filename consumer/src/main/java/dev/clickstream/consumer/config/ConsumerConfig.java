package dev.clickstream.consumer.config;

import dev.clickstream.common.net.HostNames;
import dev.clickstream.common.config.ConfigDef;
import dev.clickstream.common.config.ConfigException;
import dev.clickstream.common.aws.AwsNames;
import dev.clickstream.common.config.ConfigKey;
import dev.clickstream.common.config.ConfigValues;
import dev.clickstream.consumer.processor.Processor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The consumer's settings: which stream and application this worker serves, then in groups the
 * endpoints, the KCL's settings and the processor's. The processors' own keys (the archiver's
 * {@code s3.*}, buffer sizes…) stay in {@link #values()} for the chosen processor to read.
 */
public record ConsumerConfig(
        String streamName,
        String applicationName,
        String workerId,
        Endpoints endpoints,
        KclSettings kcl,
        ProcessorSettings processing,
        ConfigValues values) {

    public static final ConfigKey<String> STREAM_NAME = ConfigKey.string("streamName", null).required()
            .check(AwsNames::isStreamName, AwsNames.STREAM_RULE)
            .doc("The Kinesis stream to read.");
    public static final ConfigKey<String> APPLICATION_NAME = ConfigKey.string("applicationName", null).required()
            .check(AwsNames::isTableName, AwsNames.APPLICATION_RULE)
            .doc("KCL application name; also the name of the DynamoDB lease table. Workers with the same name share the shards.");
    public static final ConfigKey<String> WORKER_ID = ConfigKey.string("workerId", "")
            .doc("This worker's id in the lease table; empty means host name plus a random UUID.");

    /** AWS's longest stream consumer name; in FANOUT mode the KCL registers one named applicationName. */
    static final int MAX_CONSUMER_NAME = 128;

    /** The KCL 1.x spelling that the original sample's properties file uses. */
    public static final Map<String, String> ALIASES = Map.of("AWSCredentialsProvider", Endpoints.CREDENTIALS.name());

    /** Every key: the core keys in the order of the KCL's sample file, then every processor's own keys. */
    public static ConfigDef definition() {
        List<ConfigKey<?>> keys = new ArrayList<>(List.of(STREAM_NAME, APPLICATION_NAME, Endpoints.REGION_NAME,
                WORKER_ID));
        keys.addAll(KclSettings.POSITION_KEYS);
        keys.add(Endpoints.CREDENTIALS);
        keys.addAll(KclSettings.RUN_KEYS);
        keys.addAll(Endpoints.ENDPOINT_KEYS);
        keys.add(KclSettings.RETRIEVAL_MODE);
        keys.addAll(ProcessorSettings.KEYS);
        for (Processor processor : Processor.values()) {
            keys.addAll(processor.keys().keys());
        }
        return ConfigDef.of(keys.toArray(ConfigKey<?>[]::new));
    }

    /** Builds the settings from parsed values; cross-key rules are checked here. */
    public static ConsumerConfig from(ConfigValues v) {
        String workerId = v.get(WORKER_ID).isEmpty() ? defaultWorkerId() : v.get(WORKER_ID);
        KclSettings kcl = KclSettings.from(v);
        if (kcl.retrievalMode() == RetrievalMode.FANOUT && v.get(APPLICATION_NAME).length() > MAX_CONSUMER_NAME) {
            // RegisterStreamConsumer would refuse it only once the KCL runs, in a retry loop in the log
            throw new ConfigException(APPLICATION_NAME.name(), "must be at most " + MAX_CONSUMER_NAME
                    + " characters with retrievalMode FANOUT: it is also the stream consumer's name");
        }
        return new ConsumerConfig(v.get(STREAM_NAME), v.get(APPLICATION_NAME), workerId, Endpoints.from(v), kcl,
                ProcessorSettings.from(v), v);
    }

    @Override
    public String toString() {
        return "ConsumerConfig[stream=" + streamName + ", application=" + applicationName + ", worker=" + workerId + "]";
    }

    private static String defaultWorkerId() {
        return HostNames.local() + ":" + UUID.randomUUID();
    }
}
