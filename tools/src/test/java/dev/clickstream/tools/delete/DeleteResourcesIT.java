package dev.clickstream.tools.delete;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clickstream.testsupport.LocalAws;
import dev.clickstream.testsupport.LocalStackExtension;
import dev.clickstream.tools.ToolsJar;
import dev.clickstream.tools.ToolsJar.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** The real jar against the local stack: what it deletes, what it keeps, how it asks. */
@ExtendWith(LocalStackExtension.class)
class DeleteResourcesIT {
    private final LocalAws aws;
    private final String stream = LocalAws.uniqueName("tools-stream");
    private final String leaseTable = LocalAws.uniqueName("tools-app");
    private final String countsTable = LocalAws.uniqueName("tools-counts");
    private final String bucket = LocalAws.uniqueName("tools-bucket");

    DeleteResourcesIT(LocalAws aws) {
        this.aws = aws;
    }

    @BeforeEach
    void createResources() {
        aws.createStream(stream, 1);
        createTable(leaseTable);
        createTable(countsTable);
        aws.s3().createBucket(r -> r.bucket(bucket));
        for (int i = 0; i < 3; i++) {
            String key = "shardId-000000000000/" + i;
            aws.s3().putObject(r -> r.bucket(bucket).key(key), RequestBody.fromString("{\"resource\":\"r\"}\n"));
        }
    }

    @Test
    void deletesEverythingNamedWithYesAndThenFindsNothing() throws Exception {
        createTable(leaseTable + "-CoordinatorState");

        Run run = ToolsJar.run("", command("--yes", "--purge-bucket"));

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stdout()).contains(
                "deleted: stream " + stream,
                "deleted: lease table " + leaseTable,
                "deleted: KCL metadata table " + leaseTable + "-CoordinatorState",
                "deleted: counts table " + countsTable,
                "deleted: bucket " + bucket + " (3 objects)");
        assertThat(run.stdout()).doesNotContain("-WorkerMetricStats");
        assertThat(aws.streamExists(stream)).isFalse();
        assertThat(aws.dynamoDb().listTablesPaginator().tableNames().stream().toList())
                .doesNotContain(leaseTable, leaseTable + "-CoordinatorState", countsTable);
        assertThat(aws.s3().listBuckets().buckets()).noneMatch(b -> b.name().equals(bucket));

        Run again = ToolsJar.run("", command("--yes", "--purge-bucket"));

