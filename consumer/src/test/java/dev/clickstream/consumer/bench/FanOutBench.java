package dev.clickstream.consumer.bench;

import dev.clickstream.consumer.config.ConfigSource;
import dev.clickstream.consumer.config.ConsumerConfig;
import dev.clickstream.consumer.kcl.AwsClients;
import dev.clickstream.consumer.kcl.SchedulerFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.kinesis.coordinator.Scheduler;
import software.amazon.kinesis.lifecycle.events.InitializationInput;
import software.amazon.kinesis.lifecycle.events.LeaseLostInput;
import software.amazon.kinesis.lifecycle.events.ProcessRecordsInput;
import software.amazon.kinesis.lifecycle.events.ShardEndedInput;
import software.amazon.kinesis.lifecycle.events.ShutdownRequestedInput;
import software.amazon.kinesis.processor.ShardRecordProcessor;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

/**
 * POLLING against FANOUT on one stack (issue 31): the real KCL, built by the consumer's own
 * {@link AwsClients} and {@link SchedulerFactory} from config/local/sample.properties (only
 * retrievalMode differs), in a JVM of its own with bin/consumer's JVM options, runs a processor
 * that only notes, for each record, how long after its put (the put's wall-clock time is in the
 * record) processRecords got it. Alternately, {@code rounds} times, each mode on a fresh stream:
 * once every shard is initialised and settled, the consumer's and the engine's CPU over
 * {@code idleSeconds} of quiet (per shard); then {@code rate} records a second, 3 s of warm-up and
 * {@code loadSeconds} measured: the put-to-processRecords p50 and p99, and the consumer's and the
 * engine's CPU per record from the first put until every record arrived. Run by
 * consumer/bench/fanout.sh; not part of {@code mvn verify}.
 *
 * <p>Arguments: kinesisPort dynamodbPort s3Port shards rounds idleSeconds loadSeconds rate
 * sampleProperties workDir childClassPath childJvmOptions. With first argument {@code consume}
 * and a properties file: the measuring consumer, driven by commands on its stdin.
 */
public final class FanOutBench {
    private static final long SETTLE_MILLIS = 10_000;
    private static final int RECORD_BYTES = 100;
    private static final int WARM_UP_SECONDS = 3;

    record Run(String mode, double p50Millis, double p99Millis, double cpuMicrosPerRecord,
               double engineMicrosPerRecord, double idleCpuPerShard, double engineIdleCpuPerShard, long records) {
        String row(int round) {
            return String.format(Locale.ROOT, "| %d | %s | %.1f | %.1f | %.0f | %.0f | %.3f | %.3f | %d |", round, mode,
                    p50Millis, p99Millis, cpuMicrosPerRecord, engineMicrosPerRecord, idleCpuPerShard,
                    engineIdleCpuPerShard, records);
        }
    }

    private final int kinesisPort;
    private final int dynamoPort;
    private final int s3Port;
    private final int shards;
    private final int idleSeconds;
    private final int loadSeconds;
    private final int rate;
    private final Path sample;
    private final Path work;
    private final String childClassPath;
    private final List<String> childJvmOptions;
    private final KinesisClient kinesis;

