package dev.clickstream.consumer.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.clickstream.consumer.kcl.ConsumerRuntime;
import dev.clickstream.testsupport.LocalAws;
import dev.clickstream.testsupport.LocalStackExtension;
import dev.clickstream.testsupport.Poll;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archiver in FANOUT mode on the local stack, with the settings it has toward AWS: a crash
 * after an upload and a restart, a split, a graceful shutdown right after it (where a spike once
 * hung), a merge, and every record archived exactly once; all of it through one stream consumer
 * named after the application, registered by the first worker and reused by the next.
 */
@ExtendWith(LocalStackExtension.class)
class FanOutArchiverIT {
    static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void everyRecordOnceThroughACrashASplitAShutdownAndAMerge(LocalAws aws) throws Exception {
        ConsumerFixture f = new ConsumerFixture(aws, "fanout").set("retrievalMode", "FANOUT")
                .set("cleanupLeasesUponShardCompletion", "false");
        aws.createStream(f.stream, 2);
        List<StreamWriter.Written> written = Collections.synchronizedList(new ArrayList<>(f.writer().putText("first", 400)));

        f.crashAfterTheFirstUpload(dir.resolve("crashed"));
        assertThat(f.streamConsumers()).as("the stream's consumers").containsExactly(f.application + " ACTIVE");

        try (ConsumerRuntime restarted = f.startInProcess(List.of())) {
            Poll.until(ConsumerFixture.ARCHIVE_DEADLINE, "the restarted consumer checkpointed every record",
                    () -> f.checkpointedAll(written));
            try (Trickle trickle = new Trickle(f.writer(), i -> StreamWriter.text("split-" + i, 5))) {
                f.splitShardZero();
                Poll.until(Duration.ofSeconds(60), "shard 0 at SHARD_END and its children leased", () -> {
                    Map<String, LeaseTable.Lease> leases = f.leases().leases();
                    return leases.containsKey("shardId-000000000000")
                            && "SHARD_END".equals(leases.get("shardId-000000000000").checkpoint())
                            && leases.keySet().containsAll(Set.of("shardId-000000000002", "shardId-000000000003"));
                });
                stopsGracefullyInTime(restarted, "right after a split, while records arrive");
                written.addAll(trickle.stop());
            }
        }

        try (ConsumerRuntime third = f.startInProcess(List.of())) {
            try (Trickle trickle = new Trickle(f.writer(), i -> StreamWriter.text("merge-" + i, 5))) {
                f.mergeShardThreeWithOne();
                aws.awaitStreamActive(f.stream);
                written.addAll(trickle.stop());
            }
            written.addAll(f.writer().putText("after", 200));
            Set<String> parents = Set.of("shardId-000000000000", "shardId-000000000001", "shardId-000000000003");
            Poll.until(Duration.ofSeconds(90), "parents at SHARD_END and children checkpointed",
                    () -> f.endedAndCheckpointed(parents, written));
            stopsGracefullyInTime(third, "after a merge");
        }

        assertThat(f.streamConsumers()).as("one stream consumer for the application's three runs")
                .containsExactly(f.application + " ACTIVE");
        ArchiveChecker.Result result = f.archive().check(new ArrayList<>(written));
        assertThat(result.duplicates()).as("records archived twice").isZero();
        assertThat(result.objectsByShard().keySet()).as("shards with archived objects")
                .contains("shardId-000000000002", "shardId-000000000004");
    }

    /** The KCL's graceful shutdown ends within the timeout, and the clients close (bounded: a hang fails the test). */
    private static void stopsGracefullyInTime(ConsumerRuntime consumer, String when) {
        boolean graceful = assertTimeoutPreemptively(SHUTDOWN_TIMEOUT.plusSeconds(20),
                () -> consumer.stopGracefully(SHUTDOWN_TIMEOUT), "graceful shutdown " + when + " returned");
        assertThat(graceful).as("graceful shutdown %s ended within %s", when, SHUTDOWN_TIMEOUT).isTrue();
    }
}
