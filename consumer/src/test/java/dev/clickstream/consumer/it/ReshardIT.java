package dev.clickstream.consumer.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clickstream.consumer.kcl.ConsumerRuntime;
import dev.clickstream.local.KinesisLimits;
import dev.clickstream.testsupport.LocalAws;
import dev.clickstream.testsupport.LocalStackExtension;
import dev.clickstream.testsupport.Poll;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A split and then a merge while producing: every parent ends at SHARD_END, the children are
 * archived, and no record is lost or archived twice. SplitShard and MergeShards, because the
 * local stack's kinesalite has no UpdateShardCount (which does the same on AWS).
 */
@ExtendWith(LocalStackExtension.class)
class ReshardIT {

    @Test
    void parentsEndWithShardEndAndChildrenAreArchived(LocalAws aws) throws Exception {
        reshardWhileConsuming(aws, false);
    }

    /** The same with a Parquet archive: every record is one row of its own shard. */
    @Test
    void parquetArchiveToo(LocalAws aws) throws Exception {
        reshardWhileConsuming(aws, true);
    }

    /** The same under Kinesis's per-shard limits, on a stack of its own: refused reads and writes end no shard early. */
    @Test
    void underAwsLimitsToo(@TempDir Path dir) throws Exception {
        try (LocalAws limited = LocalAws.startWith(KinesisLimits.AWS, dir)) {
            reshardWhileConsuming(limited, false);
        }
    }

    private static void reshardWhileConsuming(LocalAws aws, boolean parquet) throws Exception {
        ConsumerFixture f = new ConsumerFixture(aws, "reshard").set("cleanupLeasesUponShardCompletion", "false");
        if (parquet) {
            f.parquet();
        }
        aws.createStream(f.stream, 2);
        List<StreamWriter.Written> written = Collections.synchronizedList(new ArrayList<>(f.writer().putText("first", 200)));

        try (ConsumerRuntime consumer = f.startInProcess(List.of())) {
            Poll.until(ConsumerFixture.ARCHIVE_DEADLINE, "first records archived", () -> f.checkpointedAll(written));

            AtomicBoolean producing = new AtomicBoolean(true);
            CompletableFuture<Void> producer = CompletableFuture.runAsync(() -> {
                for (int round = 0; producing.get() || round < 3; round++) {
                    written.addAll(f.writer().putText("during-" + round, 20));
                }
            });
            // shard 0 splits in two halves (shards 2 and 3); its upper half then merges with shard 1 (into 4)
            f.splitShardZero();
            aws.awaitStreamActive(f.stream);
            f.mergeShardThreeWithOne();
            aws.awaitStreamActive(f.stream);
            producing.set(false);
            producer.get();
            written.addAll(f.writer().putText("after", 200));

            Set<String> parents = Set.of("shardId-000000000000", "shardId-000000000001", "shardId-000000000003");
            Poll.until(Duration.ofSeconds(90), "parents at SHARD_END and children checkpointed",
                    () -> f.endedAndCheckpointed(parents, written));
            assertThat(consumer.isStopping()).as("the consumer kept running through the resharding").isFalse();
        }

        if (parquet) {
            ParquetArchive archive = f.parquetArchive();
            assertThat(archive.check(written)).as("records archived twice").isZero();
            assertThat(archive.shards()).as("shards with archived rows")
                    .contains("shardId-000000000002", "shardId-000000000004");
            return;
        }
        ArchiveChecker.Result result = f.archive().check(new ArrayList<>(written));
        assertThat(result.duplicates()).as("records archived twice").isZero();
        assertThat(result.objectsByShard().keySet()).as("shards with archived objects")
                .contains("shardId-000000000002", "shardId-000000000004");
    }
}
