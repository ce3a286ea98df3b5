package dev.clickstream.tools.verify;

import dev.clickstream.common.aws.CredentialsProviders;
import dev.clickstream.tools.archive.ArchiveProperties;
import dev.clickstream.tools.archive.ArchivedObject;
import dev.clickstream.tools.aws.AwsResources;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code verify-archive}: checks the S3 archive of a consumer against its lease table and, optionally, its stream. */
@Command(name = "verify-archive",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Checks a consumer's S3 archive. Reads the consumer's configuration as the consumer does: its "
                    + "properties file, then CLICKSTREAM_<KEY> environment variables, then the options below "
                    + "(streamName, applicationName, regionName, endpoints, credentials, s3.bucket, s3.prefix, "
                    + "s3.timePrefix; other keys of the file are ignored). Lists every object under the prefix "
                    + "(all partition and time prefixes), counts the records in each (gzip by the .gz extension) "
                    + "and reads the checkpoints from the KCL lease table.",
            "Per shard it reports objects, records, first and last sequence numbers, duplicates (objects whose "
                    + "sequence ranges overlap; with --stream, records in more than one object) and whether the "
                    + "checkpoint lies in an archived object. Records are identified by sequence and sub-sequence "
                    + "number: neighbouring objects that share their edge sequence number hold the two parts of a "
                    + "KPL aggregate (with --stream, a shared record that is no aggregate is a duplicate). "
                    + "Records under s3.errorPrefix (those the archiver could not make a row of) are accounted for: "
                    + "reported as 'in <errorPrefix>: N' (with --stream, those of the records in no object), "
                    + "never as lost. Progress goes to standard error.", ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the archive is consistent",
            "1:problems found (one line each), or AWS could not be reached",
            "2:a usage mistake or a bad properties file"})
public final class VerifyArchiveCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--properties", paramLabel = "FILE", required = true,
            description = "The consumer's properties file, e.g. config/local/sample.properties.")
    Path properties;

    @Option(names = "--stream",
            description = "Also read each shard from TRIM_HORIZON up to its checkpoint and report records that "
                    + "are in no object (lost) or in several (default: off; one GetRecords per 10,000 records).")
    boolean readStream;

    @Override
    public Integer call() throws InterruptedException {
        ArchiveProperties props = ArchiveProperties.forCommand(ArchiveProperties.CONSUMER_KEYS, properties,
                spec.commandLine().getParseResult());
        PrintWriter out = spec.commandLine().getOut();
        Progress progress = new Progress(spec.commandLine().getErr());
        out.println("Archive s3://" + props.bucket() + "/" + props.prefix()
                + (props.timePrefix().isNone() ? "" : " (time prefix " + props.timePrefix() + ")")
                + ", lease table " + props.application() + (readStream ? ", stream " + props.stream() : "")
                + " at " + props.endpoints().describe() + " (credentials "
                + CredentialsProviders.describe(props.endpoints().credentialsSpec()) + ")");
        out.flush();

        List<String> problems = new ArrayList<>();
        List<ShardCheck.Report> reports = new ArrayList<>();
        try (AwsResources aws = new AwsResources(props.endpoints())) {
            ArchiveScan.Listing listing = new ArchiveScan(aws.s3, props.bucket(), props.prefix(), props.errorPrefix(),
                    progress).run();
            Optional<LeaseCheckpoints> leases = LeaseCheckpoints.read(aws.dynamoDb, props.application());
            if (leases.isEmpty()) {
                problems.add("lease table " + props.application() + " does not exist: no checkpoints to check");
            }
            Map<String, String> checkpoints = leases.map(LeaseCheckpoints::checkpoints).orElse(Map.of());
            Map<String, List<ArchivedObject>> byShard = listing.objects().stream()
                    .collect(Collectors.groupingBy(ArchivedObject::shardId, TreeMap::new, Collectors.toList()));
            TreeSet<String> shards = new TreeSet<>(byShard.keySet());
            shards.addAll(checkpoints.keySet());
            StreamScan streamScan = new StreamScan(aws.kinesis, props.stream(), progress);
            for (String shard : shards) {
                Optional<String> checkpoint = Optional.ofNullable(checkpoints.get(shard));
                Optional<StreamRecords> records = Optional.empty();
                if (readStream) {
                    long sub = leases.map(l -> l.subSequences().getOrDefault(shard, 0L)).orElse(0L);
                    records = streamRecords(streamScan, shard, checkpoint, sub, problems);
                }
                List<ArchivedObject> objects = byShard.getOrDefault(shard, List.of());
                ShardCheck.Report report = listing.rowsNamed(shard)
                        ? RowCheck.check(shard, objects, listing.rows().get(shard), checkpoint, records,
                                props.startsAtTrimHorizon(), listing.errors(shard, props.errorPrefix()))
                        : ShardCheck.check(shard, objects, checkpoint, records, props.startsAtTrimHorizon(),
                                listing.errors(shard, props.errorPrefix()));
                reports.add(report);
                out.println(report.line());
                out.flush();
                problems.addAll(report.problems());
            }
            if (!listing.otherKeys().isEmpty()) {
                spec.commandLine().getErr().println("verify-archive: skipped " + listing.otherKeys().size()
                        + " keys under the prefix that are not archive objects, e.g. " + listing.otherKeys().get(0));
            }
        }
        long objects = reports.stream().mapToLong(ShardCheck.Report::objects).sum();
        long records = reports.stream().mapToLong(ShardCheck.Report::records).sum();
        long inErrors = reports.stream().mapToLong(ShardCheck.Report::inErrors).sum();
        for (String problem : problems) {
            out.println("problem: " + problem);
        }
        out.println((problems.isEmpty() ? "Consistent: " : "Inconsistent: " + problems.size() + " problems; ")
                + objects + " objects, " + records + " records, " + reports.size() + " shards"
                + (inErrors > 0 ? ", " + inErrors + " records in " + props.errorPrefix() : ""));
        out.flush();
        return problems.isEmpty() ? 0 : 1;
    }

    /** The shard's records up to what its checkpoint says is archived; nothing when nothing is checkpointed. */
    private static Optional<StreamRecords> streamRecords(StreamScan scan, String shard, Optional<String> checkpoint,
                                                            long checkpointSub, List<String> problems) {
        Optional<BigInteger> upTo;
        if (checkpoint.filter(ShardCheck::isSequence).isPresent()) {
            upTo = checkpoint.map(BigInteger::new);
        } else if (checkpoint.filter("SHARD_END"::equals).isPresent()) {
            upTo = Optional.empty();
            checkpointSub = Long.MAX_VALUE; // the whole shard is archived, every user record of its last aggregate
        } else {
            return Optional.of(new StreamRecords(List.of(), Set.of())); // no checkpoint: nothing is promised yet
        }
        Optional<StreamRecords> records = scan.read(shard, upTo, checkpointSub);
        if (records.isEmpty()) {
            problems.add("shard " + shard + ": not in the stream any more; its records cannot be checked");
        }
        return records;
    }
}
