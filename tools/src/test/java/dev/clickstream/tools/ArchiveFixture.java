package dev.clickstream.tools;

import dev.clickstream.testsupport.LocalAws;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.core.sync.RequestBody;

/** Archives and consumer properties files as the consumer writes and reads them, for the tools' ITs. */
public final class ArchiveFixture {
    private ArchiveFixture() {}

    /** Writes the records as one object, each record's data plus "\n", gzipped when the key ends in .gz. */
    public static void putObject(LocalAws aws, String bucket, String key, List<String> records) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (String record : records) {
            body.writeBytes((record + "\n").getBytes(StandardCharsets.UTF_8));
        }
        byte[] bytes = body.toByteArray();
        if (key.endsWith(".gz")) {
            ByteArrayOutputStream zipped = new ByteArrayOutputStream();
            try (GZIPOutputStream out = new GZIPOutputStream(zipped)) {
                out.write(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            bytes = zipped.toByteArray();
        }
        byte[] content = bytes;
        aws.s3().putObject(r -> r.bucket(bucket).key(key), RequestBody.fromBytes(content));
    }

    /**
     * The settings of an archiver of {@code stream} with KCL timings short enough for a test, in
     * order; the caller adds its own.
     */
    public static Map<String, String> archiver(String stream) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("streamName", stream);
        settings.put("applicationName", stream + "-app");
        settings.put("failoverTimeMillis", "3000");
        settings.put("shardSyncIntervalMillis", "1000");
        settings.put("idleTimeBetweenReadsInMillis", "200");
        settings.put("parentShardPollIntervalMillis", "500");
        settings.put("shardConsumerDispatchPollIntervalMillis", "100");
        settings.put("taskBackoffTimeMillis", "200");
        return settings;
    }

    /** A consumer properties file for the local stack: region, credentials, endpoints, then {@code settings}. */
    public static Path properties(Path file, LocalAws aws, Map<String, String> settings) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("regionName", "us-east-1");
        all.put("AwsCredentialsProvider", LocalAws.CREDENTIALS_SPEC);
        all.put("initialPositionInStream", "TRIM_HORIZON");
        all.put("kinesisEndpoint", aws.endpoints().kinesis().toString());
        all.put("dynamoDBEndpoint", aws.endpoints().dynamoDb().toString());
        all.put("s3Endpoint", aws.endpoints().s3().toString());
        all.put("metricsLevel", "NONE");
        all.putAll(settings);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, all.entrySet().stream().map(e -> e.getKey() + " = " + e.getValue())
                    .collect(Collectors.joining("\n", "", "\n")), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