        assertThat(again.exitCode()).as(again.describe()).isZero();
        assertThat(again.stdout()).contains("not found: stream " + stream, "not found: lease table " + leaseTable,
                "not found: counts table " + countsTable, "not found: bucket " + bucket, "Nothing to delete in ");
    }

    @Test
    void withoutPurgeBucketTheBucketIsKept() throws Exception {
        Run run = ToolsJar.run("", command("--yes"));

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stdout()).contains("deleted: stream " + stream, "kept: bucket " + bucket);
        assertThat(aws.s3().listObjectsV2(r -> r.bucket(bucket)).contents()).hasSize(3);
    }

    @Test
    void asksAndDeletesOnYes() throws Exception {
        Run run = ToolsJar.run("y\n", command("--purge-bucket"));

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stdout()).contains("Found in kinesis http://", "  stream " + stream,
                "  bucket " + bucket + " (and every object in it)", "Delete these? This cannot be undone. [y/N] y\n",
                "deleted: stream " + stream);
        assertThat(aws.streamExists(stream)).isFalse();
    }

    @Test
    void anyOtherAnswerDeletesNothing() throws Exception {
        Run run = ToolsJar.run("no\n", command("--purge-bucket"));

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(1);
        assertThat(run.stdout()).contains("Nothing deleted.").doesNotContain("deleted:");
        assertStillThere();
    }

    @Test
    void noAnswerOnStandardInputIsRefused() throws Exception {
        Run run = ToolsJar.run("", command("--purge-bucket"));

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
        assertThat(run.stderr()).contains("delete-resources: no answer on standard input; add --yes to delete without asking")
                .doesNotContain("Exception");
        assertStillThere();
    }

    @Test
    void namesAndEndpointsFromAConfigDirectory(@TempDir Path dir) throws Exception {
        String endpoints = endpointsAndCredentials();
        Files.writeString(dir.resolve("producer.properties"), "region = us-east-1\nstream = " + stream + "\n" + endpoints);
        Files.writeString(dir.resolve("sample.properties"), "regionName = us-east-1\nstreamName = " + stream + "\n"
                + "applicationName = " + leaseTable + "\ns3.bucket = " + bucket + "\n" + endpoints);
        Files.writeString(dir.resolve("counter.properties"), "streamName = " + stream + "\n"
                + "applicationName = " + leaseTable + "-counter\ncountsTable = " + countsTable + "\n" + endpoints);

        Run run = ToolsJar.run("", List.of("delete-resources", "--from-config", dir.toString(), "--yes", "--purge-bucket"));

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stdout()).contains("Names from producer.properties, sample.properties, counter.properties",
                "deleted: stream " + stream, "deleted: lease table " + leaseTable,
                "not found: lease table " + leaseTable + "-counter", "deleted: counts table " + countsTable,
                "deleted: bucket " + bucket);
    }

    @Test
    void namesAndEndpointsFromPropertiesFilesNamedOneByOne(@TempDir Path dir) throws Exception {
        String endpoints = endpointsAndCredentials();
        Path archiver = Files.writeString(dir.resolve("archiver.conf"), "regionName = us-east-1\nstreamName = " + stream
                + "\napplicationName = " + leaseTable + "\ns3.bucket = " + bucket + "\n" + endpoints);
        Path counter = Files.writeString(dir.resolve("counter.conf"), "streamName = " + stream + "\napplicationName = "
                + leaseTable + "-counter\nprocessor = referrer-counter\ncountsTable = " + countsTable + "\n" + endpoints);

        Run run = ToolsJar.run("", List.of("delete-resources", "--properties", archiver.toString(),
                "--properties", counter.toString(), "--yes", "--purge-bucket"));

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stdout()).contains("Names from " + archiver + ", " + counter + "\n",
                "deleted: stream " + stream, "deleted: lease table " + leaseTable, "deleted: counts table " + countsTable,
                "deleted: bucket " + bucket);
    }

    @Test
    void usageMistakesAreOneLineWithExitCode2() throws Exception {
        Run badRegion = ToolsJar.run("", command("--yes", "--region", "moon"));
        Run unknown = ToolsJar.run("", List.of("delete-resources", "--bogus"));
        Run noCommand = ToolsJar.run("", List.of());

        assertThat(badRegion.exitCode()).as(badRegion.describe()).isEqualTo(2);
        assertThat(badRegion.stderr()).startsWith("clickstream-tools delete-resources: --region: not a region name, got 'moon'");
        assertThat(unknown.exitCode()).as(unknown.describe()).isEqualTo(2);
        assertThat(unknown.stderr()).contains("Unknown option: '--bogus'");
        assertThat(noCommand.exitCode()).as(noCommand.describe()).isEqualTo(2);
        assertThat(noCommand.stderr()).contains("a command is required (delete-resources, verify-archive, replay)");
        assertStillThere();
    }

    @Test
    void anUnreachableEndpointIsARuntimeFailure() throws Exception {
        Run run = ToolsJar.run("", List.of("delete-resources", "--yes", "--stream", stream,
                "--kinesis-endpoint", "http://127.0.0.1:9", "--aws-credentials-provider", LocalAws.CREDENTIALS_SPEC));

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(1);
        assertThat(run.stderr().lines().toList()).hasSize(1);
        assertThat(run.stderr()).contains("cannot look up stream " + stream);
    }

    @Test
    void helpListsEveryOptionWithItsDefault() throws Exception {
        Run run = ToolsJar.run("", List.of("delete-resources", "--help"));

        assertThat(run.exitCode()).isZero();
        for (String option : List.of("--stream", "--lease-table", "--counts-table", "--bucket", "--purge-bucket",
                "--from-config", "--properties", "--region", "--kinesis-endpoint", "--dynamo-db-endpoint", "--s3-endpoint",
                "--aws-credentials-provider", "--yes")) {
            assertThat(run.stdout()).contains(option);
        }
        assertThat(run.stdout().split("\\(default:", -1)).hasSizeGreaterThanOrEqualTo(13);
    }

    private List<String> command(String... extra) {
        List<String> args = new ArrayList<>(List.of("delete-resources",
                "--stream", stream, "--lease-table", leaseTable, "--counts-table", countsTable, "--bucket", bucket,
                "--kinesis-endpoint", aws.endpoints().kinesis().toString(),
                "--dynamo-db-endpoint", aws.endpoints().dynamoDb().toString(),
                "--s3-endpoint", aws.endpoints().s3().toString(),
                "--aws-credentials-provider", LocalAws.CREDENTIALS_SPEC));
        args.addAll(List.of(extra));
        return args;
    }

    /** The properties that point an application config at this test's stack. */
    private String endpointsAndCredentials() {
        return "kinesisEndpoint = " + aws.endpoints().kinesis() + "\n"
                + "dynamoDbEndpoint = " + aws.endpoints().dynamoDb() + "\n"
                + "s3Endpoint = " + aws.endpoints().s3() + "\n"
                + "AwsCredentialsProvider = " + LocalAws.CREDENTIALS_SPEC + "\n";
    }

    private void assertStillThere() {
        assertThat(aws.streamExists(stream)).isTrue();
        assertThat(aws.dynamoDb().listTablesPaginator().tableNames().stream().toList()).contains(leaseTable, countsTable);
        assertThat(aws.s3().listObjectsV2(r -> r.bucket(bucket)).contents()).hasSize(3);
    }

    private void createTable(String name) {
        aws.dynamoDb().createTable(r -> r.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("k").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("k").keyType(KeyType.HASH).build()));
    }
}
