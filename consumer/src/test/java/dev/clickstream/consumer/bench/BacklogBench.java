package dev.clickstream.consumer.bench;

import dev.clickstream.common.event.ClickEventCodec;
import dev.clickstream.common.event.ClickEventGenerator;
import dev.clickstream.consumer.it.ConsumerFixture;
import dev.clickstream.consumer.it.LeaseTable;
import dev.clickstream.consumer.it.StreamWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.kinesis.common.InitialPositionInStream;

/**
 * The consumer against its engine's ceiling (issues 4 and 11): fills a stream on a running local
 * stack with a backlog, then, alternately and {@code rounds} times, reads it with a bare
 * GetRecords loop (4 threads, Limit 10,000: the ceiling) and archives it with consumer.jar, started
 * as a user starts it, by bin/consumer (its JVM options), with config/local/sample.properties pointed at the bench's stream and a
 * fresh lease table, with {@code maxBufferSize} 1 MiB and the sample's {@code maxBufferAgeMillis}. Per consumer run: drain (records/s from the first lease to the last
 * checkpoint), CPU per record over the drain and over the whole run, peak RSS, the time from
 * the launch to the first object, and the time a restart with the leases in place takes
 * to its first lease. Run by consumer/bench/backlog.sh; not part of {@code mvn verify}.
 *
 * <p>Arguments: kinesisPort dynamodbPort s3Port records shards consumerJar workDir sampleProperties rounds
 */
public final class BacklogBench {
    private static final Pattern LOG_TIME = Pattern.compile("^(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3})");
    private static final DateTimeFormatter LOG_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");
    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ of /proc/<pid>/stat

    private final KinesisClient kinesis;
    private final DynamoDbClient dynamo;
    private final int kinesisPort;
    private final int dynamoPort;
    private final int s3Port;
    private final Path jar;
    private final Path work;
    private final Path sample;
    /** BENCH_BASELINE_JAR: another build of consumer.jar, run before this one in every round (an A/B of a change). */
    private final Optional<Path> baselineJar = Optional.ofNullable(System.getenv("BENCH_BASELINE_JAR")).map(Path::of);

    /** One consumer run's figures. */
    record Run(double drainPerSecond, double drainCpuMicros, double totalCpuMicros, long peakRssMb, long peakPssMb,
               double firstObjectSeconds, double restartLeaseSeconds, long objects) {
        /** The run's figures on one line, the drain against the bare loop's {@code bareRate}. */
        String describe(double bareRate) {
            return String.format("drain %,.0f records/s (%.2f of the bare loop); CPU %.1f µs/record over the drain, "
                            + "%.1f over the run; peak RSS %d MB (PSS %d MB); first object %.1f s after the launch; "
                            + "restart took its first lease %.1f s after the launch; %d objects",
                    drainPerSecond, drainPerSecond / bareRate, drainCpuMicros, totalCpuMicros, peakRssMb, peakPssMb,
                    firstObjectSeconds, restartLeaseSeconds, objects);
        }
    }

    /** A CPU reading of the consumer's process. */
    record CpuSample(LocalDateTime at, double cpuSeconds) {}

    /** Extra consumer settings of the next run (parquet.sh: raw for the baseline, Parquet for this run). */
    private Map<String, String> settings = settings("BENCH_SETTINGS");

    /** {@code key=value;key=value} from the environment variable {@code name}. */
    private static Map<String, String> settings(String name) {
        Map<String, String> settings = new java.util.LinkedHashMap<>();
        for (String pair : Optional.ofNullable(System.getenv(name)).orElse("").split(";")) {
            if (pair.contains("=")) {
                settings.put(pair.substring(0, pair.indexOf('=')).trim(), pair.substring(pair.indexOf('=') + 1).trim());
            }
        }
        return settings;
    }

    private BacklogBench(String[] args) {
        kinesisPort = Integer.parseInt(args[0]);
        dynamoPort = Integer.parseInt(args[1]);
        s3Port = Integer.parseInt(args[2]);
        jar = Path.of(args[5]);
        work = Path.of(args[6]);
        sample = Path.of(args[7]);
        kinesis = BareGetRecordsLoop.kinesis(kinesisPort);
        dynamo = BareGetRecordsLoop.dynamo(dynamoPort);
    }

