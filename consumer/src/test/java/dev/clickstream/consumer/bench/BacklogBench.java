package dev.clickstream.consumer.bench;

import dev.clickstream.consumer.it.LeaseTable;
import dev.clickstream.consumer.it.StreamWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * End-to-end benchmark (issue 4): fills a stream on a running local stack with a backlog, measures
 * a bare GetRecords loop over it (the emulator's ceiling), then runs consumer.jar over the same
 * backlog and reports records/s from the first lease to the last checkpoint, the consumer JVM's
 * CPU seconds and peak RSS. Run by consumer/bench/e2e.sh; not part of {@code mvn verify}.
 *
 * <p>Arguments: kinesisPort dynamodbPort s3Port records shards consumerJar workDir
 */
public final class BacklogBench {
    private static final Pattern LOG_TIME = Pattern.compile("^(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3})");
    private static final DateTimeFormatter LOG_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");

    public static void main(String[] args) throws Exception {
        int kinesisPort = Integer.parseInt(args[0]);
        int dynamoPort = Integer.parseInt(args[1]);
        int s3Port = Integer.parseInt(args[2]);
        int records = Integer.parseInt(args[3]);
        int shards = Integer.parseInt(args[4]);
        Path jar = Path.of(args[5]);
        Path work = Path.of(args[6]);
        Files.createDirectories(work);
        var creds = StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
        KinesisClient kinesis = KinesisClient.builder().region(Region.US_EAST_1).credentialsProvider(creds)
                .endpointOverride(URI.create("http://127.0.0.1:" + kinesisPort))
                .httpClient(UrlConnectionHttpClient.create()).build();
        DynamoDbClient dynamo = DynamoDbClient.builder().region(Region.US_EAST_1).credentialsProvider(creds)
                .endpointOverride(URI.create("http://127.0.0.1:" + dynamoPort))
                .httpClient(UrlConnectionHttpClient.create()).build();

        String stream = "bench-" + System.currentTimeMillis();
        kinesis.createStream(r -> r.streamName(stream).shardCount(shards));
        while (kinesis.describeStreamSummary(r -> r.streamName(stream)).streamDescriptionSummary().streamStatus()
                != StreamStatus.ACTIVE) {
            Thread.sleep(100);
        }

        // fill: one writer thread per shard's worth of records
        long fillStart = System.nanoTime();
        List<StreamWriter.Written> written = fill(kinesis, stream, records, shards);
        double fillSeconds = (System.nanoTime() - fillStart) / 1e9;
        System.out.printf("backlog: %,d records (%,d bytes each on average) over %d shards, filled in %.1f s (%,.0f records/s)%n",
                written.size(), written.stream().mapToInt(w -> w.data().length).sum() / Math.max(1, written.size()),
                shards, fillSeconds, written.size() / fillSeconds);

        // ceiling: a bare GetRecords loop over every shard in parallel, like the KCL's polling
        long readStart = System.nanoTime();
        long read = readAll(kinesis, stream);
        double readSeconds = (System.nanoTime() - readStart) / 1e9;
        System.out.printf("bare GetRecords loop: %,d records in %.2f s = %,.0f records/s%n", read, readSeconds, read / readSeconds);

        // the consumer
        String app = stream + "-app";
        Path props = work.resolve("bench.properties");
        Files.writeString(props, String.join("\n",
                "streamName = " + stream, "applicationName = " + app, "regionName = us-east-1",
                "AwsCredentialsProvider = StaticCredentialsProvider|local|local", "initialPositionInStream = TRIM_HORIZON",
                "kinesisEndpoint = http://127.0.0.1:" + kinesisPort, "dynamoDBEndpoint = http://127.0.0.1:" + dynamoPort,
                "s3Endpoint = http://127.0.0.1:" + s3Port, "metricsLevel = NONE", "s3.bucket = " + stream,
                "maxBufferSize = 1048576", "maxBufferAgeMillis = 2000", "shardSyncIntervalMillis = 1000",
                "idleTimeBetweenReadsInMillis = 250", "shardConsumerDispatchPollIntervalMillis = 100",
                "statusIntervalMillis = 5000", ""), StandardCharsets.UTF_8);
        Path logs = work.resolve("logs-" + stream);
        ProcessBuilder builder = new ProcessBuilder("java", "-jar", jar.toAbsolutePath().toString(),
                "--properties", props.toString())
                .redirectOutput(work.resolve("consumer-" + stream + ".out").toFile())
                .redirectErrorStream(true)
                .directory(work.toFile());
        builder.environment().put("LOG_DIR", logs.toString());
        Process consumer = builder.start();
        Map<String, String> last = new java.util.HashMap<>();
        for (StreamWriter.Written w : written) {
            last.merge(w.shardId(), w.sequenceNumber(),
                    (a, b) -> new java.math.BigInteger(a).compareTo(new java.math.BigInteger(b)) >= 0 ? a : b);
        }
        LeaseTable leases = new LeaseTable(dynamo, app);
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (true) {
            Map<String, LeaseTable.Lease> now = leases.leases();
            if (last.entrySet().stream().allMatch(e -> now.containsKey(e.getKey())
                    && e.getValue().equals(now.get(e.getKey()).checkpoint()))) {
                break;
            }
            if (System.nanoTime() > deadline || !consumer.isAlive()) {
                throw new IllegalStateException("consumer did not finish; see " + work);
            }
            Thread.sleep(200);
        }
        String cpu = Files.readString(Path.of("/proc/" + consumer.pid() + "/stat"));
        String[] fields = cpu.substring(cpu.lastIndexOf(')') + 2).split(" ");
        double cpuSeconds = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0; // utime+stime, in ticks
        String peakRss = Files.readAllLines(Path.of("/proc/" + consumer.pid() + "/status")).stream()
                .filter(l -> l.startsWith("VmHWM")).findFirst().orElse("VmHWM: ?").replaceAll("\\s+", " ");
        consumer.destroy();
        consumer.waitFor();

        List<String> log = Files.readAllLines(logs.resolve("application.log"));
        LocalDateTime firstLease = firstTime(log, "Initializing record processor for shard");
        LocalDateTime lastCheckpoint = lastTime(log, "Successful checkpoint at sequence number");
        double seconds = Duration.between(firstLease, lastCheckpoint).toMillis() / 1000.0;
        long objects = log.stream().filter(l -> l.contains("Successfully uploaded data to s3 file")).count();
        System.out.printf("consumer.jar: %,d records in %.2f s from first lease to last checkpoint = %,.0f records/s; "
                        + "%d objects; CPU %.1f s; peak RSS %s%n",
                written.size(), seconds, written.size() / seconds, objects, cpuSeconds, peakRss);
    }

    private static List<StreamWriter.Written> fill(KinesisClient kinesis, String stream, int records, int threads)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<List<StreamWriter.Written>>> parts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int from = records * t / threads;
            int to = records * (t + 1) / threads;
            parts.add(pool.submit(() -> {
                List<byte[]> data = new ArrayList<>();
                for (int i = from; i < to; i++) {
                    data.add(("{\"resource\":\"/index.html\",\"referrer\":\"http://www.amazon.com\",\"browser\":"
                            + "\"Mozilla/5.0 (X11; Linux x86_64)\",\"timestamp\":\"2026-11-22T09:00:00.000Z\",\"n\":" + i + "}")
                            .getBytes(StandardCharsets.UTF_8));
                }
                return new StreamWriter(kinesis, stream).put(data);
            }));
        }
        List<StreamWriter.Written> all = new ArrayList<>();
        for (Future<List<StreamWriter.Written>> part : parts) {
            all.addAll(part.get());
        }
        pool.shutdown();
        return all;
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

    private static LocalDateTime firstTime(List<String> log, String text) {
        return log.stream().filter(l -> l.contains(text)).findFirst().map(BacklogBench::time)
                .orElseThrow(() -> new IllegalStateException("no '" + text + "' in the log"));
    }

    private static LocalDateTime lastTime(List<String> log, String text) {
        return log.stream().filter(l -> l.contains(text)).reduce((a, b) -> b).map(BacklogBench::time)
                .orElseThrow(() -> new IllegalStateException("no '" + text + "' in the log"));
    }

    private static LocalDateTime time(String line) {
        Matcher m = LOG_TIME.matcher(line);
        if (!m.find()) {
            throw new IllegalStateException("no time in " + line);
        }
        return LocalDateTime.parse(m.group(1), LOG_FORMAT);
    }

    private BacklogBench() {}
}
