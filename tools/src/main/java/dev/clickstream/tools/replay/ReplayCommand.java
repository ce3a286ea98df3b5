package dev.clickstream.tools.replay;

import dev.clickstream.common.cli.CliException;
import dev.clickstream.common.errors.Errors;
import dev.clickstream.common.status.PeriodicStatus;
import dev.clickstream.producer.ProducerRun;
import dev.clickstream.producer.aggregate.Aggregator;
import dev.clickstream.producer.aggregate.ShardMap;
import dev.clickstream.producer.send.Batch;
import dev.clickstream.producer.send.Pacer;
import dev.clickstream.producer.send.SendStats;
import dev.clickstream.producer.stream.StreamProvisioner;
import dev.clickstream.tools.archive.ArchiveListing;
import dev.clickstream.tools.archive.ArchiveProperties;
import dev.clickstream.tools.archive.ObjectFormats;
import dev.clickstream.tools.aws.AwsResources;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

/** {@code replay}: puts an archive's records back into a stream. */
@Command(name = "replay",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Puts the records of a consumer's S3 archive back into a Kinesis stream, the original or a new one "
                    + "(created if missing, as the producer does). Reads the archiver's configuration as the "
                    + "consumer does: its properties file, then CLICKSTREAM_<KEY> environment variables, then the "
                    + "options at the end of this list (bucket, prefixes, format, compression, endpoints).",
            "Objects are put shard by shard in sequence order, one PutRecords call at a time, so each source "
                    + "shard's order is kept; failed entries are resent with back-off. Records of a KPL-aggregated "
                    + "stream go back as one Kinesis record each, or re-aggregated with --aggregation.",
            "Progress is kept per source object in a state file: after a stop or a kill, --resume continues, and "
                    + "at most the records of the call in flight at the stop are put twice (the number is printed).",
            ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every selected record was acknowledged (or, with --dry-run, listed)",
            "1:records failed, an object could not be read, or AWS could not be reached (the state file is kept)",
            "2:a usage mistake: bad properties or options, an empty selection, a missing bucket, "
                    + "a format it cannot read"})
