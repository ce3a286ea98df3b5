// The baseline for the producer benchmark: the simplest correct-enough loop of SDK PutRecords
// calls, one after another, with the same click events. Run with the producer jar on the class
// path (it holds the SDK):
//   java -cp producer/target/producer.jar producer/bench/BareLoop.java ENDPOINT STREAM SHARDS COUNT BATCH
//   java -cp producer/target/producer.jar producer/bench/BareLoop.java delete ENDPOINT STREAM
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

public class BareLoop {
    static final String[] REFERRERS = {"http://www.amazon.com", "http://www.google.com", "http://www.yahoo.com",
            "http://www.bing.com", "http://stackoverflow.com", "http://reddit.com"};

    public static void main(String[] args) throws Exception {
        if (args[0].equals("delete")) {
            try (KinesisAsyncClient kinesis = client(URI.create(args[1]))) {
                kinesis.deleteStream(r -> r.streamName(args[2]).enforceConsumerDeletion(true)).join();
            }
            return;
        }
        URI endpoint = URI.create(args[0]);
        String stream = args[1];
        int shards = Integer.parseInt(args[2]);
        long count = Long.parseLong(args[3]);
        int batch = Integer.parseInt(args[4]);
        try (KinesisAsyncClient kinesis = client(endpoint)) {
            kinesis.createStream(r -> r.streamName(stream).shardCount(shards)).join();
            while (true) {
                try {
                    if (kinesis.describeStreamSummary(r -> r.streamName(stream)).join()
                            .streamDescriptionSummary().streamStatus() == StreamStatus.ACTIVE) {
                        break;
                    }
                } catch (RuntimeException notVisibleYet) {
                    // kinesis-local answers ResourceNotFound for a moment after CreateStream
                }
                Thread.sleep(200);
            }
            SplittableRandom random = new SplittableRandom(1);
            long acknowledged = 0;
            long failed = 0;
            long start = System.nanoTime();
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
                PutRecordsResponse response = kinesis.putRecords(r -> r.streamName(stream).records(entries)).join();
                int f = response.failedRecordCount() == null ? 0 : response.failedRecordCount();
                failed += f;
                acknowledged += n - f;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("bare loop: %d records (%d failed) in %.2f s: %.0f records/s%n",
                    acknowledged, failed, seconds, acknowledged / seconds);
        }
    }

    static KinesisAsyncClient client(URI endpoint) {
        return KinesisAsyncClient.builder().endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP1_1))
                .build();
    }
}
