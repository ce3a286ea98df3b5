package dev.clickstream.tools.delete;

import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.waiters.WaiterResponse;

/** The outcome of a deletion from the SDK waiter that waits for the resource to be gone. */
final class DeletionWait {
    private DeletionWait() {}

    /** DELETED once the waiter saw the resource gone; DELETING when it gave up first (still going). */
    static Result outcome(Supplier<? extends WaiterResponse<?>> wait) {
        try {
            WaiterResponse<?> done = wait.get();
            return Result.of(done.matched().exception().isPresent() ? Outcome.DELETED : Outcome.DELETING);
        } catch (SdkClientException e) {
            if (String.valueOf(e.getMessage()).contains("exceeded the max retry attempts")) {
                return Result.of(Outcome.DELETING);
            }
            throw e;
        }
    }
}
