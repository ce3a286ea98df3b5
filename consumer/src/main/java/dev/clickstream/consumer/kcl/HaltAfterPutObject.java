package dev.clickstream.consumer.kcl;

import dev.clickstream.common.cli.CliException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Crash tests only: halts the JVM (as SIGKILL would: no shutdown hooks, no checkpoint) as soon as
 * the N-th PutObject response has arrived, i.e. after the object is in S3 and before its
 * checkpoint. That makes "uploaded but not checkpointed" a deterministic state for the
 * exactly-once test. Enabled only by the JVM system property {@value #PROPERTY} (no config key,
 * option or environment variable reaches it), and it says so loudly on the console and in the log.
 */
public final class HaltAfterPutObject implements ExecutionInterceptor {
    public static final String PROPERTY = "clickstream.test.haltAfterPutObject";
    /** The exit status of the halt, as a SIGKILL'd process reports. */
    public static final int STATUS = 137;

    private final int n;
    private final AtomicInteger responses = new AtomicInteger();

    HaltAfterPutObject(int n) {
        this.n = n;
    }

    /** The interceptor when {@value #PROPERTY} is set to a positive count; none otherwise. */
    public static List<ExecutionInterceptor> fromSystemProperty() {
        return Optional.ofNullable(System.getProperty(PROPERTY)).map(value -> {
            int count;
            try {
                count = Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                count = 0;
            }
            if (count < 1) {
                throw CliException.usage("-D" + PROPERTY + " must be a positive count, got '" + value + "'");
            }
            return List.<ExecutionInterceptor>of(new HaltAfterPutObject(count));
        }).orElse(List.of());
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (context.request() instanceof PutObjectRequest put && responses.incrementAndGet() == n) {
            System.err.println("consumer: TEST HOOK -D" + PROPERTY + ": halting after PutObject " + put.key());
            System.err.flush();
            Runtime.getRuntime().halt(STATUS);
        }
    }
}
