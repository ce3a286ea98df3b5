package dev.clickstream.consumer.bench;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * The consumer's baseline: one thread per shard reads it from TRIM_HORIZON to the tip with the
 * SDK's blocking client, Limit 10,000. {@link BacklogBench} runs it in a fresh JVM each round, as
 * it runs the consumer, so that its CPU per record (this JVM does nothing else while it reads) is
 * the SDK's floor for the consumer's, compiler warm-up included on both sides.
 * Usage: {@code java -cp ... BareGetRecordsLoop KINESIS_PORT STREAM}; prints one line for {@link Result#parse}.
 */
public final class BareGetRecordsLoop {
    static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));

    /** What a read of the whole stream took. */
    public record Result(long records, double recordsPerSecond, double cpuMicrosPerRecord) {
        String format() {
            return String.format(Locale.ROOT, "%d %.1f %.3f", records, recordsPerSecond, cpuMicrosPerRecord);
        }

        static Result parse(String line) {
            String[] f = line.split(" ");
            return new Result(Long.parseLong(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]));
        }
    }

    public static void main(String[] args) throws Exception {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (KinesisClient kinesis = kinesis(Integer.parseInt(args[0]))) {
            long start = System.nanoTime();
            long cpuStart = os.getProcessCpuTime();
            long read = readAll(kinesis, args[1]);
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpu = (os.getProcessCpuTime() - cpuStart) / 1e3 / read;
            System.out.println(new Result(read, read / seconds, cpu).format());
        }
    }

    /** Creates a stream of {@code shards} shards and waits until it is ACTIVE. */
    static void createActiveStream(KinesisClient kinesis, String stream, int shards) throws InterruptedException {
        kinesis.createStream(r -> r.streamName(stream).shardCount(shards));
        while (kinesis.describeStreamSummary(r -> r.streamName(stream)).streamDescriptionSummary().streamStatus()
                != StreamStatus.ACTIVE) {
            Thread.sleep(100);
        }
    }

    /** The bench's client of the local stack's Kinesis, the loop's and {@link BacklogBench}'s. */
    static KinesisClient kinesis(int port) {
        return KinesisClient.builder().region(Region.US_EAST_1).credentialsProvider(CREDENTIALS)
                .endpointOverride(URI.create("http://127.0.0.1:" + port))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** The benches' client of the local stack's DynamoDB. */
    static DynamoDbClient dynamo(int port) {
        return DynamoDbClient.builder().region(Region.US_EAST_1).credentialsProvider(CREDENTIALS)
                .endpointOverride(URI.create("http://127.0.0.1:" + port))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    private static long readAll(KinesisClient kinesis, String stream) throws Exception {
        List<Shard> shards = kinesis.listShards(r -> r.streamName(stream)).shards();
        ExecutorService pool = Executors.newFixedThreadPool(shards.size());
        List<Future<Long>> counts = new ArrayList<>();
        for (Shard shard : shards) {
            counts.add(pool.submit(() -> {
                String iterator = kinesis.getShardIterator(r -> r.streamName(stream).shardId(shard.shardId())
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
                long n = 0;
                while (iterator != null) {
                    String it = iterator;
                    GetRecordsResponse response = kinesis.getRecords(r -> r.shardIterator(it).limit(10_000));
                    n += response.records().size();
                    if (response.records().isEmpty() && Long.valueOf(0).equals(response.millisBehindLatest())) {
                        break;
                    }
                    iterator = response.nextShardIterator();
                }
                return n;
            }));
        }
        long total = 0;
        for (Future<Long> c : counts) {
            total += c.get();
        }
        pool.shutdown();
        return total;
    }
}
