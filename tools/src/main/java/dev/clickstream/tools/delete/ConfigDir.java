package dev.clickstream.tools.delete;

import dev.clickstream.common.cli.CliException;
import dev.clickstream.common.config.ConfigLoader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Reads the resource names, region and endpoints out of a directory of application configs:
 * {@code producer.properties} (producer), {@code sample.properties} (archiver) and
 * {@code counter.properties} (referrer counter), any of which may be missing. A key a file
 * leaves out takes the application's default, as the application itself would.
 */
public record ConfigDir(ResourceNames names, List<String> files, Optional<String> region,
                        Optional<URI> kinesisEndpoint, Optional<URI> dynamoDbEndpoint, Optional<URI> s3Endpoint,
                        Optional<String> credentialsSpec) {

    static final String PRODUCER = "producer.properties";
    static final String ARCHIVER = "sample.properties";
    static final String COUNTER = "counter.properties";

    private static final List<String> DYNAMODB_ENDPOINT_KEYS = List.of("dynamoDbEndpoint", "dynamoDBEndpoint", "dynamodbEndpoint");
    private static final List<String> S3_ENDPOINT_KEYS = List.of("s3Endpoint", "s3.endpoint");
    private static final List<String> CREDENTIALS_KEYS = List.of("AwsCredentialsProvider", "AWSCredentialsProvider");

    public static ConfigDir read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw CliException.usage("--from-config: " + dir + " is not a directory");
        }
        List<Path> files = Stream.of(PRODUCER, ARCHIVER, COUNTER).map(dir::resolve).filter(Files::isRegularFile).toList();
        if (files.isEmpty()) {
            throw CliException.usage("--from-config: " + dir + " has none of " + PRODUCER + ", " + ARCHIVER + ", " + COUNTER);
        }
        return of(files, "--from-config", p -> p.getFileName().toString());
    }

    /**
     * The same from application config files named one by one ({@code --properties}): a file named
     * like one of the directory's is read as that one; any other is a consumer's if it has a KCL
     * key ({@code streamName}, {@code applicationName}), a referrer counter's if its
     * {@code processor} says so, and else the producer's.
     */
    public static ConfigDir readFiles(List<Path> files) {
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                throw CliException.usage("--properties: " + file + " not found");
            }
        }
        return of(files, "--properties", Path::toString);
    }

    private static ConfigDir of(List<Path> paths, String option, Function<Path, String> label) {
        Reading reading = new Reading();
        List<String> streams = new ArrayList<>();
        List<String> leaseTables = new ArrayList<>();
        List<String> countsTables = new ArrayList<>();
        Optional<String> bucket = Optional.empty();

        for (Path path : paths) {
            Map<String, String> p = ConfigLoader.readProperties(path);
            String kind = kind(path, p);
            reading.read(label.apply(path), p, path, kind.equals(PRODUCER) ? "region" : "regionName");
            switch (kind) {
                case PRODUCER -> streams.add(value(p, "stream").orElse(DefaultNames.STREAM));
                case ARCHIVER -> {
                    streams.add(value(p, "streamName").orElse(DefaultNames.STREAM));
                    leaseTables.add(value(p, "applicationName").orElse(DefaultNames.ARCHIVER_APPLICATION));
                    if (value(p, "processor").orElse("s3-archiver").equals("referrer-counter")) {
                        countsTables.add(value(p, "countsTable").orElse(DefaultNames.COUNTS_TABLE));
                    } else {
                        bucket = Optional.of(value(p, "s3.bucket").orElse(DefaultNames.BUCKET));
                    }
                }
                default -> {
                    streams.add(value(p, "streamName").orElse(DefaultNames.STREAM));
                    leaseTables.add(value(p, "applicationName").orElse(DefaultNames.COUNTER_APPLICATION));
                    countsTables.add(value(p, "countsTable").orElse(DefaultNames.COUNTS_TABLE));
                }
            }
        }
        Found found = reading.found;
        return new ConfigDir(new ResourceNames(streams, leaseTables, countsTables, bucket), List.copyOf(reading.files),
                region(reading.regions, option), found.kinesis, found.dynamoDb, found.s3, found.credentials);
    }

    /** {@link #PRODUCER}, {@link #ARCHIVER} or {@link #COUNTER}: by the file's name, else by its keys. */
    private static String kind(Path path, Map<String, String> p) {
        String name = path.getFileName().toString();
        if (List.of(PRODUCER, ARCHIVER, COUNTER).contains(name)) {
            return name;
        }
        if (value(p, "streamName").isEmpty() && value(p, "applicationName").isEmpty()) {
            return PRODUCER;
        }
        return value(p, "processor").orElse("s3-archiver").equals("referrer-counter") ? COUNTER : ARCHIVER;
    }

    /** The one region the files agree on; files that disagree need --region to settle it. */
    private static Optional<String> region(Map<String, String> regions, String option) {
        if (regions.values().stream().distinct().count() > 1) {
            throw CliException.usage(option + ": the files name different regions " + regions
                    + "; choose one with --region");
        }
        return regions.values().stream().findFirst();
    }

    /** The files read so far, the region each names, and the endpoints found in them. */
    private static final class Reading {
        final List<String> files = new ArrayList<>();
        final Map<String, String> regions = new LinkedHashMap<>();
        final Found found = new Found();

        void read(String label, Map<String, String> p, Path path, String regionKey) {
            files.add(label);
            value(p, regionKey).ifPresent(r -> regions.put(label, r));
            found.read(p, path);
        }
    }

    /** Endpoints and credentials: the first file that sets one wins. */
    private static final class Found {
        Optional<URI> kinesis = Optional.empty();
        Optional<URI> dynamoDb = Optional.empty();
        Optional<URI> s3 = Optional.empty();
        Optional<String> credentials = Optional.empty();

        void read(Map<String, String> p, Path file) {
            kinesis = kinesis.or(() -> endpoint(p, List.of("kinesisEndpoint"), file));
            dynamoDb = dynamoDb.or(() -> endpoint(p, DYNAMODB_ENDPOINT_KEYS, file));
            s3 = s3.or(() -> endpoint(p, S3_ENDPOINT_KEYS, file));
            credentials = credentials.or(() -> first(p, CREDENTIALS_KEYS));
        }
    }

    private static Optional<String> value(Map<String, String> props, String key) {
        return Optional.ofNullable(props.get(key)).map(String::trim).filter(v -> !v.isEmpty());
    }

    private static Optional<String> first(Map<String, String> props, List<String> keys) {
        return keys.stream().map(k -> value(props, k)).flatMap(Optional::stream).findFirst();
    }

    private static Optional<URI> endpoint(Map<String, String> props, List<String> keys, Path file) {
        for (String key : keys) {
            Optional<String> text = value(props, key);
            if (text.isPresent()) {
                return Optional.of(parseEndpoint(text.get(), key + " in " + file));
            }
        }
        return Optional.empty();
    }

    static URI parseEndpoint(String text, String where) {
        try {
            URI uri = new URI(text);
            if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null) {
                throw CliException.usage(where + ": must be an http:// or https:// URL with a host, got '" + text + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw CliException.usage(where + ": must be an http:// or https:// URL with a host, got '" + text + "'");
        }
    }
}
