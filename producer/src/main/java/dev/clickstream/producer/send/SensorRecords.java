package dev.clickstream.producer.send;

import dev.clickstream.producer.events.SensorEventGenerator;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

/** PutRecords entries of sensor readings ({@code eventType = sensor}), partition key = the sensor. */
public final class SensorRecords implements RecordSource {
    /** Far above a real reading's ~80 bytes (a nine-digit year would still fit), for the 5 MiB batch check. */
    public static final int LARGEST_ENTRY = 256;

    private final SensorEventGenerator generator;

    public SensorRecords(SensorEventGenerator generator) {
        this.generator = generator;
    }

    @Override
    public PutRecordsRequestEntry next() {
        SensorEventGenerator.SensorEvent event = generator.next();
        return PutRecordsRequestEntry.builder()
                .partitionKey(event.sensor())
                .data(SdkBytes.fromByteArrayUnsafe(event.json()))
                .build();
    }
}
