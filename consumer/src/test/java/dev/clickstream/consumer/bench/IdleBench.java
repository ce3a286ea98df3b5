package dev.clickstream.consumer.bench;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * What a stream at rest costs (issue 28): the archiver and the counter, as the quick start runs
 * them (config/local/sample.properties and counter.properties pointed at this bench's stack), on
 * a fresh stream of {@code shards} shards that receives nothing. Alternately, {@code rounds} times:
 * the archiver without the quiet-shard back-off ({@code maxIdleTimeBetweenReadsInMillis} 0, the
 * baseline) and as shipped. Per run: the archiver alone, once it owns every shard and has settled,
 * its CPU and the engine's (kinesalite) over {@code quietSeconds} of quiet, its RSS and threads;
 * then the counter beside it, the counter's CPU and the engine's over half that; then one record
 * into each of 8 shards (quiet for over a minute by then), and how long after its put each was
 * archived (an object in S3) and counted (an item in the counts table): median and worst. Run by
 * consumer/bench/idle.sh; not part of {@code mvn verify}.
 *
 * <p>Arguments: kinesisPort dynamodbPort s3Port shards consumerJar workDir sampleProperties
 * counterProperties rounds quietSeconds s3Root
 */
public final class IdleBench {
    private static final long SETTLE_MILLIS = 15_000;
    /** Shards that get a first record after quiet, each run. */
    private static final int PROBES = 8;

    private final int kinesisPort;
    private final int dynamoPort;
    private final int s3Port;
    private final int shards;
    private final Path jar;
    private final Path work;
    private final Path sample;
    private final Path counter;
    private final int quietSeconds;
    private final Path s3Root;
    private final KinesisClient kinesis;
    private final DynamoDbClient dynamo;

    record Run(String variant, double archiverCpu, double engineAloneCpu, double counterCpu, double engineBothCpu,
               long archiverRssMb, long archiverThreads, double[] archivedAfter, double[] countedAfter) {
        String row(int round) {
            return String.format("| %d | %s | %.1f | %.1f | %.1f | %.1f | %d | %d | %s | %s |", round, variant,
                    archiverCpu, engineAloneCpu, counterCpu, engineBothCpu, archiverRssMb, archiverThreads,
                    medianAndMax(archivedAfter), medianAndMax(countedAfter));
        }

        private static String medianAndMax(double[] seconds) {
            double[] sorted = seconds.clone();
            java.util.Arrays.sort(sorted);
            return String.format("%.2f / %.2f", sorted[(sorted.length - 1) / 2], sorted[sorted.length - 1]);
        }
    }

    private IdleBench(String[] args) {
        kinesisPort = Integer.parseInt(args[0]);
        dynamoPort = Integer.parseInt(args[1]);
        s3Port = Integer.parseInt(args[2]);
        shards = Integer.parseInt(args[3]);
        jar = Path.of(args[4]);
        work = Path.of(args[5]);
        sample = Path.of(args[6]);
        counter = Path.of(args[7]);
        quietSeconds = Integer.parseInt(args[9]);
        s3Root = Path.of(args[10]);
        kinesis = BareGetRecordsLoop.kinesis(kinesisPort);
        dynamo = BareGetRecordsLoop.dynamo(dynamoPort);
    }

    public static void main(String[] args) throws Exception {
        IdleBench bench = new IdleBench(args);
        int rounds = Integer.parseInt(args[8]);
        Files.createDirectories(bench.work);
        List<String> rows = new ArrayList<>();
        List<Run[]> pairs = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            Run baseline = bench.run("r" + round + "-base", "no back-off", Optional.of("0"));
            Run shipped = bench.run("r" + round + "-ship", "shipped", Optional.empty());
            rows.add(baseline.row(round));
            rows.add(shipped.row(round));
            pairs.add(new Run[] {baseline, shipped});
        }
        System.out.println();
        System.out.printf("%d shards at rest, quiet %d s; CPU in %% of one core; engine alone with the archiver, "
                + "then with both%n", bench.shards, bench.quietSeconds);
        System.out.println("| round | archiver | archiver CPU % | engine CPU %, archiver alone | counter CPU % "
                + "| engine CPU %, both | archiver RSS MB | archiver threads | first record archived after s, "
                + "median / max of " + PROBES + " shards | counted after s, median / max |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
        for (int i = 0; i < pairs.size(); i++) {
            Run[] p = pairs.get(i);
            System.out.printf("round %d, shipped / no back-off: archiver CPU %.2f, engine CPU (archiver alone) %.2f%n",
                    i + 1, p[1].archiverCpu() / p[0].archiverCpu(), p[1].engineAloneCpu() / p[0].engineAloneCpu());
        }
    }

    /**
     * One run on a fresh stream (kinesalite counts every stream's shards against its shard limit, so
     * it is deleted after): the archiver alone, then the counter beside it, then one record.
     */
    private Run run(String name, String variant, Optional<String> maxIdle) throws Exception {
        String stream = "idle-" + name + "-" + System.currentTimeMillis();
        BareGetRecordsLoop.createActiveStream(kinesis, stream, shards);
        String bucket = "idle-" + name;
        Properties archiverProps = load(sample);
        point(archiverProps, stream, stream + "-archiver");
        archiverProps.setProperty("s3.bucket", bucket);
        maxIdle.ifPresent(v -> archiverProps.setProperty("maxIdleTimeBetweenReadsInMillis", v));
        Properties counterProps = load(counter);
        point(counterProps, stream, stream + "-counter");
        String table = stream + "-counts";
        counterProps.setProperty("countsTable", table);

        Process archiver = start(store(archiverProps, name + "-archiver"), name + "-archiver");
        Process counting = null;
        try {
            awaitLine(name + "-archiver", "shards " + shards + " |");
            Thread.sleep(SETTLE_MILLIS);
            long engine = enginePid();
            Map<String, BacklogBench.ThreadCpu> threadsBefore = BacklogBench.threadReadings(archiver.pid());
            double[] alone = cpuOver(quietSeconds, archiver.pid(), engine);
            System.out.println(name + ": archiver CPU by thread over the quiet: "
                    + byThread(threadsBefore, BacklogBench.threadReadings(archiver.pid()), alone[2]));
            long rssKb = 0;
            long threads = 0;
            for (ProcessHandle p : BacklogBench.processes(archiver.pid())) {
                List<String> status = Files.readAllLines(Path.of("/proc/" + p.pid() + "/status"));
                rssKb += field(status, "VmRSS");
                threads += field(status, "Threads");
            }

            counting = start(store(counterProps, name + "-counter"), name + "-counter");
            awaitLine(name + "-counter", "shards " + shards + " |");
            Thread.sleep(SETTLE_MILLIS);
            double[] both = cpuOver(quietSeconds / 2, counting.pid(), engine);

            double[][] after = probe(stream, name, bucket, table);
            Run run = new Run(variant, alone[0], alone[1], both[0], both[1], rssKb / 1024, threads, after[0], after[1]);
            System.out.println(name + ": " + run.row(0));
            return run;
        } finally {
            BacklogBench.stop(archiver);
            if (counting != null) {
                BacklogBench.stop(counting);
            }
            kinesis.deleteStream(r -> r.streamName(stream));
        }
    }

    /**
     * One record into each of {@link #PROBES} shards spread over the stream, all quiet until then, put
     * one after the other: each is a first record after quiet, met at its own point of its shard's
     * back-off. Returns, per record, how long after its put it was archived (an object under its
     * shard) and counted (an item for its resource); -1 when not within a minute.
     */
    private double[][] probe(String stream, String name, String bucket, String table) throws Exception {
        List<software.amazon.awssdk.services.kinesis.model.Shard> all = new ArrayList<>();
        String next = null;
        do {
            String token = next;
            var page = kinesis.listShards(r -> {
                if (token == null) {
                    r.streamName(stream);
                } else {
                    r.nextToken(token);
                }
            });
            all.addAll(page.shards());
            next = page.nextToken();
        } while (next != null);
        int n = Math.min(PROBES, all.size());
        String[] shardIds = new String[n];
        String[] resources = new String[n];
        long[] put = new long[n];
        for (int i = 0; i < n; i++) {
            var shard = all.get(i * all.size() / n);
            shardIds[i] = shard.shardId();
            resources[i] = "/idle-probe-" + name + "-" + i;
            String data = "{\"resource\":\"" + resources[i] + "\",\"referrer\":\"http://probe.example\"}";
            put[i] = System.nanoTime();
            kinesis.putRecord(r -> r.streamName(stream).partitionKey(name)
                    .explicitHashKey(shard.hashKeyRange().startingHashKey()).data(SdkBytes.fromUtf8String(data)));
        }
        double[][] after = new double[2][n];
        for (double[] a : after) {
            java.util.Arrays.fill(a, -1);
        }
        int left = 2 * n;
        while (left > 0 && System.nanoTime() - put[0] < 60_000_000_000L) {
            for (int i = 0; i < n; i++) {
                if (after[0][i] < 0 && hasObject(bucket, shardIds[i])) {
                    after[0][i] = (System.nanoTime() - put[i]) / 1e9;
                    left--;
                }
                if (after[1][i] < 0 && counted(table, resources[i])) {
                    after[1][i] = (System.nanoTime() - put[i]) / 1e9;
                    left--;
                }
            }
            Thread.sleep(20);
        }
        return after;
    }

    /** CPU of a process (with its descendants) and of the engine over {@code seconds}, in % of a core, and the process's CPU seconds. */
    static double[] cpuOver(int seconds, long pid, long engine) throws InterruptedException {
        double p0 = BacklogBench.cpuSeconds(pid).orElseThrow();
        double e0 = BacklogBench.cpuSeconds(engine).orElseThrow();
        long t0 = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        double elapsed = (System.nanoTime() - t0) / 1e9;
        double p1 = BacklogBench.cpuSeconds(pid).orElseThrow();
        double e1 = BacklogBench.cpuSeconds(engine).orElseThrow();
        return new double[] {100 * (p1 - p0) / elapsed, 100 * (e1 - e0) / elapsed, p1 - p0};
    }

    /** The CPU seconds each thread name took between two readings, largest first. */
    private static String byThread(Map<String, BacklogBench.ThreadCpu> before, Map<String, BacklogBench.ThreadCpu> after,
                                   double total) {
        Map<String, Double> byName = new java.util.TreeMap<>();
        after.forEach((task, t) -> byName.merge(t.name(),
                t.seconds() - (before.containsKey(task) ? before.get(task).seconds() : 0), Double::sum));
        return byName.entrySet().stream().filter(e -> e.getValue() >= 0.05)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(8)
                .map(e -> String.format("%s %.2f s (%.0f %%)", e.getKey(), e.getValue(), 100 * e.getValue() / total))
                .collect(java.util.stream.Collectors.joining(", "));
    }

    private boolean hasObject(String bucket, String shardId) throws IOException {
        Path dir = s3Root.resolve(bucket).resolve(shardId);
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.anyMatch(f -> Files.isRegularFile(f) && !f.getFileName().toString().startsWith("."));
        }
    }

    private boolean counted(String table, String resource) {
        try {
            return dynamo.query(q -> q.tableName(table).keyConditionExpression("#r = :r")
                    .expressionAttributeNames(Map.of("#r", "resource"))
                    .expressionAttributeValues(Map.of(":r", AttributeValue.fromS(resource)))).count() > 0;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private long enginePid() {
        return enginePid(kinesisPort);
    }

    /** The kinesalite process serving {@code kinesisPort}. */
    static long enginePid(int kinesisPort) {
        String port = "--port " + kinesisPort;
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine()
                        .filter(c -> c.contains("kinesalite") && c.contains(port)).isPresent())
                .findFirst().orElseThrow(() -> new IllegalStateException("no kinesalite on port " + kinesisPort)).pid();
    }

    private static long field(List<String> status, String name) {
        return status.stream().filter(l -> l.startsWith(name + ":")).findFirst()
                .map(l -> Long.parseLong(l.replaceAll("\\D", ""))).orElse(0L);
    }

    private void awaitLine(String name, String text) throws Exception {
        Path out = work.resolve(name + ".out");
        long deadline = System.nanoTime() + 180_000_000_000L;
        while (!(Files.exists(out) && Files.readString(out).contains(text))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " did not print '" + text + "'; see " + out);
            }
            Thread.sleep(200);
        }
    }

    static Properties load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        return p;
    }

    private void point(Properties p, String stream, String application) {
        p.setProperty("streamName", stream);
        p.setProperty("applicationName", application);
        p.setProperty("kinesisEndpoint", "http://127.0.0.1:" + kinesisPort);
        p.setProperty("dynamoDBEndpoint", "http://127.0.0.1:" + dynamoPort);
        p.setProperty("s3Endpoint", "http://127.0.0.1:" + s3Port);
    }

    private Path store(Properties p, String name) throws IOException {
        Path file = work.resolve(name + ".properties");
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(out, "consumer/bench/idle.sh");
        }
        return file;
    }

    private Process start(Path props, String name) throws IOException {
        return ConsumerLaunch.start(jar, props, work, name);
    }
}