    public static void main(String[] args) throws Exception {
        int records = Integer.parseInt(args[3]);
        int shards = Integer.parseInt(args[4]);
        int rounds = Integer.parseInt(args[8]);
        BacklogBench bench = new BacklogBench(args);
        Files.createDirectories(bench.work);

        String stream = "bench-" + System.currentTimeMillis();
        BareGetRecordsLoop.createActiveStream(bench.kinesis, stream, shards);
        long fillStart = System.nanoTime();
        List<StreamWriter.Written> written = fill(bench.kinesis, stream, records, shards);
        double fillSeconds = (System.nanoTime() - fillStart) / 1e9;
        System.out.printf("backlog: %,d records (%,d bytes each on average) over %d shards, filled in %.1f s (%,.0f records/s)%n",
                written.size(), written.stream().mapToInt(w -> w.data().length).sum() / Math.max(1, written.size()),
                shards, fillSeconds, written.size() / fillSeconds);
        Map<String, String> last = ConsumerFixture.lastSequenceByShard(written);

        List<BareGetRecordsLoop.Result> bare = new ArrayList<>();
        List<Run> runs = new ArrayList<>();
        List<Run> baselineRuns = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            BareGetRecordsLoop.Result loop = bench.bareLoop(stream);
            bare.add(loop);
            double rate = loop.recordsPerSecond();
            System.out.printf("round %d: bare GetRecords loop: %,d records = %,.0f records/s, CPU %.1f µs/record%n",
                    round, loop.records(), rate, loop.cpuMicrosPerRecord());
            if (bench.baselineJar.isPresent()) {
                bench.settings = settings("BENCH_BASELINE_SETTINGS");
                Run before = bench.consumer(bench.baselineJar.get(), stream, stream + "-b" + round, last, written.size());
                bench.settings = settings("BENCH_SETTINGS");
                baselineRuns.add(before);
                System.out.printf("round %d: baseline %s: %s%n", round, bench.baselineJar.get(), before.describe(rate));
            }
            Run run = bench.consumer(bench.jar, stream, stream + "-r" + round, last, written.size());
            runs.add(run);
            System.out.printf("round %d: consumer.jar: %s%n", round, run.describe(rate));
        }
        System.out.println();
        System.out.println("| round | bare loop rec/s | consumer drain rec/s | ratio | bare loop CPU µs/rec "
                + "| CPU µs/rec drain | drain CPU / bare | CPU µs/rec run "
                + "| peak RSS MB | peak PSS MB | first object s | restart first lease s |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (int i = 0; i < runs.size(); i++) {
            Run r = runs.get(i);
            BareGetRecordsLoop.Result b = bare.get(i);
            System.out.printf("| %d | %,.0f | %,.0f | %.2f | %.1f | %.1f | %.2f | %.1f | %d | %d | %.1f | %.1f |%n", i + 1,
                    b.recordsPerSecond(), r.drainPerSecond(), r.drainPerSecond() / b.recordsPerSecond(),
                    b.cpuMicrosPerRecord(), r.drainCpuMicros(), r.drainCpuMicros() / b.cpuMicrosPerRecord(),
                    r.totalCpuMicros(),
                    r.peakRssMb(), r.peakPssMb(), r.firstObjectSeconds(), r.restartLeaseSeconds());
        }
        for (int i = 0; i < baselineRuns.size(); i++) {
            Run b = baselineRuns.get(i);
            Run r = runs.get(i);
            System.out.printf("round %d, this jar / the baseline jar: drain %.2f, CPU drain %.2f, CPU run %.2f, peak RSS %.2f%n",
                    i + 1, r.drainPerSecond() / b.drainPerSecond(), r.drainCpuMicros() / b.drainCpuMicros(),
                    r.totalCpuMicros() / b.totalCpuMicros(), (double) r.peakRssMb() / b.peakRssMb());
        }
    }

    /** One consumer run over the whole backlog on a fresh lease table, then a restart with its leases. */
    private Run consumer(Path jar, String stream, String name, Map<String, String> last, int records)
            throws Exception {
        Path props = properties(stream, name);
        Path logs = work.resolve("logs-" + name);
        LocalDateTime started = LocalDateTime.now();
        Process consumer = start(jar, props, logs, name);
        List<CpuSample> cpu = new CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicLong peakPssKb = new java.util.concurrent.atomic.AtomicLong();
        Map<String, ThreadCpu> threadsSeen = new java.util.concurrent.ConcurrentHashMap<>();
        Thread sampler = new Thread(() -> {
            for (long reading = 0; consumer.isAlive(); reading++) {
                cpuSeconds(consumer.pid()).ifPresent(s -> cpu.add(new CpuSample(LocalDateTime.now(), s)));
                pssKb(consumer.pid()).ifPresent(kb -> peakPssKb.accumulateAndGet(kb, Math::max));
                if (reading % 5 == 0) {
                    threadsSeen.putAll(threadReadings(consumer.pid()));
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "cpu-sampler");
        sampler.setDaemon(true);
        sampler.start();
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        // the end is read from the consumer's own log, not by scanning the lease table: a scan every
        // 100 ms would load the engine the consumer reads from, and not the bare loop's
        Path logFile = logs.resolve("application.log");
        while (true) {
            String text = Files.exists(logFile) ? Files.readString(logFile) : "";
            if (last.values().stream().allMatch(seq -> text.contains("Successful checkpoint at sequence number: " + seq))) {
                break;
            }
            if (System.nanoTime() > deadline || !consumer.isAlive()) {
                throw new IllegalStateException("consumer did not finish; see " + logs);
            }
            Thread.sleep(100);
        }
        double totalCpu = cpuSeconds(consumer.pid()).orElseThrow();
        System.out.println("  CPU by thread over the run: " + threadCpu(consumer.pid(), totalCpu, threadsSeen));
        // bin/consumer execs the JVM: one process (anything it started would count too)
        long peakRssKb = 0;
        for (ProcessHandle p : processes(consumer.pid())) {
            peakRssKb += Files.readAllLines(Path.of("/proc/" + p.pid() + "/status")).stream()
                    .filter(l -> l.startsWith("VmHWM")).findFirst().map(l -> Long.parseLong(l.replaceAll("\\D", "")))
                    .orElseThrow();
        }
        stop(consumer);
        sampler.join();

        List<String> log = Files.readAllLines(logs.resolve("application.log"));
        LocalDateTime firstLease = firstTime(log, "Initializing record processor for shard");
        LocalDateTime lastCheckpoint = lastTime(log, "Successful checkpoint at sequence number");
        LocalDateTime firstObject = firstTime(log, "Successfully uploaded data to s3 file");
        double drainSeconds = Duration.between(firstLease, lastCheckpoint).toMillis() / 1000.0;
        double drainCpu = cpuAt(cpu, lastCheckpoint) - cpuAt(cpu, firstLease);
        long objects = log.stream().filter(l -> l.contains("Successfully uploaded data to s3 file")).count();
        if (log.stream().anyMatch(l -> l.contains("Successfully uploaded data to s3 file: errors/"))) {
            // a Parquet archiver that made no rows measured its error path, not Parquet
            throw new IllegalStateException(name + ": records went to the error prefix (errors/): the figures would not "
                    + "measure the archive's format");
        }

        // a restart finds its leases in the table
        Path restartLogs = work.resolve("logs-" + name + "-restart");
        LocalDateTime restarted = LocalDateTime.now();
        Process again = start(jar, props, restartLogs, name + "-restart");
        LocalDateTime restartLease = null;
        while (restartLease == null && System.nanoTime() < deadline && again.isAlive()) {
            Thread.sleep(100);
            Path file = restartLogs.resolve("application.log");
            if (Files.exists(file)) {
                restartLease = Files.readAllLines(file).stream().filter(l -> l.contains("Initializing record processor"))
                        .findFirst().map(BacklogBench::time).orElse(null);
            }
        }
        stop(again);
        LeaseTable leases = new LeaseTable(dynamo, name);
        Map<String, LeaseTable.Lease> table = leases.leases();
        if (!last.entrySet().stream().allMatch(e -> table.containsKey(e.getKey())
                && e.getValue().equals(table.get(e.getKey()).checkpoint()))) {
            throw new IllegalStateException("the lease table does not hold the last checkpoints; see " + logs);
        }
        if (restartLease == null) {
            throw new IllegalStateException("the restarted consumer took no lease; see " + restartLogs);
        }
        return new Run(records / drainSeconds, drainCpu * 1e6 / records, totalCpu * 1e6 / records, peakRssKb / 1024,
                peakPssKb.get() / 1024,
                Duration.between(started, firstObject).toMillis() / 1000.0,
                Duration.between(restarted, restartLease).toMillis() / 1000.0, objects);
    }

    /** config/local/sample.properties, pointed at this bench's stack, stream, lease table and bucket. */
    private Path properties(String stream, String name) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(sample, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        p.setProperty("streamName", stream);
        p.setProperty("applicationName", name);
        p.setProperty("initialPositionInStream", InitialPositionInStream.TRIM_HORIZON.name());
        p.setProperty("kinesisEndpoint", "http://127.0.0.1:" + kinesisPort);
        p.setProperty("dynamoDBEndpoint", "http://127.0.0.1:" + dynamoPort);
        p.setProperty("s3Endpoint", "http://127.0.0.1:" + s3Port);
        p.setProperty("s3.bucket", name);
        p.setProperty("maxBufferSize", "1048576");
        settings.forEach(p::setProperty);
        Path file = work.resolve(name + ".properties");
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(out, "consumer/bench/backlog.sh: " + sample + " for " + stream);
        }
        return file;
    }

    /** The bare loop in a JVM of its own, fresh each round as the consumer's is. */
    private BareGetRecordsLoop.Result bareLoop(String stream) throws Exception {
        Process loop = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), BareGetRecordsLoop.class.getName(),
                String.valueOf(kinesisPort), stream)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(loop.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (loop.waitFor() != 0) {
            throw new IllegalStateException("the bare loop failed: " + out);
        }
        return BareGetRecordsLoop.Result.parse(out);
    }

    private Process start(Path jar, Path props, Path logs, String name) throws IOException {
        ProcessBuilder builder = ConsumerLaunch.of(jar, props)
                .redirectOutput(work.resolve("consumer-" + name + ".out").toFile())
                .redirectErrorStream(true)
                .directory(work.toFile());
        builder.environment().put("LOG_DIR", logs.toString());
        // for diagnosis only (a profiler, NMT); the figures are made without it
        Optional.ofNullable(System.getenv("BENCH_JAVA_OPTIONS"))
                .ifPresent(o -> builder.environment().put("JAVA_OPTS", o.replace("NAME", name)));
        return builder.start();
    }

    static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
        }
    }

    /** The process and all it started. */
    static List<ProcessHandle> processes(long pid) {
        ProcessHandle self = ProcessHandle.of(pid).orElseThrow();
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(self), self.descendants()).toList();
    }

    /** CPU seconds of the process and its descendants, while they live. */
    static Optional<Double> cpuSeconds(long pid) {
        try {
            double total = 0;
            for (ProcessHandle p : processes(pid)) {
                total += cpuSeconds(Files.readString(Path.of("/proc/" + p.pid() + "/stat")));
            }
            return Optional.of(total);
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // the process is gone
        }
    }

    /** User plus system CPU of a /proc/PID/stat or /proc/PID/task/TID/stat line. */
    private static double cpuSeconds(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
    }

    /**
     * The CPU of the process and its descendants by thread name (digits folded, so a pool is
     * one group), largest first: where the time goes, without a profiler. {@code seen} holds the
     * sampler's last reading of every thread, so a thread that ended before the end of the run
     * still counts under its name, as "NAME (ended)"; what ended between two readings is "ended
     * unseen".
     */
    private static String threadCpu(long pid, double totalCpu, Map<String, ThreadCpu> seen) {
        Map<String, ThreadCpu> now = threadReadings(pid);
        Map<String, Double> byName = new java.util.TreeMap<>();
        now.values().forEach(t -> byName.merge(t.name(), t.seconds(), Double::sum));
        seen.forEach((task, t) -> {
            if (!now.containsKey(task)) {
                byName.merge(t.name() + " (ended)", t.seconds(), Double::sum);
            }
        });
        byName.put("ended unseen", Math.max(0, totalCpu - byName.values().stream().mapToDouble(Double::doubleValue).sum()));
        return byName.entrySet().stream().filter(e -> e.getValue() >= 0.05)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .map(e -> String.format("%s %.1f s (%.0f %%)", e.getKey(), e.getValue(), 100 * e.getValue() / totalCpu))
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /** One thread's name (digits folded) and CPU seconds so far. */
    record ThreadCpu(String name, double seconds) {}

    /** The threads of the process and its descendants now, by "pid/tid". */
    static Map<String, ThreadCpu> threadReadings(long pid) {
        Map<String, ThreadCpu> threads = new java.util.HashMap<>();
        for (ProcessHandle p : processes(pid)) {
            try (var tasks = Files.list(Path.of("/proc/" + p.pid() + "/task"))) {
                for (Path task : (Iterable<Path>) tasks::iterator) {
                    try {
                        String stat = Files.readString(task.resolve("stat"));
                        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
                                .replaceAll("[0-9]+", "#");
                        threads.put(p.pid() + "/" + task.getFileName(), new ThreadCpu(name, cpuSeconds(stat)));
                    } catch (IOException | RuntimeException e) {
                        // the thread ended while being read
                    }
                }
            } catch (IOException | RuntimeException e) {
                // the process ended
            }
        }
        return threads;
    }

    /**
     * Proportional set size of the process and its descendants: pages the two JVMs share (libjvm,
     * the CDS archive) count once, split between them, where summed RSS counts them twice.
     */
    private static Optional<Long> pssKb(long pid) {
        try {
            long total = 0;
            for (ProcessHandle p : processes(pid)) {
                total += Files.readAllLines(Path.of("/proc/" + p.pid() + "/smaps_rollup")).stream()
                        .filter(l -> l.startsWith("Pss:")).findFirst()
                        .map(l -> Long.parseLong(l.replaceAll("\\D", ""))).orElse(0L);
            }
            return Optional.of(total);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The CPU seconds at a moment, from the nearest sample at or before it (100 ms apart). */
    private static double cpuAt(List<CpuSample> samples, LocalDateTime at) {
        double value = 0;
        for (CpuSample s : samples) {
            if (s.at().isAfter(at)) {
                break;
            }
            value = s.cpuSeconds();
        }
        return value;
    }

    /** One writing thread per shard. */
    private static List<StreamWriter.Written> fill(KinesisClient kinesis, String stream, int records, int shards)
            throws Exception {
        boolean clicks = "clicks".equals(System.getenv("BENCH_BACKLOG"));
        ExecutorService pool = Executors.newFixedThreadPool(shards);
        List<Future<List<StreamWriter.Written>>> parts = new ArrayList<>();
        for (int t = 0; t < shards; t++) {
            int from = records * t / shards;
            int to = records * (t + 1) / shards;
            parts.add(pool.submit(() -> clicks ? clicks(kinesis, stream, from, to, shards) : numbered(kinesis, stream, from, to)));
        }
        List<StreamWriter.Written> all = new ArrayList<>();
        for (Future<List<StreamWriter.Written>> part : parts) {
            all.addAll(part.get());
        }
        pool.shutdown();
        return all;
    }

    /** The issue 11 backlog: 71-byte click events, numbered, with random partition keys. */
    private static List<StreamWriter.Written> numbered(KinesisClient kinesis, String stream, int from, int to) {
        List<byte[]> data = new ArrayList<>();
        for (int i = from; i < to; i++) {
            // the issue's 71-byte records: a click event as the producer writes it, numbered; the number
            // space-padded, not zero-padded, so that it is JSON (a Parquet archiver makes rows of it)
            data.add(String.format("{\"resource\":\"/index.html\",\"referrer\":\"http://www.amazon.com\",\"n\":%6d}", i)
                    .getBytes(StandardCharsets.UTF_8));
        }
        return new StreamWriter(kinesis, stream).put(data);
    }

    /**
     * BENCH_BACKLOG=clicks: the producer's records, as its defaults make them ({@link ClickEventGenerator}
     * with one resource per shard), the resource as partition key.
     */
    private static List<StreamWriter.Written> clicks(KinesisClient kinesis, String stream, int from, int to,
                                                     int resources) {
        ClickEventGenerator events = new ClickEventGenerator(resources, from);
        List<byte[]> data = new ArrayList<>();
        for (int i = from; i < to; i++) {
            data.add(ClickEventCodec.toJson(events.next()));
        }
        return new StreamWriter(kinesis, stream).put(data, d -> ClickEventCodec.parse(d).orElseThrow().resource());
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
}
