package dev.clickstream.consumer.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clickstream.testsupport.JavaProcess;
import dev.clickstream.testsupport.LocalAws;
import dev.clickstream.testsupport.LocalStackExtension;
import dev.clickstream.testsupport.Poll;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Issue test 3: two workers share the shards; when one stops, the other takes them over. */
@ExtendWith(LocalStackExtension.class)
class TwoWorkersIT {
    @TempDir
    Path dir;

    @Test
    void twoWorkersSplitTheShardsAndTheSurvivorTakesOver(LocalAws aws) {
        twoWorkers(new ConsumerFixture(aws, "two"), false);
    }

    /** The same with a Parquet archive: every record is one row. */
    @Test
    void parquetArchiveToo(LocalAws aws) {
        twoWorkers(new ConsumerFixture(aws, "two-parquet").parquet(), true);
    }

    private void twoWorkers(ConsumerFixture f, boolean parquet) {
        LocalAws aws = f.aws;
        aws.createStream(f.stream, 4);
        try (JavaProcess a = f.startJar(dir.resolve("a"), "--worker-id", "worker-a");
             JavaProcess b = f.startJar(dir.resolve("b"), "--worker-id", "worker-b")) {
            List<StreamWriter.Written> written = f.twoWorkersArchive();

            a.terminate();
            a.awaitExit(Duration.ofSeconds(40));
            assertThat(a.stdout()).contains("consumer: stopped");
            written.addAll(f.writer().putText("after-a", 400));
            Poll.until(Duration.ofSeconds(90), "worker-b owns every shard and archived everything",
                    () -> f.leases().leases().values().stream().allMatch(l -> "worker-b".equals(l.owner()))
                            && f.checkpointedAll(written));
            assertThat(b.isAlive()).isTrue();

            int duplicates = parquet ? f.parquetArchive().check(written) : f.archive().check(written).duplicates();
            assertThat(duplicates).as("records archived twice").isZero();
        }
    }
}
