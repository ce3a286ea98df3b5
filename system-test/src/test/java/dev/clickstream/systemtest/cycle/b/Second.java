package dev.clickstream.systemtest.cycle.b;

import dev.clickstream.systemtest.cycle.a.First;

/** The other half of the deliberate package cycle. */
public final class Second {
    public First back() {
        return new First();
    }
}
