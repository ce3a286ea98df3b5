package dev.clickstream.tools.delete;

import java.util.function.Predicate;

/** Whether a resource exists, asked with the service's describe call. */
final class Lookup {
    private Lookup() {}

    /** True when {@code describe} succeeds, false when it fails as {@code notFound} says; other errors propagate. */
    static boolean exists(Runnable describe, Predicate<RuntimeException> notFound) {
        try {
            describe.run();
            return true;
        } catch (RuntimeException e) {
            if (notFound.test(e)) {
                return false;
            }
            throw e;
        }
    }
}
