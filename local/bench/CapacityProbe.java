// Raw PutRecords capacity of the local stack's Kinesis engine as a stream fills up: one caller,
// 500-record batches of click-sized records (about 70 bytes) into a fresh stream, records/s per
// window of WINDOW records, up to HELD records held. The SDK from the producer jar:
//   java -cp producer/target/producer.jar local/bench/CapacityProbe.java ENDPOINT SHARDS HELD WINDOW
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

public class CapacityProbe {
    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args[0]);
        int shards = Integer.parseInt(args[1]);
        long held = Long.parseLong(args[2]);
        long window = Long.parseLong(args[3]);
        String stream = "capacity-" + System.nanoTime();
        try (KinesisAsyncClient kinesis = KinesisAsyncClient.builder().endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP1_1)).build()) {
            kinesis.createStream(r -> r.streamName(stream).shardCount(shards)).join();
            while (kinesis.describeStreamSummary(r -> r.streamName(stream)).join().streamDescriptionSummary()
                    .streamStatus() != StreamStatus.ACTIVE) {
                Thread.sleep(100);
            }
            SplittableRandom random = new SplittableRandom(1);
            long sent = 0;
            long windowStart = System.nanoTime();
            long windowSent = 0;
            double first = -1;
            double last = -1;
            while (sent < held + window) {
                List<PutRecordsRequestEntry> batch = new ArrayList<>(500);
                for (int i = 0; i < 500; i++) {
                    int resource = random.nextInt(shards);
                    String json = "{\"resource\":\"resource-" + resource + "\",\"referrer\":\"http://www.amazon.com\"}";
                    batch.add(PutRecordsRequestEntry.builder().partitionKey("resource-" + random.nextInt(1_000_000))
                            .data(SdkBytes.fromString(json, StandardCharsets.UTF_8)).build());
                }
                PutRecordsResponse response = kinesis.putRecords(r -> r.streamName(stream).records(batch)).join();
                int ok = batch.size() - response.failedRecordCount();
                sent += ok;
                windowSent += ok;
                if (windowSent >= window) {
                    double rate = windowSent / ((System.nanoTime() - windowStart) / 1e9);
                    System.out.printf("held %,d -> %,d: %,.0f records/s%n", sent - windowSent, sent, rate);
                    if (first < 0) {
                        first = rate;
                    }
                    last = rate;
                    windowStart = System.nanoTime();
                    windowSent = 0;
                }
            }
            System.out.printf("empty stream %,.0f records/s; at %,d held %,.0f records/s; ratio %.2f%n",
                    first, held, last, last / first);
        }
    }
}
