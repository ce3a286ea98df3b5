package dev.clickstream.tools.delete;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeletePlanTest {
    private final ResourceNames names = new ResourceNames(List.of("s", "s"), List.of("app"), List.of("counts"),
            Optional.of("bucket"));

    @Test
    void streamFirstThenLeaseTablesWithKclCompanionsThenCountsTable() {
        assertThat(DeletePlan.targets(names, false)).containsExactly(
                Target.required(Target.Kind.STREAM, "s", "stream"),
                Target.required(Target.Kind.TABLE, "app", "lease table"),
                Target.optional(Target.Kind.TABLE, "app-CoordinatorState", "KCL metadata table"),
                Target.optional(Target.Kind.TABLE, "app-WorkerMetricStats", "KCL metadata table"),
                Target.required(Target.Kind.TABLE, "counts", "counts table"));
    }

    @Test
    void theBucketOnlyWithPurge() {
        assertThat(DeletePlan.targets(names, true)).last()
                .isEqualTo(Target.required(Target.Kind.BUCKET, "bucket", "bucket"));
    }
}
