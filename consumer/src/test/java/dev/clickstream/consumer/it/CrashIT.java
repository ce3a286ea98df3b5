package dev.clickstream.consumer.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clickstream.testsupport.JavaProcess;
import dev.clickstream.testsupport.LocalAws;
import dev.clickstream.testsupport.LocalStackExtension;
import dev.clickstream.testsupport.Poll;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Issue test 2: SIGKILL a consumer mid-stream, start another; nothing is lost. */
@ExtendWith(LocalStackExtension.class)
class CrashIT {
    @TempDir
    Path dir;

    @Test
    void aKilledConsumerLosesNothingAndDuplicatesOnlyItsUncheckpointedBatch(LocalAws aws) {
        ConsumerFixture f = new ConsumerFixture(aws, "crash").set("maxRecords", "40");
        aws.createStream(f.stream, 2);
        List<StreamWriter.Written> written = new ArrayList<>(f.writer().putText("before", 600));

        Map<String, LeaseTable.Lease> atKill;
        Set<String> keysAtKill;
        try (JavaProcess first = f.startJar(dir.resolve("first"))) {
            Poll.until(ConsumerFixture.ARCHIVE_DEADLINE, "the first consumer wrote objects",
                    () -> f.archive().objectCount() >= 3);
            first.kill();
            first.awaitExit(Duration.ofSeconds(10));
            atKill = f.leases().leases();
            keysAtKill = f.archive().objects().stream().map(ArchiveChecker.ArchivedObject::key).collect(Collectors.toSet());
        }
        written.addAll(f.writer().putText("after", 200));

        try (JavaProcess second = f.startJar(dir.resolve("second"))) {
            Poll.until(ConsumerFixture.ARCHIVE_DEADLINE, "the second consumer checkpointed every record",
                    () -> f.checkpointedAll(written));
            second.terminate();
            second.awaitExit(Duration.ofSeconds(40));
        }

        ArchiveChecker.Result result = f.archive().check(written);
        System.out.println("CrashIT: " + result.duplicates() + " duplicate records after SIGKILL ("
                + result.objects() + " objects, " + keysAtKill.size() + " written before the kill)");
        // duplicates may only come from objects the killed consumer uploaded past its last checkpoint:
        // at most one per shard, because its commit path uploads and checkpoints strictly in turn
        int allowed = 0;
        for (Map.Entry<String, List<ArchiveChecker.ArchivedObject>> shard : result.objectsByShard().entrySet()) {
            LeaseTable.Lease lease = atKill.get(shard.getKey());
            BigInteger checkpoint = lease == null || !lease.checkpoint().matches("\\d+")
                    ? BigInteger.ZERO : new BigInteger(lease.checkpoint());
            List<ArchiveChecker.ArchivedObject> uncheckpointed = shard.getValue().stream()
                    .filter(o -> keysAtKill.contains(o.key()) && o.first().compareTo(checkpoint) > 0)
                    .toList();
            assertThat(uncheckpointed).as("objects of %s uploaded but not checkpointed at the kill", shard.getKey())
                    .hasSizeLessThanOrEqualTo(1);
            for (ArchiveChecker.ArchivedObject o : uncheckpointed) {
                for (byte b : o.body()) {
                    allowed += b == '\n' ? 1 : 0; // text records: one line each
                }
            }
        }
        assertThat(result.duplicates()).isLessThanOrEqualTo(allowed);
    }
}
