package dev.clickstream.tools.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clickstream.testsupport.JavaProcess;
import dev.clickstream.testsupport.LocalAws;
import dev.clickstream.testsupport.LocalStackExtension;
import dev.clickstream.testsupport.Poll;
import dev.clickstream.testsupport.StreamContents;
import dev.clickstream.tools.ArchiveFixture;
import dev.clickstream.tools.ToolsJar;
import dev.clickstream.tools.ToolsJar.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * The real jar against the local stack, on archives laid out exactly as the consumer writes them
 * ({@code prefix[time]shardId/first-last[.gz]}, each record's data plus "\n"); the round trip
 * through the real consumer is {@link ReplayRoundTripIT}.
 */
@ExtendWith(LocalStackExtension.class)
class ReplayIT {
    private static final String SHARD_0 = "shardId-000000000000";
    private static final String SHARD_1 = "shardId-000000000001";

    @TempDir
    Path dir;

    private final LocalAws aws;
    private final String bucket = LocalAws.uniqueName("replay-bucket");
    private final String target = LocalAws.uniqueName("replayed");

    ReplayIT(LocalAws aws) {
        this.aws = aws;
    }

    @BeforeEach
    void createBucket() {
        aws.s3().createBucket(r -> r.bucket(bucket));
    }

    @Test
    void selectsByTimeAndShardAndADryRunPutsNothing() throws Exception {
        archive("clicks/2026/12/02/07/", SHARD_0, 100, 0, 10, false);
        archive("clicks/2026/12/02/08/", SHARD_0, 200, 10, 10, false);
        archive("clicks/2026/12/02/08/", SHARD_1, 300, 20, 10, true);
        archive("clicks/2026/12/02/09/", SHARD_1, 400, 30, 10, true);
        Path props = properties("clicks/", "yyyy/MM/dd/HH/");
        List<String> hour8 = List.of("--from", "2026-12-02T08:00:00Z", "--to", "2026-12-02T09:00");

        Run dry = replay(props, hour8, "--dry-run");
        assertThat(dry.exitCode()).as(dry.describe()).isZero();
        assertThat(dry.stdout()).contains("would replay clicks/2026/12/02/08/" + SHARD_0 + "/200-209: 10 records")
                .contains("would replay clicks/2026/12/02/08/" + SHARD_1 + "/300-309.gz: 10 records")
                .contains("dry run: 2 objects, 20 records, ").contains("dated 2026-12-02T08:00:00Z to 2026-12-02T08:00:00Z")
                .contains("nothing was put").doesNotContain("07/").doesNotContain("09/");
        assertThat(aws.streamExists(target)).as("a dry run creates no stream").isFalse();
        assertThat(dir.resolve("replay-" + target + ".state")).doesNotExist();

        Run run = replay(props, hour8, "--shard", SHARD_1);
        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stdout()).contains("done in").contains("1 objects, 10 records").contains("failed 0")
                .contains("partition keys: 10 from field resource");
        List<Record> put = StreamContents.readAll(aws.kinesis(), target);
        assertThat(put).extracting(r -> r.data().asUtf8String()).containsExactlyElementsOf(lines(20, 10));
        assertThat(put).extracting(Record::partitionKey).allMatch(k -> k.startsWith("/page"));

        Run again = replay(props, hour8, "--shard", SHARD_1);
        assertThat(again.exitCode()).as(again.describe()).isEqualTo(2);
        assertThat(again.stderr()).contains("exists from an earlier replay: add --resume");
        Run finished = replay(props, hour8, "--shard", SHARD_1, "--resume");
        assertThat(finished.exitCode()).as(finished.describe()).isZero();
        assertThat(finished.stdout()).contains("nothing left to replay");
        assertThat(StreamContents.readAll(aws.kinesis(), target)).hasSize(10);
    }

    @Test
    void badInputIsOneLineAndExitTwo() throws Exception {
        archive("", SHARD_0, 100, 0, 3, false);
        Path props = properties("", "");

        assertUsage(replay(props, List.of("--from", "2026-12-02T09:00:00Z", "--to", "2026-12-02T08:00:00Z")),
                "empty range: --from 2026-12-02T09:00:00Z is not before --to 2026-12-02T08:00:00Z");
        assertUsage(replay(props, List.of("--from", "yesterday")), "--from must be an ISO-8601 time");
        assertUsage(replay(props, List.of("--s3-bucket", "no-such-" + bucket)), "bucket no-such-" + bucket
                + " does not exist");
        assertUsage(replay(props, List.of("--shard", "shardId-000000000009")), "nothing to replay: no archive object");
        assertThat(aws.streamExists(target)).isFalse();
    }

    @Test
    void aKilledReplayResumesWithAtMostTheRecordsInFlightTwice() throws Exception {
        int perObject = 300;
        for (int k = 0; k < 4; k++) {
            archive("", SHARD_0, 1000 * (k + 1), k * perObject, perObject, k % 2 == 1);
        }
        Path props = properties("", "");
        Path state = dir.resolve("replay.state");
        List<String> args = List.of("replay", "--properties", props.toString(), "--to-stream", target,
                "--state", state.toString(), "--rate", "200");

        try (JavaProcess first = ToolsJar.start(args)) {
            Poll.until(Duration.ofSeconds(60), "two calls acknowledged", () -> Files.exists(state)
                    && Files.readAllLines(state).stream().filter(l -> l.startsWith("acked")).count() >= 2);
            first.kill();
            first.awaitExit(Duration.ofSeconds(30));
        }
        List<String> journal = Files.readAllLines(state);
        assertThat(journal).as("killed half-way").noneMatch(l -> l.equals("complete"));

        Run resumed = ToolsJar.run("", withResume(args));

        assertThat(resumed.exitCode()).as(resumed.describe()).isZero();
        Matcher bound = Pattern.compile("at most (\\d+) duplicates").matcher(resumed.stdout());
        assertThat(bound.find()).as(resumed.describe()).isTrue();
        long promised = Long.parseLong(bound.group(1));
        assertThat(promised).as("one call of 200 records at most").isLessThanOrEqualTo(200);
        List<String> put = StreamContents.readAll(aws.kinesis(), target).stream().map(r -> r.data().asUtf8String())
                .toList();
        List<String> expected = lines(0, 4 * perObject);
        assertThat(new LinkedHashSet<>(put)).as("nothing lost, in order").containsExactlyElementsOf(expected);
        assertThat(put.size() - expected.size()).as("duplicates").isLessThanOrEqualTo((int) promised);
    }

    private static List<String> withResume(List<String> args) {
        List<String> all = new ArrayList<>(args);
        all.add("--resume");
        return all;
    }

    private static void assertUsage(Run run, String message) {
        assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
        assertThat(run.stderr()).startsWith("clickstream-tools replay: ").contains(message)
                .doesNotContain("Exception");
    }


    private Run replay(Path props, List<String> selection, String... more) {
        List<String> args = new ArrayList<>(List.of("replay", "--properties", props.toString(), "--to-stream", target,
                "--state", dir.resolve("replay-" + target + ".state").toString()));
        args.addAll(selection);
        args.addAll(List.of(more));
        return ToolsJar.run("", args);
    }

    /** Records {"resource":"/pageN","i":i} for i in [from, from + count). */
    private static List<String> lines(int from, int count) {
        List<String> lines = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            lines.add("{\"resource\":\"/page" + (i % 7) + "\",\"i\":" + i + "}");
        }
        return lines;
    }

    /** Records from..from+count-1 as one object of sequence numbers first.., as the consumer's uploader writes it. */
    private void archive(String directory, String shard, long first, int from, int count, boolean gzip) {
        ArchiveFixture.putObject(aws, bucket, directory + shard + "/" + first + "-" + (first + count - 1)
                + (gzip ? ".gz" : ""), lines(from, count));
    }

    private Path properties(String prefix, String timePrefix) {
        return ArchiveFixture.properties(dir.resolve("consumer.properties"), aws, Map.of(
                "streamName", "source",
                "applicationName", "source-app",
                "s3.bucket", bucket,
                "s3.prefix", prefix,
                "s3.timePrefix", timePrefix,
                "compression", "GZIP"));
    }
}
