package dev.clickstream.consumer.bench;

import dev.clickstream.consumer.it.LeaseTable;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;

/**
 * Both consumers draining one backlog under Kinesis's read limits (issue 28): fills a stream on a
 * running local stack (started with {@code --kinesis-limits aws}) with records large enough that
 * the 2 MiB/s per shard binds, not the consumer's CPU, then {@code rounds} times starts the archiver
 * and the counter (config/local/sample.properties and counter.properties, fresh application names,
 * TRIM_HORIZON; the counter checkpointing after every write) at once and waits until both have checkpointed every shard's last record. The drain
 * runs from the first moment either application holds all its leases to the moment the last one
 * checkpointed; both read every byte, so the pair's read rate is twice the backlog over that time,
 * printed as a share of the 2 MiB/s × shards the read limit allows. Run by
 * consumer/bench/drain-limits.sh; not part of {@code mvn verify}.
 *
 * <p>Arguments: kinesisPort dynamodbPort s3Port records recordBytes shards consumerJar workDir
 * sampleProperties counterProperties rounds
 */
public final class SharedDrainBench {
    private static final double READ_LIMIT = 2 * 1024 * 1024;
    private static final long POLL_MILLIS = 250;

    private final KinesisClient kinesis;
    private final DynamoDbClient dynamo;
    private final int kinesisPort;
    private final int dynamoPort;
    private final int s3Port;
    private final Path jar;
    private final Path work;

    private SharedDrainBench(String[] args) {
        kinesisPort = Integer.parseInt(args[0]);
        dynamoPort = Integer.parseInt(args[1]);
        s3Port = Integer.parseInt(args[2]);
        jar = Path.of(args[6]);
        work = Path.of(args[7]);
        kinesis = BareGetRecordsLoop.kinesis(kinesisPort);
        dynamo = BareGetRecordsLoop.dynamo(dynamoPort);
    }

    public static void main(String[] args) throws Exception {
        int records = Integer.parseInt(args[3]);
        int recordBytes = Integer.parseInt(args[4]);
        int shards = Integer.parseInt(args[5]);
        Path sample = Path.of(args[8]);
        Path counter = Path.of(args[9]);
        int rounds = Integer.parseInt(args[10]);
        SharedDrainBench bench = new SharedDrainBench(args);
        Files.createDirectories(bench.work);
        String stream = "drain-" + System.currentTimeMillis();
        BareGetRecordsLoop.createActiveStream(bench.kinesis, stream, shards);
        long fillStart = System.nanoTime();
        Map<String, String> last = new HashMap<>();
        long bytes = bench.fill(stream, records, recordBytes, last);
        System.out.printf("backlog: %,d records of %,d bytes (%.1f MiB) over %d shards, filled in %.1f s%n",
                records, recordBytes, bytes / 1048576.0, shards, (System.nanoTime() - fillStart) / 1e9);
        System.out.println("| round | archiver drain s | counter drain s | both s | pair MiB/s | / (2 MiB/s x shards) "
                + "| archiver reads throttled | counter reads throttled |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (int round = 1; round <= rounds; round++) {
            String name = stream + "-r" + round;
            Properties a = bench.point(IdleBench.load(sample), stream, name + "-archiver");
            a.setProperty("s3.bucket", name);
            Properties c = bench.point(IdleBench.load(counter), stream, name + "-counter");
            c.setProperty("countsTable", name + "-counts");
            // a checkpoint after every write of counts, so that the end of its drain shows in the lease table
            c.setProperty("counterCheckpointInterval", "0");
            Process archiver = bench.start(bench.store(a, name + "-archiver"), name + "-archiver");
            Process counting = bench.start(bench.store(c, name + "-counter"), name + "-counter");
            try {
                long[] leased = new long[2];
                long[] done = new long[2];
                LeaseTable[] tables = {new LeaseTable(bench.dynamo, name + "-archiver"), new LeaseTable(bench.dynamo, name + "-counter")};
                long deadline = System.nanoTime() + 600_000_000_000L;
                while (done[0] == 0 || done[1] == 0) {
                    if (System.nanoTime() > deadline || !archiver.isAlive() || !counting.isAlive()) {
                        throw new IllegalStateException("the consumers did not finish; see " + bench.work);
                    }
                    long now = System.nanoTime();
                    for (int i = 0; i < 2; i++) {
                        Map<String, LeaseTable.Lease> leases = tables[i].leases();
                        if (leased[i] == 0 && leases.size() == shards
                                && leases.values().stream().allMatch(l -> l.owner() != null)) {
                            leased[i] = now;
                        }
                        if (done[i] == 0 && last.entrySet().stream().allMatch(e -> leases.containsKey(e.getKey())
                                && e.getValue().equals(leases.get(e.getKey()).checkpoint()))) {
                            done[i] = now;
                        }
                    }
                    Thread.sleep(POLL_MILLIS);
                }
                long start = Math.min(leased[0] == 0 ? Long.MAX_VALUE : leased[0], leased[1] == 0 ? Long.MAX_VALUE : leased[1]);
                double both = (Math.max(done[0], done[1]) - start) / 1e9;
                double pair = 2.0 * bytes / both;
                System.out.printf("| %d | %.1f | %.1f | %.1f | %.2f | %.2f | %s | %s |%n", round,
                        (done[0] - leased[0]) / 1e9, (done[1] - leased[1]) / 1e9, both, pair / 1048576.0,
                        pair / (READ_LIMIT * shards), bench.throttled(name + "-archiver"), bench.throttled(name + "-counter"));
            } finally {
                BacklogBench.stop(archiver);
                BacklogBench.stop(counting);
            }
        }
    }

