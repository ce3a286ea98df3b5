package dev.clickstream.dashboard;

import dev.clickstream.common.counts.ReferrerCount;
import dev.clickstream.counter.CounterSettings;
import dev.clickstream.counter.CountsTablePreparer;
import dev.clickstream.counter.store.DynamoDbCountsSink;
import dev.clickstream.testsupport.LocalAws;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A fresh counts table, filled the way the counter fills it (its own writer). */
final class CountsFixture {
    final String table;
    final DynamoDbCountsSink sink;

    CountsFixture(LocalAws aws, String host) {
        this.table = LocalAws.uniqueName("dashboard-counts");
        CounterSettings settings = CounterSettings.of(Map.of("countsTable", table, "countsHost", host));
        new CountsTablePreparer(aws.dynamoDbAsync(), settings).prepare();
        this.sink = new DynamoDbCountsSink(aws.dynamoDbAsync(), settings);
    }

    void write(Instant at, String resource, ReferrerCount... counts) {
        sink.write(at, Map.of(resource, List.of(counts))).join();
    }
}
