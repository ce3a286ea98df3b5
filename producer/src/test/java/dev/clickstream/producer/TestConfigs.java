package dev.clickstream.producer;

import dev.clickstream.common.config.ConfigLoader;
import dev.clickstream.producer.config.ProducerConfig;
import dev.clickstream.producer.config.ProducerKeys;
import dev.clickstream.testsupport.LocalAws;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** Producer configurations aimed at the test stack, built through the same loader the CLI uses. */
final class TestConfigs {
    private TestConfigs() {}

    static ProducerConfig config(LocalAws aws, String stream, Map<String, String> keys, OptionalLong count,
                                 Optional<Duration> duration, long seed) {
        Map<String, String> all = new HashMap<>();
        all.put("kinesisEndpoint", aws.endpoints().kinesis().toString());
        all.put("AwsCredentialsProvider", LocalAws.CREDENTIALS_SPEC);
        all.put("stream", stream);
        all.put("waitBetweenDescribeCallsInSeconds", "1");
        all.put("progressInterval", "0");
        all.putAll(keys);
        return ProducerConfig.from(ConfigLoader.of(ProducerKeys.DEF).overrides(all).load().values(), count, duration,
                OptionalLong.of(seed));
    }
}
