package dev.clickstream.consumer.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clickstream.testsupport.JavaProcess;
import dev.clickstream.testsupport.LocalAws;
import dev.clickstream.testsupport.LocalStackExtension;
import dev.clickstream.testsupport.Poll;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two consumer.jar workers in FANOUT mode share the shards through one stream consumer. One of
 * them freezes (SIGSTOP: its subscriptions stay open, as for a hung or cut-off host) and is then
 * killed: the other takes its leases once they expire, and its subscriptions take over the frozen
 * worker's, so the shards move within the KCL's failover bound, not after the 5 minutes a
 * subscription may last. The survivor then stops on SIGTERM within its shutdown timeout.
 */
@ExtendWith(LocalStackExtension.class)
class FanOutTwoWorkersIT {
    private static final long FAILOVER_MILLIS = 3000;
    /**
     * A lease expires failoverTimeMillis after its last renewal, and the survivor's lease taker runs
     * every 2 × (failoverTimeMillis + 25 ms); plus the archiver's 1 s buffer age and room for a loaded machine.
     */
    private static final Duration FAILOVER_BOUND = Duration.ofMillis(3 * FAILOVER_MILLIS).plusSeconds(20);
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void twoWorkersShareTheShardsAndAFrozenWorkersShardsMoveWithinTheFailoverBound(LocalAws aws) throws Exception {
        ConsumerFixture f = new ConsumerFixture(aws, "fanout-two").set("retrievalMode", "FANOUT")
                .set("failoverTimeMillis", Long.toString(FAILOVER_MILLIS))
                .set("shutdownTimeoutMillis", Long.toString(SHUTDOWN_TIMEOUT.toMillis()));
        aws.createStream(f.stream, 4);
        try (JavaProcess a = f.startJar(dir.resolve("a"), "--worker-id", "worker-a");
             JavaProcess b = f.startJar(dir.resolve("b"), "--worker-id", "worker-b")) {
            List<StreamWriter.Written> written = f.twoWorkersArchive();
            assertThat(a.stdout()).contains("by enhanced fan-out as stream consumer " + f.application);
            assertThat(f.streamConsumers()).as("one stream consumer for both workers")
                    .containsExactly(f.application + " ACTIVE");

            signal(a, "STOP");
            written.addAll(f.writer().putText("after-a", 400));
            Poll.until(FAILOVER_BOUND, "worker-b owns every shard and archived everything",
                    () -> f.leases().leases().values().stream().allMatch(l -> "worker-b".equals(l.owner()))
                            && f.checkpointedAll(written));
            a.kill();
            assertThat(b.isAlive()).isTrue();

            // SIGTERM: the CLI's graceful shutdown in FANOUT mode, within its timeout
            b.terminate();
            b.awaitExit(SHUTDOWN_TIMEOUT.plusSeconds(5));
            assertThat(b.stdout()).as(b.describe()).contains("consumer: stopped: ").doesNotContain("timed out");

            ArchiveChecker.Result result = f.archive().check(written);
            assertThat(result.duplicates()).as("records archived twice").isZero();
        }
    }

    private static void signal(JavaProcess process, String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
        assertThat(kill.waitFor()).as("kill -%s %d", signal, process.pid()).isZero();
    }
}
