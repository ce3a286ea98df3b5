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
 * (the archiver has been quiet for over a minute by then), and how long after it was put it was
 * archived (an object in S3) and counted (an item in the counts table). Run by
 * consumer/bench/idle.sh; not part of {@code mvn verify}.
 *
 * <p>Arguments: kinesisPort dynamodbPort s3Port shards consumerJar workDir sampleProperties
 * counterProperties rounds quietSeconds s3Root
 */
public final class IdleBench {
    private static final long SETTLE_MILLIS = 15_000;

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
               long archiverRssMb, long archiverThreads, double archivedAfter, double countedAfter) {
        String row(int round) {
            return String.format("| %d | %s | %.1f | %.1f | %.1f | %.1f | %d | %d | %.2f | %.2f |", round, variant,
                    archiverCpu, engineAloneCpu, counterCpu, engineBothCpu, archiverRssMb, archiverThreads,
                    archivedAfter, countedAfter);
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
                + "| engine CPU %, both | archiver RSS MB | archiver threads | first record archived after s "
                + "| counted after s |");
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

            String resource = "/idle-probe-" + name;
            long put = System.nanoTime();
            kinesis.putRecord(r -> r.streamName(stream).partitionKey(name).data(SdkBytes.fromUtf8String(
                    "{\"resource\":\"" + resource + "\",\"referrer\":\"http://probe.example\"}")));
            double archivedAfter = -1;
            double countedAfter = -1;
            while ((archivedAfter < 0 || countedAfter < 0) && System.nanoTime() - put < 60_000_000_000L) {
                if (archivedAfter < 0 && hasObject(bucket)) {
                    archivedAfter = (System.nanoTime() - put) / 1e9;
                }
                if (countedAfter < 0 && counted(table, resource)) {
                    countedAfter = (System.nanoTime() - put) / 1e9;
                }
                Thread.sleep(20);
            }
            Run run = new Run(variant, alone[0], alone[1], both[0], both[1], rssKb / 1024, threads, archivedAfter,
                    countedAfter);
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

    private boolean hasObject(String bucket) throws IOException {
        Path dir = s3Root.resolve(bucket);
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
