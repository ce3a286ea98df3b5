package dev.clickstream.common.event;

import java.util.SplittableRandom;

/**
 * Click events as the original sample makes them: resource {@code resource-0 … resource-(n-1)}
 * and one of the six referrers, each picked independently and uniformly. The same seed gives the
 * same sequence, so a test can recompute what a run sent.
 *
 * <p>Events are identified by a small code (resource index × referrers + referrer index) so that
 * callers can cache anything derived from an event, such as its encoded record. Not thread-safe.
 */
public final class ClickEventGenerator {
    private static final int REFERRERS = ClickEvent.REFERRERS.size();

    private final SplittableRandom random;
    private final int resources;

    public ClickEventGenerator(int resources, long seed) {
        if (resources < 1) {
            throw new IllegalArgumentException("resources must be at least 1");
        }
        this.resources = resources;
        this.random = new SplittableRandom(seed);
    }

    /** How many distinct codes {@link #nextCode()} can return. */
    public int distinctEvents() {
        return resources * REFERRERS;
    }

    public int nextCode() {
        int resource = random.nextInt(resources);
        int referrer = random.nextInt(REFERRERS);
        return resource * REFERRERS + referrer;
    }

    public ClickEvent next() {
        return event(nextCode());
    }

    public static ClickEvent event(int code) {
        return new ClickEvent(ClickEvent.resourceName(code / REFERRERS), ClickEvent.REFERRERS.get(code % REFERRERS));
    }
}