    /** Puts the backlog at what the write limits admit, resending refused entries; returns its bytes. */
    private long fill(String stream, int records, int recordBytes, Map<String, String> last) throws InterruptedException {
        int perCall = Math.max(1, Math.min(500, 512 * 1024 / recordBytes));
        long bytes = 0;
        List<PutRecordsRequestEntry> pending = new ArrayList<>();
        for (int n = 0; n < records || !pending.isEmpty(); ) {
            while (pending.size() < perCall && n < records) {
                String head = String.format("{\"resource\":\"/index.html\",\"referrer\":\"http://www.amazon.com\",\"n\":%d,\"pad\":\"", n++);
                String data = head + "x".repeat(Math.max(0, recordBytes - head.length() - 2)) + "\"}";
                pending.add(PutRecordsRequestEntry.builder().partitionKey(UUID.randomUUID().toString())
                        .data(SdkBytes.fromUtf8String(data)).build());
            }
            List<PutRecordsRequestEntry> sent = pending;
            PutRecordsResponse response = kinesis.putRecords(r -> r.streamName(stream).records(sent));
            pending = new ArrayList<>();
            for (int i = 0; i < sent.size(); i++) {
                var result = response.records().get(i);
                if (result.errorCode() == null) {
                    bytes += sent.get(i).data().asByteBuffer().remaining() + sent.get(i).partitionKey().length();
                    last.merge(result.shardId(), result.sequenceNumber(), (x, y) ->
                            new java.math.BigInteger(x).compareTo(new java.math.BigInteger(y)) >= 0 ? x : y);
                } else {
                    pending.add(sent.get(i));
                }
            }
            if (!pending.isEmpty()) {
                Thread.sleep(200);
            }
        }
        return bytes;
    }

    /** The count of refused reads on the application's last status line. */
    private String throttled(String name) throws IOException {
        List<String> lines = Files.readAllLines(work.resolve(name + ".out"));
        for (int i = lines.size() - 1; i >= 0; i--) {
            int at = lines.get(i).indexOf(" reads throttled");
            if (at > 0) {
                String head = lines.get(i).substring(0, at);
                return head.substring(head.lastIndexOf(' ') + 1);
            }
        }
        return "?";
    }

    private Properties point(Properties p, String stream, String application) {
        p.setProperty("streamName", stream);
        p.setProperty("applicationName", application);
        p.setProperty("initialPositionInStream", "TRIM_HORIZON");
        p.setProperty("kinesisEndpoint", "http://127.0.0.1:" + kinesisPort);
        p.setProperty("dynamoDBEndpoint", "http://127.0.0.1:" + dynamoPort);
        p.setProperty("s3Endpoint", "http://127.0.0.1:" + s3Port);
        return p;
    }

    private Path store(Properties p, String name) throws IOException {
        Path file = work.resolve(name + ".properties");
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(out, "consumer/bench/drain-limits.sh");
        }
        return file;
    }

    private Process start(Path props, String name) throws IOException {
        return ConsumerLaunch.start(jar, props, work, name);
    }
}
