package dev.clickstream.tools.delete;

import dev.clickstream.common.cli.CliException;
import dev.clickstream.common.errors.Errors;
import dev.clickstream.tools.aws.AwsResources;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Looks up which targets exist, asks before deleting them, deletes them one by one and says
 * what became of each. A target that is already gone is "not found", never a failure; a
 * failure on one target does not stop the others.
 */
final class ResourceDeleter {
    private static final Logger LOG = LoggerFactory.getLogger(ResourceDeleter.class);

    private final StreamTargets streams;
    private final TableTargets tables;
    private final BucketTargets buckets;
    private final PrintWriter out;

    ResourceDeleter(AwsResources aws, PrintWriter out) {
        this.streams = new StreamTargets(aws.kinesis);
        this.tables = new TableTargets(aws.dynamoDb);
        this.buckets = new BucketTargets(aws.s3);
        this.out = out;
    }

    /** @param confirm asked once, after the list of what exists is printed; false ends with nothing deleted */
    int run(String where, List<Target> targets, BooleanSupplier confirm) {
        List<Target> present = new ArrayList<>();
        List<Target> missing = new ArrayList<>();
        for (Target target : targets) {
            (exists(target) ? present : missing).add(target);
        }
        missing.stream().filter(t -> !t.optional()).forEach(t -> out.println("not found: " + t.describe()));
        if (present.isEmpty()) {
            out.println("Nothing to delete in " + where + ".");
            out.flush();
            return 0;
        }
        out.println("Found in " + where + ":");
        present.forEach(t -> out.println("  " + t.describe() + (t.kind() == Target.Kind.BUCKET ? " (and every object in it)" : "")));
        out.flush();
        if (!confirm.getAsBoolean()) {
            out.println("Nothing deleted.");
            out.flush();
            return CliException.RUNTIME;
        }
        int failures = 0;
        for (Target target : present) {
            try {
                Result result = delete(target);
                out.println(result.outcome().label() + ": " + target.describe()
                        + (result.detail().isEmpty() ? "" : " (" + result.detail() + ")"));
            } catch (RuntimeException e) {
                failures++;
                LOG.error("deleting {} failed", target.describe(), e);
                out.println("FAILED: " + target.describe() + ": " + Errors.describe(e));
            }
            out.flush();
        }
        if (failures > 0) {
            out.println(failures + " of " + present.size() + " deletions failed (details in the log file).");
            out.flush();
            return CliException.RUNTIME;
        }
        return 0;
    }

    /** Mentions a bucket that exists and is left alone, so nobody takes it for deleted. */
    void reportKept(String bucket) {
        Target target = Target.required(Target.Kind.BUCKET, bucket, "bucket");
        if (exists(target)) {
            out.println("kept: " + target.describe() + " (--purge-bucket deletes it)");
        }
    }

    private boolean exists(Target target) {
        try {
            return switch (target.kind()) {
                case STREAM -> streams.exists(target.name());
                case TABLE -> tables.exists(target.name());
                case BUCKET -> buckets.exists(target.name());
            };
        } catch (SdkException e) {
            LOG.error("looking up {} failed", target.describe(), e);
            throw CliException.runtime("cannot look up " + target.describe() + ": " + Errors.describe(e));
        }
    }

    private Result delete(Target target) {
        return switch (target.kind()) {
            case STREAM -> streams.delete(target.name());
            case TABLE -> tables.delete(target.name());
            case BUCKET -> buckets.purge(target.name());
        };
    }
}
