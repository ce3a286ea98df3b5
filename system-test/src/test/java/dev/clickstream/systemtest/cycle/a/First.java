package dev.clickstream.systemtest.cycle.a;

import dev.clickstream.systemtest.cycle.b.Second;

/** Half of a deliberate package cycle, for PackageCyclesTest to catch. */
public final class First {
    public Second next() {
        return new Second();
    }
}
