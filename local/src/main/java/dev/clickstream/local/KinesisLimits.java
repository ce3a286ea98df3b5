package dev.clickstream.local;

import java.util.Locale;

/**
 * Whether the local Kinesis enforces Kinesis's per-shard limits: writes 1,000 records/s and
 * 1 MiB/s, reads 5 GetRecords/s and 2 MiB/s shared by all readers, a record at most 1 MiB and a
 * PutRecords call at most 500 records and 5 MiB, answered as Kinesis answers them.
 */
public enum KinesisLimits {
    /** As AWS: throttled writes and reads get {@code ProvisionedThroughputExceededException}. */
    AWS,
    /** None: the engine takes whatever it is sent as fast as it can. */
    OFF;

    /** The value of {@code --kinesis-limits} and of kinesalite's {@code --kinesisLimits}. */
    public String cliValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
