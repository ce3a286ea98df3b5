package dev.clickstream.tools.delete;

import dev.clickstream.common.aws.CredentialsProviders;
import dev.clickstream.common.aws.Regions;
import dev.clickstream.common.cli.CliException;
import dev.clickstream.tools.aws.AwsResources;
import dev.clickstream.tools.aws.Endpoints;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.regions.Region;

/** {@code delete-resources}: the original README's "Cleaning up", as a command. */
@Command(name = "delete-resources",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Deletes the stream, the KCL lease tables (with KCL 3.x's -CoordinatorState and -WorkerMetricStats "
                    + "tables when present) and the counts table; with --purge-bucket also empties and deletes "
                    + "the archive bucket. Lists what exists and asks before deleting anything, unless --yes.",
            "Names come from the options, from --from-config DIR, or, when neither names anything, "
                    + "the applications' defaults. Resources that do not exist are reported as not found."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:deleted, or nothing to delete",
            "1:a deletion failed, the answer was no, or AWS could not be reached",
            "2:a usage mistake, or no answer on standard input without --yes"})
public final class DeleteResourcesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--stream", paramLabel = "NAME",
            description = "Kinesis data stream to delete; repeatable (default: none, or " + DefaultNames.STREAM
                    + " when nothing is named).")
    List<String> streams = new ArrayList<>();

    @Option(names = "--lease-table", paramLabel = "NAME",
            description = "KCL lease table, which is the application name; repeatable (default: none, or "
                    + DefaultNames.ARCHIVER_APPLICATION + " and " + DefaultNames.COUNTER_APPLICATION
                    + " when nothing is named).")
    List<String> leaseTables = new ArrayList<>();

    @Option(names = "--counts-table", paramLabel = "NAME",
            description = "Referrer-counts table; repeatable (default: none, or " + DefaultNames.COUNTS_TABLE
                    + " when nothing is named).")
    List<String> countsTables = new ArrayList<>();

    @Option(names = "--bucket", paramLabel = "NAME",
            description = "Archive bucket, deleted only with --purge-bucket (default: none, or "
                    + DefaultNames.BUCKET + " when nothing is named).")
    String bucket;

    @Option(names = "--purge-bucket",
            description = "Also delete every object (all versions) in the bucket, then the bucket (default: off).")
    boolean purgeBucket;

    @Option(names = "--from-config", paramLabel = "DIR",
            description = "Read names, region, endpoints and credentials from producer.properties, "
                    + "sample.properties and counter.properties in DIR, e.g. config/local (default: none).")
    Path fromConfig;

    @Option(names = "--properties", paramLabel = "FILE",
            description = "Read names, region, endpoints and credentials from this application config file "
                    + "(repeatable; with --from-config too), e.g. config/local/sample.properties (default: none).")
    List<Path> properties = new ArrayList<>();

    @Option(names = "--region", paramLabel = "REGION",
            description = "AWS region (default: the configs' region, else " + DefaultNames.REGION + ").")
    String region;

    @Option(names = "--kinesis-endpoint", paramLabel = "URL",
            description = "Kinesis endpoint, e.g. the local stack's (default: the configs', else AWS).")
    String kinesisEndpoint;

    @Option(names = "--dynamo-db-endpoint", paramLabel = "URL",
            description = "DynamoDB endpoint (default: the configs', else AWS).")
    String dynamoDbEndpoint;

    @Option(names = "--s3-endpoint", paramLabel = "URL",
            description = "S3 endpoint; path-style access is used with it (default: the configs', else AWS).")
    String s3Endpoint;

    @Option(names = "--aws-credentials-provider", paramLabel = "SPEC",
            description = "Credentials, as in the properties files: DefaultCredentialsProvider, "
                    + "ProfileCredentialsProvider|NAME, StaticCredentialsProvider|KEY|SECRET, ... "
                    + "(default: the configs', else " + CredentialsProviders.DEFAULT + ").")
    String credentials;

    @Option(names = {"-y", "--yes"}, description = "Delete without asking (default: ask).")
    boolean yes;

    @Override
    public Integer call() {
        Optional<ConfigDir> config = configs();
        ResourceNames explicit = new ResourceNames(streams, leaseTables, countsTables, Optional.ofNullable(bucket));
        ResourceNames fromFiles = config.map(ConfigDir::names).orElse(ResourceNames.none());
        ResourceNames names = explicit.isEmpty() && config.isEmpty() ? ResourceNames.defaults() : fromFiles.plus(explicit);
        Endpoints endpoints = endpoints(config);

        PrintWriter out = spec.commandLine().getOut();
        List<Target> targets = DeletePlan.targets(names, purgeBucket);
        if (config.isPresent()) {
            out.println("Names from " + String.join(", ", config.get().files())
                    + (fromConfig == null ? "" : " in " + fromConfig));
        }
        try (AwsResources aws = new AwsResources(endpoints)) {
            Confirmation confirmation = new Confirmation(
                    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), out,
                    System.console() == null);
            ResourceDeleter deleter = new ResourceDeleter(aws, out);
            int code = deleter.run(endpoints.describe(), targets,
                    () -> yes || confirmation.ask("Delete these? This cannot be undone."));
            if (!purgeBucket) {
                names.bucket().ifPresent(deleter::reportKept);
            }
            out.flush();
            return code;
        }
    }

    /** --from-config's files and --properties' files, read together. */
    private Optional<ConfigDir> configs() {
        if (properties.isEmpty()) {
            return Optional.ofNullable(fromConfig).map(ConfigDir::read);
        }
        List<Path> files = new ArrayList<>();
        if (fromConfig != null) {
            ConfigDir.read(fromConfig).files().forEach(f -> files.add(fromConfig.resolve(f)));
        }
        files.addAll(properties);
        return Optional.of(ConfigDir.readFiles(files));
    }

    private Endpoints endpoints(Optional<ConfigDir> config) {
        String regionName = Optional.ofNullable(region)
                .or(() -> config.flatMap(ConfigDir::region)).orElse(DefaultNames.REGION);
        if (!Regions.isValid(regionName)) {
            throw CliException.usage("--region: not a region name, got '" + regionName + "'");
        }
        String credentialsSpec = Optional.ofNullable(credentials)
                .or(() -> config.flatMap(ConfigDir::credentialsSpec)).orElse(CredentialsProviders.DEFAULT);
        try {
            CredentialsProviders.parse(credentialsSpec);
        } catch (IllegalArgumentException e) {
            throw CliException.usage("--aws-credentials-provider: " + e.getMessage());
        }
        return new Endpoints(Region.of(regionName),
                endpoint(kinesisEndpoint, "--kinesis-endpoint").or(() -> config.flatMap(ConfigDir::kinesisEndpoint)),
                endpoint(dynamoDbEndpoint, "--dynamo-db-endpoint").or(() -> config.flatMap(ConfigDir::dynamoDbEndpoint)),
                endpoint(s3Endpoint, "--s3-endpoint").or(() -> config.flatMap(ConfigDir::s3Endpoint)),
                credentialsSpec);
    }

    private static Optional<URI> endpoint(String text, String option) {
        return Optional.ofNullable(text).map(t -> ConfigDir.parseEndpoint(t, option));
    }
}
