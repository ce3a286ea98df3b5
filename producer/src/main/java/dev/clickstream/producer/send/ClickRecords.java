package dev.clickstream.producer.send;

import dev.clickstream.common.event.ClickEvent;
import dev.clickstream.common.event.ClickEventCodec;
import dev.clickstream.common.event.ClickEventGenerator;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

/**
 * The PutRecords entry for each distinct event, built once: entries are immutable and there are
 * only resources × 6 distinct events, so the hot path never serialises JSON or allocates an entry.
 * Thread-confined to the generating thread.
 */
public final class ClickRecords implements RecordSource {
    private final ClickEventGenerator generator;
    private final PutRecordsRequestEntry[] entries;

    public ClickRecords(ClickEventGenerator generator) {
        this.generator = generator;
        this.entries = new PutRecordsRequestEntry[generator.distinctEvents()];
    }

    @Override
    public PutRecordsRequestEntry next() {
        int code = generator.nextCode();
        PutRecordsRequestEntry entry = entries[code];
        if (entry == null) {
            entry = entry(ClickEventGenerator.event(code));
            entries[code] = entry;
        }
        return entry;
    }

    public static PutRecordsRequestEntry entry(ClickEvent event) {
        return PutRecordsRequestEntry.builder()
                .partitionKey(event.resource())
                .data(SdkBytes.fromByteArrayUnsafe(ClickEventCodec.toJson(event)))
                .build();
    }

    /** Size PutRecords counts for an entry: data plus partition key. */
    public static int size(PutRecordsRequestEntry entry) {
        return entry.data().asByteBuffer().remaining() + entry.partitionKey().length();
    }

    /** The largest entry any event of {@code resources} resources can produce. */
    public static int largestEntry(int resources) {
        int longest = 0;
        for (String referrer : ClickEvent.REFERRERS) {
            longest = Math.max(longest, size(entry(new ClickEvent(ClickEvent.resourceName(resources - 1), referrer))));
        }
        return longest;
    }
}
