package dev.clickstream.consumer.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clickstream.consumer.kcl.ConsumerRuntime;
import dev.clickstream.testsupport.LocalAws;
import dev.clickstream.testsupport.LocalStackExtension;
import dev.clickstream.testsupport.Poll;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/** Issue test 5: PutObject fails for a while; the consumer retries, never checkpoints meanwhile, then catches up. */
@ExtendWith(LocalStackExtension.class)
class S3FailureIT {

    /** Fails every PutObject while switched on, before the request leaves the client. */
    static final class FailingPuts implements ExecutionInterceptor {
        final AtomicBoolean failing = new AtomicBoolean(true);
        final AtomicInteger failures = new AtomicInteger();

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof PutObjectRequest && failing.get()) {
                failures.incrementAndGet();
                throw SdkClientException.create("injected S3 outage");
            }
        }
    }

    @Test
    void retriesWithoutCheckpointingUntilS3RecoversThenArchivesEverything(LocalAws aws) {
        ConsumerFixture f = new ConsumerFixture(aws, "s3fail").set("s3.prefix", "archive/").set("compression", "gzip");
        aws.createStream(f.stream, 2);
        List<StreamWriter.Written> written = f.writer().putText("outage", 300);
        FailingPuts puts = new FailingPuts();

        try (ConsumerRuntime consumer = f.startInProcess(List.of(puts))) {
            Poll.until(ConsumerFixture.ARCHIVE_DEADLINE, "several failed uploads", () -> puts.failures.get() >= 6);
            assertThat(f.leases().leases().values()).as("leases during the outage").isNotEmpty()
                    .allSatisfy(l -> assertThat(l.checkpoint()).isEqualTo("TRIM_HORIZON"));
            assertThat(f.archive().objectCount()).isZero();
            assertThat(consumer.counters().records()).isZero();

            puts.failing.set(false);
            Poll.until(Duration.ofSeconds(60), "everything archived after the outage", () -> f.checkpointedAll(written));
        }

        ArchiveChecker.Result result = f.archive().check(written);
        assertThat(result.duplicates()).isZero();
        assertThat(result.objectsByShard().values().stream().flatMap(List::stream))
                .allSatisfy(o -> assertThat(o.key()).startsWith("archive/shardId-").endsWith(".gz"));
    }
}
