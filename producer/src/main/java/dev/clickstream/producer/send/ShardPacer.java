package dev.clickstream.producer.send;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/**
 * An adaptive send rate per shard (additive increase, multiplicative decrease), so that a producer
 * asked to go "as fast as the stream accepts" sends about what each shard admits instead of having
 * a share of its entries refused and serialized again: a resend costs as much CPU as a send.
 *
 * <p>A shard starts unpaced. Its first refused entry sets its rate to the shard's nominal capacity
 * (1,000 records/s and 1 MiB/s, whichever an entry uses more of); each later refusal cuts the rate
 * by {@link #DECREASE}, at most once per {@link #HOLD_OFF_NANOS} since the calls already in flight
 * carry the same news; every accepted entry raises it so that it grows by {@link #INCREASE_PER_SECOND}
 * of the capacity per second of sending. Entries are paced by a virtual schedule per shard: a batch
 * is due when every shard it writes to has room for it, with {@link #TOLERANCE_NANOS} of burst.
 * Rates are in shard capacities per second; a cost is the share of one second of a shard's capacity.
 *
 * <p>Pure logic on a clock; thread-safe.
 */
public final class ShardPacer {
    /** Which shard an entry goes to; {@code expectedShard} is the shard an aggregated record was packed for, or null. */
    public interface Shards {
        int count();

        int indexOf(PutRecordsRequestEntry entry, String expectedShard);
    }

    static final double RECORDS_PER_SECOND = 1000;
    static final double BYTES_PER_SECOND = 1024 * 1024;
    static final double DECREASE = 0.8;
    static final double INCREASE_PER_SECOND = 0.1;
    /**
     * The floor of a shard's rate, a tenth of its capacity: the pacing is there to spare resends
     * where a producer overruns a shard; refusals it cannot explain by its own rate (another writer,
     * a fault) are left to the resends and their back-off instead of slowing the shard to a crawl.
     */
    static final double MIN_RATE = 0.1;
    static final long HOLD_OFF_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    static final long TOLERANCE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final double NANOS_PER_SECOND = 1e9;
    private static final String THROTTLED = "ProvisionedThroughputExceededException";

    private final Shards shards;
    private final LongSupplier clock;
    private final double[] rate;
    private final long[] due;
    private final long[] lastCut;

    public ShardPacer(Shards shards, LongSupplier clock) {
        this.shards = shards;
        this.clock = clock;
        int n = shards.count();
        this.rate = new double[n];
        Arrays.fill(rate, Double.POSITIVE_INFINITY);
        this.due = new long[n];
        Arrays.fill(due, clock.getAsLong());
        this.lastCut = new long[n];
    }

    /** The share of a shard's second that an entry of {@code bytes} (data and partition key) uses. */
    static double cost(int bytes) {
        return Math.max(1 / RECORDS_PER_SECOND, bytes / BYTES_PER_SECOND);
    }

    /** The shard of each entry of the batch. */
    public int[] shardsOf(Batch batch) {
        List<PutRecordsRequestEntry> entries = batch.entries();
        int[] index = new int[entries.size()];
        for (int i = 0; i < index.length; i++) {
            index[i] = shards.indexOf(entries.get(i), batch.expectedShard(i));
        }
        return index;
    }

    /** Books the batch's entries on their shards; answers how long to wait before sending it. */
    public long book(Batch batch, int[] shardOf) {
        double[] costs = new double[rate.length];
        List<PutRecordsRequestEntry> entries = batch.entries();
        for (int i = 0; i < shardOf.length; i++) {
            costs[shardOf[i]] += cost(ClickRecords.size(entries.get(i)));
        }
        return book(costs);
    }

    /** Feeds back which entries the shards refused. */
    public void settled(Batch batch, int[] shardOf, List<PutRecordsResultEntry> results) {
        double[] accepted = new double[rate.length];
        boolean[] refused = new boolean[rate.length];
        for (int i = 0; i < shardOf.length; i++) {
            String code = results.get(i).errorCode();
            if (code == null) {
                accepted[shardOf[i]] += cost(ClickRecords.size(batch.entries().get(i)));
            } else if (THROTTLED.equals(code)) {
                refused[shardOf[i]] = true;
            }
        }
        settled(accepted, refused);
    }

    /** Books {@code costs[shard]} on each shard; answers the nanoseconds until they may be sent. */
    synchronized long book(double[] costs) {
        long now = clock.getAsLong();
        long start = now;
        for (int s = 0; s < costs.length; s++) {
            if (costs[s] > 0 && rate[s] != Double.POSITIVE_INFINITY) {
                start = Math.max(start, due[s] - TOLERANCE_NANOS);
            }
        }
        for (int s = 0; s < costs.length; s++) {
            if (costs[s] > 0 && rate[s] != Double.POSITIVE_INFINITY) {
                due[s] = Math.max(due[s], start) + (long) (costs[s] / rate[s] * NANOS_PER_SECOND);
            }
        }
        return start - now;
    }

    /** {@code accepted[shard]}: the cost the shard took; {@code refused[shard]}: whether it refused any entry. */
    synchronized void settled(double[] accepted, boolean[] refused) {
        long now = clock.getAsLong();
        for (int s = 0; s < rate.length; s++) {
            if (refused[s]) {
                if (rate[s] == Double.POSITIVE_INFINITY) {
                    rate[s] = 1;
                    due[s] = Math.max(due[s], now);
                    lastCut[s] = now;
                } else if (now - lastCut[s] >= HOLD_OFF_NANOS) {
                    rate[s] = Math.max(MIN_RATE, rate[s] * DECREASE);
                    lastCut[s] = now;
                }
            } else if (accepted[s] > 0 && rate[s] != Double.POSITIVE_INFINITY) {
                rate[s] += INCREASE_PER_SECOND * accepted[s] / rate[s];
            }
        }
    }

    /** The shard's rate in capacities per second; infinite while it has refused nothing. */
    synchronized double rate(int shard) {
        return rate[shard];
    }
}
