package dev.clickstream.tools.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clickstream.testsupport.LocalAws;
import dev.clickstream.testsupport.LocalStackExtension;
import dev.clickstream.tools.ArchiveFixture;
import dev.clickstream.tools.ToolsJar;
import dev.clickstream.tools.ToolsJar.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;

/**
 * The real jar against the local stack. Each test writes a stream, an archive laid out exactly as
 * the consumer writes it ({@code prefix[time]shardId/first-last[.gz]}, each record's data plus
 * "\n") and a lease table with the KCL's attribute names, with real SDK clients; then damages it.
 */
@ExtendWith(LocalStackExtension.class)
class VerifyArchiveIT {
    private static final String SHARD = "shardId-000000000000";

    @TempDir
    Path dir;

    private final LocalAws aws;
    private final String stream = LocalAws.uniqueName("verify");
    private final String application = LocalAws.uniqueName("verify-app");
    private final String bucket = LocalAws.uniqueName("verify-bucket");
    private final List<String> sequences = new ArrayList<>();

    VerifyArchiveIT(LocalAws aws) {
        this.aws = aws;
    }

    @BeforeEach
    void writeStream() {
        aws.createStream(stream, 1);
        for (int i = 0; i < 30; i++) {
            String data = "{\"i\":" + i + "}";
            PutRecordResponse put = aws.kinesis().putRecord(r -> r.streamName(stream).partitionKey("k")
                    .data(SdkBytes.fromUtf8String(data)));
            sequences.add(put.sequenceNumber());
        }
        aws.s3().createBucket(r -> r.bucket(bucket));
        aws.dynamoDb().createTable(r -> r.tableName(application).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("leaseKey")
                        .attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("leaseKey").keyType(KeyType.HASH).build()));
        aws.dynamoDb().waiter().waitUntilTableExists(r -> r.tableName(application));
    }

    @Test
    void aGoodArchiveIsConsistentWithAndWithoutTheStream() throws Exception {
        archive("", "", 0, 9, false);
        archive("", "", 10, 19, false);
        archive("", "", 20, 29, false);
        checkpoint(29);

        Run run = verify("", "", "--stream");

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stdout()).contains("shard " + SHARD + ": 3 objects, 30 records, sequence numbers "
                        + sequences.get(0) + " to " + sequences.get(29) + ", 0 duplicate records, checkpoint "
                        + sequences.get(29) + " covered, 0 lost")
                .contains("Consistent: 3 objects, 30 records, 1 shards").doesNotContain("problem:");
        assertThat(run.stderr()).contains("verify-archive: reading 3 objects");
    }

    @Test
    void aDeletedObjectIsLostRecordsAndALastOneDeletedLeavesTheCheckpointUncovered() throws Exception {
        archive("", "", 0, 9, false);
        archive("", "", 20, 29, false);
        checkpoint(29);

        Run keysOnly = verify("", "");
        assertThat(keysOnly.exitCode()).as("a gap is invisible from the keys alone: %s", keysOnly.describe()).isZero();

        Run withStream = verify("", "", "--stream");
        assertThat(withStream.exitCode()).as(withStream.describe()).isEqualTo(1);
        assertThat(withStream.stdout()).contains("problem: shard " + SHARD + ": 10 records up to the checkpoint are in "
                + "no object (lost), e.g. sequence numbers " + sequences.get(10) + ", " + sequences.get(11))
                .contains("Inconsistent: 1 problems");

        aws.s3().deleteObject(r -> r.bucket(bucket).key(SHARD + "/" + sequences.get(20) + "-" + sequences.get(29)));
        Run lastGone = verify("", "");
        assertThat(lastGone.exitCode()).as(lastGone.describe()).isEqualTo(1);
        assertThat(lastGone.stdout()).contains("problem: shard " + SHARD + ": checkpoint " + sequences.get(29)
                + " is not covered by any archived object");
    }

    @Test
    void anOverlappingObjectIsReportedAsDuplicates() throws Exception {
        archive("", "", 0, 19, false);
        archive("", "", 15, 29, false);
        checkpoint(29);

        Run run = verify("", "", "--stream");

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(1);
        assertThat(run.stdout()).contains("5 duplicate records")
                .contains("problem: shard " + SHARD + ": objects " + SHARD + "/" + sequences.get(0) + "-" + sequences.get(19)
                        + " and " + SHARD + "/" + sequences.get(15) + "-" + sequences.get(29) + " overlap")
                .contains("problem: shard " + SHARD + ": 5 records are in more than one object");
    }

    @Test
    void gzipAndTimePrefixedArchivesAreRead() throws Exception {
        archive("clicks/", "2026/12/02/07/", 0, 14, true);
        archive("clicks/", "2026/12/02/08/", 15, 29, true);
        checkpoint(29);
        aws.s3().putObject(r -> r.bucket(bucket).key("clicks/README"), RequestBody.fromString("not an object"));

        Run run = verify("clicks/", "yyyy/MM/dd/HH/", "--stream");

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stdout()).contains("(time prefix yyyy/MM/dd/HH/)")
                .contains("shard " + SHARD + ": 2 objects, 30 records").contains("0 lost");
        assertThat(run.stderr()).contains("skipped 1 keys under the prefix that are not archive objects, e.g. clicks/README");

        aws.s3().putObject(r -> r.bucket(bucket).key("clicks/2026/12/02/09/" + SHARD + "/" + sequences.get(29) + "-"
                + sequences.get(29) + ".gz"), RequestBody.fromString("plain text, not gzip\n"));
        Run corrupt = verify("clicks/", "yyyy/MM/dd/HH/");
        assertThat(corrupt.exitCode()).as(corrupt.describe()).isEqualTo(1);
        assertThat(corrupt.stdout()).contains("cannot be read (not valid gzip)");
    }

    @Test
    void aKplAggregateSplitBetweenTwoObjectsIsNotADuplicateOnceTheStreamShowsIt() throws Exception {
        // data that starts as the KPL marks an aggregate; the verifier looks at nothing more
        byte[] aggregate = {(byte) 0xF3, (byte) 0x89, (byte) 0x9A, (byte) 0xC2, 1, 2, 3};
        sequences.add(aws.kinesis().putRecord(r -> r.streamName(stream).partitionKey("k")
                .data(SdkBytes.fromByteArray(aggregate))).sequenceNumber());
        archive("", "", 0, 30, false);
        String edge = sequences.get(30);
        aws.s3().putObject(r -> r.bucket(bucket).key(SHARD + "/" + edge + "-" + edge),
                RequestBody.fromString("user record 2\nuser record 3\n"));
        checkpoint(30);

        Run keysOnly = verify("", "");
        assertThat(keysOnly.exitCode()).as(keysOnly.describe()).isZero();
        assertThat(keysOnly.stdout()).contains("0 overlapping objects, 1 edges shared (KPL aggregates split")
                .contains("Consistent: 2 objects, 33 records");

        Run withStream = verify("", "", "--stream");
        assertThat(withStream.exitCode()).as(withStream.describe()).isZero();
        assertThat(withStream.stdout()).contains("2 objects, 33 records").contains("0 duplicate records");
    }

    @Test
    void endpointsAndBucketComeFromTheEnvironmentAndTheOptionsOverTheFile() throws Exception {
        archive("", "", 0, 29, false);
        checkpoint(29);
        // the file names endpoints where nothing listens, as when the local stack runs on other ports
        Path file = ArchiveFixture.properties(dir.resolve("elsewhere.properties"), aws, Map.of(
                "streamName", stream,
                "applicationName", application,
                "kinesisEndpoint", "http://127.0.0.1:9",
                "dynamoDBEndpoint", "http://127.0.0.1:9",
                "s3Endpoint", "http://127.0.0.1:9",
                "s3.bucket", "not-" + bucket));
        Map<String, String> env = Map.of(
                "CLICKSTREAM_KINESIS_ENDPOINT", aws.endpoints().kinesis().toString(),
                "CLICKSTREAM_DYNAMO_DB_ENDPOINT", aws.endpoints().dynamoDb().toString(),
                "CLICKSTREAM_S3_ENDPOINT", aws.endpoints().s3().toString(),
                "CLICKSTREAM_S3_BUCKET", "also-not-" + bucket);

        Run run = ToolsJar.run("", List.of("verify-archive", "--properties", file.toString(), "--stream",
                "--s3-bucket", bucket), env);

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stdout()).startsWith("Archive s3://" + bucket + "/")
                .contains("s3 " + aws.endpoints().s3()).contains("Consistent: 1 objects, 30 records");
    }

    @Test
    void aBadPropertiesFileIsOneLineAndExitTwo() throws Exception {
        Path file = dir.resolve("bad.properties");
        Files.writeString(file, "streamName = s\nregionName = us-east-1\n");

        Run run = ToolsJar.run("", List.of("verify-archive", "--properties", file.toString()));

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
        assertThat(run.stderr()).startsWith("clickstream-tools verify-archive: applicationName: is required")
                .doesNotContain("Exception");
    }

    /** Writes records from..to (inclusive) as one object, as the consumer's S3BatchUploader would. */
    private void archive(String prefix, String time, int from, int to, boolean gzip) {
        List<String> records = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            records.add("{\"i\":" + i + "}");
        }
        ArchiveFixture.putObject(aws, bucket, prefix + time + SHARD + "/" + sequences.get(from) + "-" + sequences.get(to)
                + (gzip ? ".gz" : ""), records);
    }

    /** A lease item as the KCL writes it, checkpointed at record {@code index}. */
    private void checkpoint(int index) {
        aws.dynamoDb().putItem(r -> r.tableName(application).item(Map.of(
                "leaseKey", AttributeValue.fromS(SHARD),
                "checkpoint", AttributeValue.fromS(sequences.get(index)),
                "checkpointSubSequenceNumber", AttributeValue.fromN("0"),
                "leaseCounter", AttributeValue.fromN("1"))));
    }

    private Run verify(String prefix, String timePrefix, String... more) {
        Path file = ArchiveFixture.properties(dir.resolve("consumer.properties"), aws, Map.of(
                "streamName", stream,
                "applicationName", application,
                "s3.bucket", bucket,
                "s3.prefix", prefix,
                "s3.timePrefix", timePrefix,
                "compression", "GZIP"));
        List<String> args = new ArrayList<>(List.of("verify-archive", "--properties", file.toString()));
        args.addAll(List.of(more));
        return ToolsJar.run("", args);
    }
}