    private FanOutBench(String[] args) {
        kinesisPort = Integer.parseInt(args[0]);
        dynamoPort = Integer.parseInt(args[1]);
        s3Port = Integer.parseInt(args[2]);
        shards = Integer.parseInt(args[3]);
        idleSeconds = Integer.parseInt(args[5]);
        loadSeconds = Integer.parseInt(args[6]);
        rate = Integer.parseInt(args[7]);
        sample = Path.of(args[8]);
        work = Path.of(args[9]);
        childClassPath = args[10];
        childJvmOptions = args.length > 11 && !args[11].isBlank() ? List.of(args[11].trim().split("\\s+")) : List.of();
        kinesis = BareGetRecordsLoop.kinesis(kinesisPort);
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("consume")) {
            Consume.run(Path.of(args[1]));
            return;
        }
        FanOutBench bench = new FanOutBench(args);
        int rounds = Integer.parseInt(args[4]);
        List<String> rows = new ArrayList<>();
        List<Run[]> pairs = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            Run polling = bench.run("r" + round + "-polling", "POLLING");
            Run fanOut = bench.run("r" + round + "-fanout", "FANOUT");
            rows.add(polling.row(round));
            rows.add(fanOut.row(round));
            pairs.add(new Run[] {polling, fanOut});
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "%d shards; %d records/s for %d s; quiet %d s; CPU in %% of one core%n",
                bench.shards, bench.rate, bench.loadSeconds, bench.idleSeconds);
        System.out.println("| round | mode | put to processRecords p50 ms | p99 ms | consumer CPU µs/record "
                + "| engine CPU µs/record | consumer idle CPU %/shard | engine idle CPU %/shard | records |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
        for (int i = 0; i < pairs.size(); i++) {
            Run p = pairs.get(i)[0];
            Run f = pairs.get(i)[1];
            System.out.printf(Locale.ROOT, "round %d, FANOUT / POLLING: p50 %.2f, p99 %.2f, consumer CPU per record %.2f, "
                            + "engine CPU per record %.2f, consumer idle CPU per shard %.2f, engine idle CPU per shard %.2f%n",
                    i + 1, f.p50Millis() / p.p50Millis(), f.p99Millis() / p.p99Millis(),
                    f.cpuMicrosPerRecord() / p.cpuMicrosPerRecord(), f.engineMicrosPerRecord() / p.engineMicrosPerRecord(),
                    f.idleCpuPerShard() / p.idleCpuPerShard(), f.engineIdleCpuPerShard() / p.engineIdleCpuPerShard());
        }
    }

    /** One mode on a fresh stream (deleted after, with its stream consumers). */
    private Run run(String name, String mode) throws Exception {
        String stream = "fanout-bench-" + name + "-" + System.currentTimeMillis();
        BareGetRecordsLoop.createActiveStream(kinesis, stream, shards);
        Properties props = IdleBench.load(sample);
        props.setProperty("streamName", stream);
        props.setProperty("applicationName", stream);
        props.setProperty("kinesisEndpoint", "http://127.0.0.1:" + kinesisPort);
        props.setProperty("dynamoDBEndpoint", "http://127.0.0.1:" + dynamoPort);
        props.setProperty("s3Endpoint", "http://127.0.0.1:" + s3Port);
        props.setProperty("initialPositionInStream", "LATEST");
        props.setProperty("retrievalMode", mode);
        Path file = work.resolve(name + ".properties");
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            props.store(out, "consumer/bench/fanout.sh");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(childJvmOptions);
        command.addAll(List.of("-cp", childClassPath,
                FanOutBench.class.getName(), "consume", file.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(work.resolve(name + ".err").toFile());
        builder.environment().put("LOG_DIR", work.resolve("logs-" + name).toString());
        Process child = builder.start();
        try (PrintWriter commands = new PrintWriter(child.getOutputStream(), true, StandardCharsets.UTF_8);
             BufferedReader answers = new BufferedReader(new InputStreamReader(child.getInputStream(),
                     StandardCharsets.UTF_8))) {
            // a consumer that cannot start (its KCL retries for ever) must not hold the bench
            CompletableFuture<Void> watchdog = CompletableFuture.runAsync(child::destroy,
                    CompletableFuture.delayedExecutor(180, TimeUnit.SECONDS));
            expect(answers, "initialized " + shards, name);
            watchdog.cancel(false);
            Thread.sleep(SETTLE_MILLIS);
            long engine = IdleBench.enginePid(kinesisPort);
            double[] idle = IdleBench.cpuOver(idleSeconds, child.pid(), engine);

            // a few seconds of load first, not measured: the figures are of a steady stream, not of the
            // first records after the quiet (polling reads a quiet shard less often, docs/kinesis-limits.md)
            load(stream, WARM_UP_SECONDS, false);
            commands.println("reset");
            expect(answers, "reset", name);
            double c0 = BacklogBench.cpuSeconds(child.pid()).orElseThrow();
            double e0 = BacklogBench.cpuSeconds(engine).orElseThrow();
            long sent = load(stream, loadSeconds, true);
            long received = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            String[] report = {};
            while (received < sent && System.nanoTime() < deadline) {
                commands.println("report");
                report = expect(answers, "report", name).split(" ");
                received = Long.parseLong(report[1]);
                if (received < sent) {
                    Thread.sleep(50);
                }
            }
            double cpu = BacklogBench.cpuSeconds(child.pid()).orElseThrow() - c0;
            double engineCpu = BacklogBench.cpuSeconds(engine).orElseThrow() - e0;
            if (received < sent) {
                throw new IllegalStateException(name + ": " + received + " of " + sent + " records arrived in 60 s");
            }
            Run run = new Run(mode, Double.parseDouble(report[2]) / 1000, Double.parseDouble(report[3]) / 1000,
                    1e6 * cpu / sent, 1e6 * engineCpu / sent, idle[0] / shards, idle[1] / shards, sent);
            System.out.println(name + ": " + run.row(0));
            return run;
        } finally {
            BacklogBench.stop(child);
            kinesis.deleteStream(r -> r.streamName(stream).enforceConsumerDeletion(true));
        }
    }

    /**
     * Puts {@code rate} records a second for {@code seconds}, ten PutRecords calls a second, marked as
     * {@code measured} or not; returns how many were stored.
     */
    private long load(String stream, int seconds, boolean measured) throws InterruptedException {
        int perCall = Math.max(1, rate / 10);
        long calls = seconds * 10L;
        long start = System.nanoTime();
        long sent = 0;
        for (long call = 0; call < calls; call++) {
            long due = start + call * 100_000_000L;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            List<PutRecordsRequestEntry> entries = new ArrayList<>();
            long putMicros = micros(Instant.now());
            for (int i = 0; i < perCall; i++) {
                ByteBuffer data = ByteBuffer.allocate(RECORD_BYTES);
                data.putLong(putMicros).put((byte) (measured ? 1 : 0));
                entries.add(PutRecordsRequestEntry.builder().partitionKey(UUID.randomUUID().toString())
                        .data(SdkBytes.fromByteArray(data.array())).build());
            }
            PutRecordsResponse response = kinesis.putRecords(r -> r.streamName(stream).records(entries));
            sent += perCall - response.failedRecordCount();
        }
        return sent;
    }

    private static String expect(BufferedReader answers, String prefix, String name) throws IOException {
        for (String line = answers.readLine(); line != null; line = answers.readLine()) {
            if (line.startsWith(prefix)) {
                return line;
            }
        }
        throw new IllegalStateException(name + ": the consumer ended before '" + prefix + "'; see its .err file");
    }

    static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
    }

    /**
     * The measuring consumer: the KCL as the consumer builds it, with a processor that notes each
     * record's put-to-processRecords time. Commands on stdin: {@code reset} forgets the times so far,
     * {@code report} prints "report COUNT P50_MICROS P99_MICROS".
     */
    static final class Consume {
        private static final Object LOCK = new Object();
        private static long[] lags = new long[1 << 16];
        private static int count;
        private static final AtomicLong INITIALIZED = new AtomicLong();

        static void run(Path properties) throws Exception {
            ConsumerConfig config = ConfigSource.load(properties, Map.of(), Map.of()).config();
            AwsClients clients = AwsClients.create(config, List.of(), () -> { });
            // forced calls on idle shards, as the archiver (maxBufferAgeMillis > 0) runs
            Scheduler scheduler = SchedulerFactory.create(config, clients, Processor::new, true);
            Thread thread = new Thread(scheduler, "kcl-scheduler");
            thread.start();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                synchronized (LOCK) {
                    if (line.equals("reset")) {
                        count = 0;
                        System.out.println("reset");
                    } else if (line.equals("report")) {
                        long[] sorted = Arrays.copyOf(lags, count);
                        Arrays.sort(sorted);
                        System.out.println("report " + count + " " + percentile(sorted, 0.50) + " "
                                + percentile(sorted, 0.99));
                    }
                }
                System.out.flush();
            }
            scheduler.shutdown();
            clients.close();
        }

        private static long percentile(long[] sorted, double p) {
            return sorted.length == 0 ? -1 : sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
        }

        private static final class Processor implements ShardRecordProcessor {
            @Override
            public void initialize(InitializationInput input) {
                long n = INITIALIZED.incrementAndGet();
                synchronized (LOCK) {
                    System.out.println("initialized " + n);
                    System.out.flush();
                }
            }

            @Override
            public void processRecords(ProcessRecordsInput input) {
                long now = micros(Instant.now());
                synchronized (LOCK) {
                    for (KinesisClientRecord record : input.records()) {
                        ByteBuffer data = record.data().duplicate();
                        long putMicros = data.getLong();
                        if (data.get() == 0) {
                            continue; // warm-up
                        }
                        if (count == lags.length) {
                            lags = Arrays.copyOf(lags, 2 * count);
                        }
                        lags[count++] = now - putMicros;
                    }
                }
            }

            @Override
            public void leaseLost(LeaseLostInput input) {}

            @Override
            public void shardEnded(ShardEndedInput input) {}

            @Override
            public void shutdownRequested(ShutdownRequestedInput input) {}
        }
    }
}
