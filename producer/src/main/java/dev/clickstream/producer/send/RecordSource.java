package dev.clickstream.producer.send;

import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

/** Where the producer's records come from, one PutRecords entry at a time. Thread-confined. */
public interface RecordSource {
    PutRecordsRequestEntry next();
}
