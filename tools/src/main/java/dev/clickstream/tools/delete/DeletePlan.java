package dev.clickstream.tools.delete;

import dev.clickstream.tools.delete.Target.Kind;
import java.util.ArrayList;
import java.util.List;

/** The targets for a set of names, in deletion order: stream first, so nothing writes while tables go. */
public final class DeletePlan {
    /** Tables that KCL 3.x creates beside the lease table; KCL 2.7 creates none, but an upgrade would. */
    static final List<String> KCL_COMPANION_SUFFIXES = List.of("-CoordinatorState", "-WorkerMetricStats");

    private DeletePlan() {}

    public static List<Target> targets(ResourceNames names, boolean purgeBucket) {
        List<Target> targets = new ArrayList<>();
        names.streams().forEach(s -> targets.add(Target.required(Kind.STREAM, s, "stream")));
        for (String lease : names.leaseTables()) {
            targets.add(Target.required(Kind.TABLE, lease, "lease table"));
            for (String suffix : KCL_COMPANION_SUFFIXES) {
                targets.add(Target.optional(Kind.TABLE, lease + suffix, "KCL metadata table"));
            }
        }
        names.countsTables().forEach(t -> targets.add(Target.required(Kind.TABLE, t, "counts table")));
        if (purgeBucket) {
            names.bucket().ifPresent(b -> targets.add(Target.required(Kind.BUCKET, b, "bucket")));
        }
        return targets;
    }
}