public final class ReplayCommand implements Callable<Integer> {
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);
    private static final int AGGREGATE_MAX_BYTES = 51_200;
    private static final long AGGREGATE_MAX_COUNT = 4_294_967_295L;

    @Spec
    CommandSpec spec;

    @Option(names = {"--properties", "--config"}, paramLabel = "FILE", required = true,
            description = "The archiver's (consumer's) properties file, e.g. config/local/sample.properties.")
    Path properties;

    @Option(names = "--to-stream", paramLabel = "NAME", required = true,
            description = "The stream to put the records into; created when missing.")
    String toStream;

    @Option(names = "--from", paramLabel = "TIME",
            description = "Only records from this time on (ISO-8601, UTC unless an offset is given, e.g. "
                    + "2026-12-02T08:00:00Z or 2026-12-02). Raw objects are dated by their time prefix (their first "
                    + "record's arrival), or without one by their upload time; Parquet rows by their arrival. "
                    + "[default: the start]")
    String from;

    @Option(names = "--to", paramLabel = "TIME",
            description = "Only records before this time (ISO-8601). [default: the end]")
    String to;

    @Option(names = "--shard", paramLabel = "ID", split = ",",
            description = "Only these source shards, e.g. shardId-000000000001 (repeat or comma-separate). "
                    + "[default: all]")
    List<String> shards = new ArrayList<>();

    @Option(names = "--rate", paramLabel = "N", defaultValue = "0",
            description = "At most N records a second; 0: as fast as the stream accepts. [default: ${DEFAULT-VALUE}]")
    int rate;

    @Option(names = "--dry-run",
            description = "List the objects, records, bytes and time range that would be replayed; put nothing.")
    boolean dryRun;

    @Option(names = "--resume",
            description = "Continue the replay the state file records (same selection and stream).")
    boolean resume;

    @Option(names = "--state", paramLabel = "FILE",
            description = "The state file. [default: replay-<to-stream>.state in the working directory]")
    Path stateFile;

    @Option(names = "--partition-key-field", paramLabel = "FIELD", defaultValue = "resource",
            description = "For archives that kept no partition key (raw): key each record by this top-level JSON "
                    + "field; records without it, or with an empty FIELD, get a random key. "
                    + "[default: ${DEFAULT-VALUE}]")
    String partitionKeyField;

    @Option(names = "--aggregation",
            description = "Re-aggregate the records into KPL aggregated records per shard, as the producer does.")
    boolean aggregation;

    @Option(names = "--to-shards", paramLabel = "N",
            description = "Shards of --to-stream when it is created. [default: the number of source shards selected]")
    Integer toShards;

    @Option(names = "--max-retries", paramLabel = "N", defaultValue = "10",
            description = "Resends of a failed record before the replay stops. [default: ${DEFAULT-VALUE}]")
    int maxRetries;

    @Override
    public Integer call() throws InterruptedException {
        ArchiveProperties props = ArchiveProperties.forCommand(ArchiveProperties.ARCHIVE_KEYS, properties,
                spec.commandLine().getParseResult());
        Selection selection = new Selection(time("--from", from), time("--to", to), new LinkedHashSet<>(shards));
        checkOptions(selection);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();

        try (AwsResources aws = new AwsResources(props.endpoints())) {
            ArchiveListing listing = ArchiveListing.list(aws.s3, props.bucket(), props.prefix(), line -> { });
            List<Selection.Dated> selected = selection.select(listing, props.timePrefix());
            if (selected.isEmpty()) {
                throw CliException.usage("nothing to replay: no archive object under " + props.location()
                        + " (" + listing.objects().size() + " in all) is in the selection: " + selection.describe());
            }
            selected.forEach(d -> ObjectFormats.of(d.object().encoding()));
            if (dryRun) {
                new DryRun(aws.s3, props.bucket(), selection, out).list(selected);
                return 0;
            }
            return replay(props, aws, selection, selected, out, err);
        }
    }

    private int replay(ArchiveProperties props, AwsResources aws, Selection selection, List<Selection.Dated> selected,
                       PrintWriter out, PrintWriter err) throws InterruptedException {
        Path statePath = stateFile != null ? stateFile : Path.of("replay-" + toStream + ".state");
        String identity = "to-stream " + toStream + " | " + props.location() + " | " + selection.describe()
                + " | aggregation " + aggregation;
        ReplayState.Progress before;
        ReplayState state;
        if (resume) {
            ReplayState.Resumed resumed = ReplayState.resume(statePath, identity);
            state = resumed.state();
            before = resumed.progress();
            if (before.complete()) {
                state.close();
                print(out, "nothing left to replay: state file " + statePath + " says the replay finished");
                return 0;
            }
        } else {
            state = ReplayState.create(statePath, identity);
            before = ReplayState.parse(List.of());
        }
        try (state) {
            int sourceShards = (int) selected.stream().map(d -> d.object().shardId()).distinct().count();
            try {
                new StreamProvisioner(aws.kinesis, Duration.ofSeconds(1), Duration.ofMinutes(5), line -> print(out, line))
                        .ensureActive(toStream, toShards != null ? toShards : sourceShards);
            } catch (InterruptedException e) {
                throw CliException.runtime("stopped while waiting for stream " + toStream + "; nothing was put");
            }
            Function<List<PutRecordsRequestEntry>, Batch> packer = aggregation
                    ? new Aggregator(ShardMap.load(aws.kinesis, toStream), AGGREGATE_MAX_BYTES, AGGREGATE_MAX_COUNT)::aggregate
                    : Batch::plain;
            int perCallLimit = aggregation ? ReplayRun.MAX_AGGREGATED_RECORDS : ReplayRun.MAX_PLAIN_RECORDS;
            int calls = rate == 0 ? 0 : (rate + perCallLimit - 1) / perCallLimit;
            int recordsPerCall = rate == 0 ? perCallLimit : (rate + calls - 1) / calls;
            if (resume) {
                print(out, "resuming from " + statePath + ": " + before.done().size() + " objects done; the call in "
                        + "flight at the stop carried " + before.inFlightRecords() + " records, which are put again: "
                        + "at most " + before.inFlightRecords() + " duplicates");
            }
            print(out, "replaying " + selected.size() + " objects of " + props.location() + " (" + selection.describe()
                    + ") to stream " + toStream + ", " + recordsPerCall + " records per call, "
                    + (rate == 0 ? "as fast as the stream accepts" : "at most " + rate + " records/s")
                    + (aggregation ? ", aggregated per shard" : "") + "; state file " + statePath);

            SendStats stats = new SendStats();
            PartitionKeys keys = new PartitionKeys(Optional.of(partitionKeyField).filter(f -> !f.isEmpty()));
            ReplayRun run = new ReplayRun(aws.s3, props.bucket(), aws.kinesis, toStream, state, before, selection,
                    keys, packer, recordsPerCall, Pacer.perSecond(calls), maxRetries, stats);
            long start = System.nanoTime();
            PeriodicStatus<SendStats.Snapshot> progress = PeriodicStatus.start(PROGRESS_EVERY, stats::snapshot,
                    SendStats.Snapshot::acknowledged, (s, perSecond) -> String.format(Locale.ROOT,
                            "progress: %d objects, acknowledged %d, retried %d, failed %d, %d records/s",
                            run.totalsSoFar().objects(), s.acknowledged(), s.retried(), s.failed(), perSecond),
                    line -> print(out, line));
            ReplayRun.Totals totals;
            try {
                totals = run.run(selected, ProducerRun.DEFAULT_BACKOFF);
            } catch (ReplayRun.Failed | CliException e) {
                progress.close();
                print(out, summary("stopped", run.totalsSoFar(), stats.snapshot(), start, keys));
                throw e instanceof CliException cli ? cli
                        : CliException.runtime("stopped: " + e.getMessage() + "; run again with --resume to continue");
            } finally {
                progress.close();
            }
            state.complete();
            print(out, summary("done", totals, stats.snapshot(), start, keys));
            return 0;
        } catch (RuntimeException e) {
            if (!(e instanceof CliException) && !(Errors.unwrap(e) instanceof CliException)) {
                err.println("replay: progress is kept in " + statePath + "; run again with --resume to continue");
                err.flush();
            }
            throw e;
        }
    }

    private static String summary(String outcome, ReplayRun.Totals t, SendStats.Snapshot s, long start,
                                  PartitionKeys keys) {
        double seconds = (System.nanoTime() - start) / 1e9;
        return String.format(Locale.ROOT, "%s in %.1f s: %d objects, %d records (%d bytes), acknowledged %d, "
                        + "retried %d, failed %d%s; %s",
                outcome, seconds, t.objects(), t.records(), t.bytes(), s.acknowledged(), s.retried(), s.failed(),
                t.objectsDoneBefore() > 0 ? "; " + t.objectsDoneBefore() + " objects done before" : "",
                keys.summary());
    }

    private void checkOptions(Selection selection) {
        if (selection.isEmptyRange()) {
            throw CliException.usage("empty range: --from " + from + " is not before --to " + to);
        }
        if (rate < 0) {
            throw CliException.usage("--rate must be 0 or more, got " + rate);
        }
        if (toShards != null && toShards < 1) {
            throw CliException.usage("--to-shards must be at least 1, got " + toShards);
        }
        if (maxRetries < 0) {
            throw CliException.usage("--max-retries must be 0 or more, got " + maxRetries);
        }
        if (dryRun && resume) {
            throw CliException.usage("--dry-run and --resume do not go together");
        }
        Set<String> blank = new LinkedHashSet<>(shards);
        if (blank.contains("")) {
            throw CliException.usage("--shard needs a shard id, e.g. shardId-000000000000");
        }
    }

    /** An ISO-8601 instant, offset date-time, local date-time (UTC) or date (its start, UTC). */
    static Optional<Instant> time(String option, String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeException notWithOffset) {
            try {
                return Optional.of(LocalDateTime.parse(text).toInstant(ZoneOffset.UTC));
            } catch (DateTimeException notLocal) {
                try {
                    return Optional.of(LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant());
                } catch (DateTimeException notADate) {
                    throw CliException.usage(option + " must be an ISO-8601 time such as 2026-12-02T08:00:00Z, got '"
                            + text + "'");
                }
            }
        }
    }

    private static void print(PrintWriter out, String line) {
        out.println(line);
        out.flush();
    }
}
