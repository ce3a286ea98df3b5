// The baseline for the producer benchmark: the simplest correct-enough loop of SDK PutRecords
// calls, one after another, with the same click events. Run with the producer jar on the class
// path (it holds the SDK):
//   java -cp producer/target/producer.jar producer/bench/BareLoop.java ENDPOINT STREAM SHARDS COUNT BATCH [LOOPS]
//     (prints records/s and the CPU per record after the first fifth of the records)
//   java -cp producer/target/producer.jar producer/bench/BareLoop.java delete ENDPOINT STREAM
//   java -cp producer/target/producer.jar producer/bench/BareLoop.java contents ENDPOINT STREAM
//     (prints "N kinesis records, B data bytes, read in S s": what the stream holds, read with GetRecords)
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

public class BareLoop {
    static final String[] REFERRERS = {"http://www.amazon.com", "http://www.google.com", "http://www.yahoo.com",
            "http://www.bing.com", "http://stackoverflow.com", "http://reddit.com"};
    static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    // CPU per record is counted after the first fifth of the records, as the producer's bench counts
    // it after the first progress line: the cost of sending, not of start-up and first compilations
    static final AtomicLong SENT = new AtomicLong();
    static long warmMark;
    static volatile long warmCpu = -1;
    static volatile long warmSent;

    public static void main(String[] args) throws Exception {
        if (args[0].equals("contents")) {
            try (KinesisClient kinesis = client(URI.create(args[1]))) {
                contents(kinesis, args[2]);
            }
            return;
        }
        if (args[0].equals("delete")) {
            try (KinesisClient kinesis = client(URI.create(args[1]))) {
                kinesis.deleteStream(r -> r.streamName(args[2]).enforceConsumerDeletion(true));
            }
            return;
        }
        URI endpoint = URI.create(args[0]);
        String stream = args[1];
        int shards = Integer.parseInt(args[2]);
        long count = Long.parseLong(args[3]);
        int batch = Integer.parseInt(args[4]);
        int loops = args.length > 5 ? Integer.parseInt(args[5]) : 1;
        try (KinesisClient kinesis = client(endpoint)) {
            kinesis.createStream(r -> r.streamName(stream).shardCount(shards));
            while (true) {
                try {
                    if (kinesis.describeStreamSummary(r -> r.streamName(stream))
                            .streamDescriptionSummary().streamStatus() == StreamStatus.ACTIVE) {
                        break;
                    }
                } catch (RuntimeException notVisibleYet) {
                    // the engine may answer ResourceNotFound for a moment after CreateStream
                }
                Thread.sleep(200);
            }
            // LOOPS concurrent loops share the count; the benchmark takes the best of 1, 2 and 4 as the ceiling
            warmMark = count / 5;
            long start = System.nanoTime();
            List<Thread> threads = new ArrayList<>();
            long[][] totals = new long[loops][2];
            for (int l = 0; l < loops; l++) {
                int loop = l;
                long share = count / loops + (l < count % loops ? 1 : 0);
                Thread t = new Thread(() -> totals[loop] = loop(kinesis, stream, shards, share, batch, loop + 1));
                t.start();
                threads.add(t);
            }
            for (Thread t : threads) {
                t.join();
            }
            long acknowledged = 0;
            long failed = 0;
            for (long[] t : totals) {
                acknowledged += t[0];
                failed += t[1];
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuPerRecord = warmCpu < 0 || acknowledged + failed <= warmSent ? 0
                    : (OS.getProcessCpuTime() - warmCpu) / 1e3 / (acknowledged + failed - warmSent);
            System.out.printf("bare loop: %d records (%d failed) in %.2f s: %.0f records/s, %.1f CPU us per record%n",
                    acknowledged, failed, seconds, acknowledged / seconds, cpuPerRecord);
        }
    }

    /** One loop of PutRecords calls, one after another; returns {acknowledged, failed}. */
    static long[] loop(KinesisClient kinesis, String stream, int shards, long count, int batch, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long acknowledged = 0;
        long failed = 0;
        while (acknowledged + failed < count) {
            int n = (int) Math.min(batch, count - acknowledged - failed);
            List<PutRecordsRequestEntry> entries = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                String resource = "resource-" + random.nextInt(shards);
                String json = "{\"resource\":\"" + resource + "\",\"referrer\":\""
                        + REFERRERS[random.nextInt(REFERRERS.length)] + "\"}";
                entries.add(PutRecordsRequestEntry.builder().partitionKey(resource)
                        .data(SdkBytes.fromString(json, StandardCharsets.UTF_8)).build());
            }
            PutRecordsResponse response = kinesis.putRecords(r -> r.streamName(stream).records(entries));
            int f = response.failedRecordCount() == null ? 0 : response.failedRecordCount();
            failed += f;
            acknowledged += n - f;
            long sent = SENT.addAndGet(n);
            if (sent >= warmMark && warmCpu < 0) {
                synchronized (SENT) {
                    if (warmCpu < 0) {
                        warmSent = sent;
                        warmCpu = OS.getProcessCpuTime();
                    }
                }
            }
        }
        return new long[] {acknowledged, failed};
    }

    static void contents(KinesisClient kinesis, String stream) {
        long records = 0;
        long bytes = 0;
        long start = System.nanoTime();
        for (var shard : kinesis.listShards(r -> r.streamName(stream)).shards()) {
            String iterator = kinesis.getShardIterator(r -> r.streamName(stream).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            while (iterator != null) {
                String current = iterator;
                GetRecordsResponse page = kinesis.getRecords(r -> r.shardIterator(current).limit(10_000));
                records += page.records().size();
                for (var record : page.records()) {
                    bytes += record.data().asByteBuffer().remaining() + record.partitionKey().length();
                }
                boolean caughtUp = page.millisBehindLatest() != null && page.millisBehindLatest() == 0;
                iterator = page.records().isEmpty() && caughtUp ? null : page.nextShardIterator();
            }
        }
        System.out.printf("%d kinesis records, %d data bytes, read in %.2f s%n", records, bytes,
                (System.nanoTime() - start) / 1e9);
    }

    static KinesisClient client(URI endpoint) {
        return KinesisClient.builder().endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }
}
