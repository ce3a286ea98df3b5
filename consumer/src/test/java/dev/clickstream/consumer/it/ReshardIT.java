package dev.clickstream.consumer.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clickstream.consumer.kcl.ConsumerRuntime;
import dev.clickstream.testsupport.LocalAws;
import dev.clickstream.testsupport.LocalStackExtension;
import dev.clickstream.testsupport.Poll;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.kinesis.model.ScalingType;

/** Issue test 4: UpdateShardCount while producing; parents end at SHARD_END, children are archived. */
@ExtendWith(LocalStackExtension.class)
class ReshardIT {

    @Test
    void parentsEndWithShardEndAndChildrenAreArchived(LocalAws aws) throws Exception {
        ConsumerFixture f = new ConsumerFixture(aws, "reshard").set("cleanupLeasesUponShardCompletion", "false");
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
            aws.kinesis().updateShardCount(r -> r.streamName(f.stream).targetShardCount(4)
                    .scalingType(ScalingType.UNIFORM_SCALING));
            aws.awaitStreamActive(f.stream);
            producing.set(false);
            producer.get();
            written.addAll(f.writer().putText("after", 200));

            Set<String> parents = Set.of("shardId-000000000000", "shardId-000000000001");
            Poll.until(Duration.ofSeconds(90), "parents at SHARD_END and children checkpointed", () -> {
                Map<String, LeaseTable.Lease> leases = f.leases().leases();
                return parents.stream().allMatch(p -> leases.containsKey(p)
                        && "SHARD_END".equals(leases.get(p).checkpoint()))
                        && f.checkpointedAll(written.stream().filter(w -> !parents.contains(w.shardId())).toList());
            });
            assertThat(consumer.isStopping()).as("the consumer kept running through the resharding").isFalse();
        }

        ArchiveChecker.Result result = f.archive().check(new ArrayList<>(written));
        assertThat(result.duplicates()).as("records archived twice").isZero();
        assertThat(result.objectsByShard().keySet()).as("shards with archived objects").hasSizeGreaterThan(2);
    }
}
