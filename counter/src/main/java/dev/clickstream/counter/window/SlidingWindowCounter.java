package dev.clickstream.counter.window;

import dev.clickstream.common.counts.ReferrerCount;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts of (resource, referrer) pairs over a sliding window made of one-second buckets.
 *
 * <p>A pair seen at second {@code s} (epoch seconds, rounded down) is in the window at time
 * {@code now} while {@code nowSecond - windowSeconds < s <= nowSecond}: with a 10 s window, a click
 * at 12:00:00.700 counts at 12:00:00.xxx through 12:00:09.999 and has left at 12:00:10.000. A time
 * ahead of {@code now} (another host's clock) counts in the current second.
 *
 * <p>Not thread-safe: the owner serialises calls.
 */
public final class SlidingWindowCounter {
    private final int windowSeconds;
    private final int topN;
    /** Bucket second → resource → referrer → count. */
    private final TreeMap<Long, Map<String, Map<String, long[]>>> buckets = new TreeMap<>();

    public SlidingWindowCounter(int windowSeconds, int topN) {
        if (windowSeconds < 1 || topN < 1) {
            throw new IllegalArgumentException("windowSeconds and topN must be at least 1");
        }
        this.windowSeconds = windowSeconds;
        this.topN = topN;
    }

    /**
     * Counts one pair seen at {@code at}.
     *
     * @return false when {@code at} is already outside the window at {@code now} (nothing counted)
     */
    public boolean add(String resource, String referrer, Instant at, Instant now) {
        long nowSecond = now.getEpochSecond();
        long second = Math.min(at.getEpochSecond(), nowSecond);
        if (second <= nowSecond - windowSeconds) {
            return false;
        }
        buckets.computeIfAbsent(second, s -> new HashMap<>())
                .computeIfAbsent(resource, r -> new HashMap<>())
                .computeIfAbsent(referrer, r -> new long[1])[0]++;
        return true;
    }

    /**
     * The counts over the window at {@code now}, per resource, at most topN referrers each, by
     * count descending and ties by referrer. Buckets that have left the window are dropped.
     * Resources with nothing left in the window are absent.
     */
    public Map<String, List<ReferrerCount>> snapshot(Instant now) {
        evictBefore(now.getEpochSecond() - windowSeconds + 1);
        long nowSecond = now.getEpochSecond();
        Map<String, Map<String, Long>> sums = new HashMap<>();
        for (Map.Entry<Long, Map<String, Map<String, long[]>>> bucket : buckets.headMap(nowSecond, true).entrySet()) {
            for (Map.Entry<String, Map<String, long[]>> resource : bucket.getValue().entrySet()) {
                Map<String, Long> perReferrer = sums.computeIfAbsent(resource.getKey(), r -> new HashMap<>());
                resource.getValue().forEach((referrer, count) -> perReferrer.merge(referrer, count[0], Long::sum));
            }
        }
        Map<String, List<ReferrerCount>> result = new HashMap<>();
        sums.forEach((resource, perReferrer) -> {
            List<ReferrerCount> counts = new ArrayList<>(perReferrer.size());
            perReferrer.forEach((referrer, count) -> counts.add(new ReferrerCount(referrer, count)));
            counts.sort(ReferrerCount.BY_COUNT_DESCENDING);
            result.put(resource, counts.size() > topN ? List.copyOf(counts.subList(0, topN)) : List.copyOf(counts));
        });
        return result;
    }

    /** How many one-second buckets are held, for tests of eviction. */
    public int bucketCount() {
        return buckets.size();
    }

    private void evictBefore(long firstSecondKept) {
        Iterator<Long> it = buckets.keySet().iterator();
        while (it.hasNext() && it.next() < firstSecondKept) {
            it.remove();
        }
    }
}
