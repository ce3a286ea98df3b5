package dev.clickstream.consumer.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Test helper: reads every archived object of a bucket and checks it against what was written.
 * Each object must hold exactly the records of its shard between its key's first and last
 * sequence numbers, each followed by "\n", byte for byte; together the objects must cover every
 * record. Overlaps (a batch uploaded again after a crash) are counted as duplicates.
 */
public record ArchiveChecker(S3Client s3, String bucket, String prefix) {
    private static final Pattern KEY = Pattern.compile(
            "(?<prefix>.*?)(?<shard>shardId-\\d{12})/(?<first>\\d+)(?:_\\d+)?-(?<last>\\d+)(?:_\\d+)?(?<gz>\\.gz)?");

    /** One archived object, parsed from its key. */
    public record ArchivedObject(String key, String shardId, BigInteger first, BigInteger last, byte[] body) {
        /** What comes before the shard id: s3.prefix plus the time prefix, if any. */
        public String keyPrefix() {
            return key.substring(0, key.indexOf(shardId + "/"));
        }
    }

    /** The outcome: objects by shard in sequence order, and how many records were archived more than once. */
    public record Result(Map<String, List<ArchivedObject>> objectsByShard, int duplicates, int objects) {
        /** The last sequence number archived for a shard. */
        public String lastSequence(String shardId) {
            List<ArchivedObject> list = objectsByShard.get(shardId);
            return list.get(list.size() - 1).last().toString();
        }
    }

    public List<ArchivedObject> objects() {
        List<ArchivedObject> objects = new ArrayList<>();
        try {
            for (S3Object o : s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix)).contents()) {
                Matcher m = KEY.matcher(o.key());
                assertThat(m.matches()).as("key format of %s", o.key()).isTrue();
                assertThat(m.group("prefix")).as("prefix of %s", o.key()).startsWith(prefix);
                byte[] body = s3.getObjectAsBytes(r -> r.bucket(bucket).key(o.key())).asByteArray();
                if (m.group("gz") != null) {
                    body = gunzip(body);
                }
                objects.add(new ArchivedObject(o.key(), m.group("shard"), new BigInteger(m.group("first")),
                        new BigInteger(m.group("last")), body));
            }
        } catch (NoSuchBucketException e) {
            return List.of();
        }
        return objects;
    }

    /** Number of distinct records archived so far (cheap progress measure for polling). */
    public int objectCount() {
        try {
            int n = 0;
            for (S3Object ignored : s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix)).contents()) {
                n++;
            }
            return n;
        } catch (NoSuchBucketException e) {
            return 0;
        }
    }

    /** Checks the archive against the written records; fails the test on any missing or altered record. */
    public Result check(List<StreamWriter.Written> written) {
        Map<String, List<StreamWriter.Written>> byShard = written.stream()
                .collect(Collectors.groupingBy(StreamWriter.Written::shardId));
        byShard.values().forEach(list -> list.sort(Comparator.comparing(w -> new BigInteger(w.sequenceNumber()))));
        Map<String, List<ArchivedObject>> objectsByShard = objects().stream()
                .collect(Collectors.groupingBy(ArchivedObject::shardId));
        objectsByShard.values().forEach(list -> list.sort(Comparator.comparing(ArchivedObject::first)
                .thenComparing(ArchivedObject::last)));
        int duplicates = 0;
        int objectTotal = 0;
        for (Map.Entry<String, List<StreamWriter.Written>> shard : byShard.entrySet()) {
            List<StreamWriter.Written> records = shard.getValue();
            List<ArchivedObject> objects = objectsByShard.getOrDefault(shard.getKey(), List.of());
            Map<BigInteger, Integer> index = new HashMap<>();
            for (int i = 0; i < records.size(); i++) {
                index.put(new BigInteger(records.get(i).sequenceNumber()), i);
            }
            int[] copies = new int[records.size()];
            for (ArchivedObject o : objects) {
                Integer from = index.get(o.first());
                Integer to = index.get(o.last());
                assertThat(from).as("first sequence of %s is a written record", o.key()).isNotNull();
                assertThat(to).as("last sequence of %s is a written record", o.key()).isNotNull();
                ByteArrayOutputStream expected = new ByteArrayOutputStream();
                for (int i = from; i <= to; i++) {
                    expected.writeBytes(records.get(i).data());
                    expected.write('\n');
                    copies[i]++;
                }
                assertThat(Arrays.equals(o.body(), expected.toByteArray()))
                        .as("body of %s is the records %d..%d of %s, each plus \\n, byte for byte", o.key(), from, to,
                                shard.getKey())
                        .isTrue();
            }
            for (int i = 0; i < copies.length; i++) {
                assertThat(copies[i]).as("copies of record %d (seq %s) of %s", i, records.get(i).sequenceNumber(),
                        shard.getKey()).isGreaterThanOrEqualTo(1);
                duplicates += copies[i] - 1;
            }
            objectTotal += objects.size();
        }
        assertThat(objectsByShard.keySet()).as("shards with objects").isSubsetOf(byShard.keySet());
        return new Result(objectsByShard, duplicates, objectTotal);
    }

    private static byte[] gunzip(byte[] body) {
        try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(body))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
