package dev.clickstream.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clickstream.testsupport.JavaProcess;
import dev.clickstream.testsupport.LocalAws;
import dev.clickstream.testsupport.LocalStackExtension;
import dev.clickstream.testsupport.Poll;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * verify-archive on an archive the real consumer wrote (time prefix, gzip, several objects per
 * shard): consistent as written, and a deleted object shows up as lost records.
 */
@ExtendWith(LocalStackExtension.class)
class VerifyArchiveOfTheConsumerIT {
    static final Path PROJECT = QuickStartIT.PROJECT;

    @TempDir
    Path work;

    @Test
    void theConsumersArchiveIsConsistentUntilAnObjectIsDeleted(LocalAws aws) throws Exception {
        String stream = LocalAws.uniqueName("verify-real");
        String application = LocalAws.uniqueName("verify-real-app");
        String bucket = LocalAws.uniqueName("verify-real-bucket");
        aws.createStream(stream, 2);
        Map<String, String> lastByShard = put(aws, stream, 300);

        Path properties = work.resolve("consumer.properties");
        Files.writeString(properties, String.join("\n",
                "streamName = " + stream, "applicationName = " + application, "regionName = us-east-1",
                "AwsCredentialsProvider = " + LocalAws.CREDENTIALS_SPEC, "initialPositionInStream = TRIM_HORIZON",
                "kinesisEndpoint = " + aws.endpoints().kinesis(), "dynamoDBEndpoint = " + aws.endpoints().dynamoDb(),
                "s3Endpoint = " + aws.endpoints().s3(), "metricsLevel = NONE", "shardSyncIntervalMillis = 1000",
                "idleTimeBetweenReadsInMillis = 200", "shardConsumerDispatchPollIntervalMillis = 100",
                "s3.bucket = " + bucket, "s3.prefix = archive/", "s3.timePrefix = yyyy/MM/dd/HH/",
                "compression = gzip", "maxBufferSize = 256", "maxBufferAgeMillis = 1000", ""));
        try (JavaProcess consumer = JavaProcess.jar(PROJECT.resolve("consumer/target/consumer.jar"))
                .args("--properties", properties.toString()).env("LOG_DIR", work.resolve("logs").toString())
                .workDir(work).start()) {
            consumer.awaitStdoutLine(Pattern.compile("^consumer: running"), Duration.ofSeconds(30));
            Poll.until(Duration.ofSeconds(120), "each shard checkpointed at its last record",
                    () -> Checkpoints.of(aws, application).equals(lastByShard));
            consumer.terminate();
            consumer.awaitExit(Duration.ofSeconds(60));
        }

        JavaProcess good = verify(properties);
        assertThat(good.exitCode()).as(good.describe()).isZero();
        assertThat(good.stdout()).contains("Consistent: ").contains(", 300 records, 2 shards")
                .contains("(time prefix yyyy/MM/dd/HH/)").containsPattern("0 duplicate records, checkpoint \\d+ covered, 0 lost");

        List<String> keys = aws.s3().listObjectsV2Paginator(r -> r.bucket(bucket).prefix("archive/")).contents()
                .stream().map(S3Object::key).sorted().toList();
        assertThat(keys).hasSizeGreaterThan(4).allMatch(k -> k.matches("archive/\\d{4}/\\d\\d/\\d\\d/\\d\\d/shardId-\\d+/\\d+-\\d+\\.gz"));
        aws.s3().deleteObject(r -> r.bucket(bucket).key(keys.get(0)));

        JavaProcess damaged = verify(properties);
        assertThat(damaged.exitCode()).as(damaged.describe()).isEqualTo(1);
        assertThat(damaged.stdout()).containsPattern("problem: shard shardId-\\d+: \\d+ records up to the checkpoint are in no object \\(lost\\)");
    }

    private JavaProcess verify(Path properties) {
        return JavaProcess.jar(PROJECT.resolve("tools/target/clickstream-tools.jar"))
                .args("verify-archive", "--properties", properties.toString(), "--stream")
                .env("LOG_DIR", work.resolve("tools-logs").toString()).run(Duration.ofSeconds(120));
    }

    /** Puts {@code count} records; returns the last sequence number of each shard. */
    static Map<String, String> put(LocalAws aws, String stream, int count) {
        Map<String, String> last = new HashMap<>();
        List<PutRecordsRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            entries.add(PutRecordsRequestEntry.builder().partitionKey("key-" + i)
                    .data(SdkBytes.fromUtf8String("{\"i\":" + i + "}")).build());
        }
        for (PutRecordsResultEntry result : aws.kinesis().putRecords(r -> r.streamName(stream).records(entries)).records()) {
            assertThat(result.errorCode()).isNull();
            last.merge(result.shardId(), result.sequenceNumber(),
                    (a, b) -> new java.math.BigInteger(a).compareTo(new java.math.BigInteger(b)) >= 0 ? a : b);
        }
        return last;
    }
}
