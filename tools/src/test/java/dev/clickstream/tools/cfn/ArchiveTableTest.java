package dev.clickstream.tools.cfn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clickstream.archive.layout.ArchiveFormat;
import dev.clickstream.archive.parquet.ParquetObjectReader;
import dev.clickstream.archive.rows.ArchiveRow;
import dev.clickstream.consumer.archive.ArchiveObject;
import dev.clickstream.consumer.archive.ArchiverSettings;
import dev.clickstream.consumer.archive.Batch;
import dev.clickstream.consumer.archive.BatchSplitter;
import dev.clickstream.consumer.archive.RecordBuffer;
import dev.clickstream.consumer.config.ConfigSource;
import dev.clickstream.consumer.config.ConsumerConfig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.parquet.format.ConvertedType;
import org.apache.parquet.format.FieldRepetitionType;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.LogicalType;
import org.apache.parquet.format.SchemaElement;
import org.apache.parquet.format.Util;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * clickstream.yaml's Glue table describes what the consumers of the same stack write. For each
 * choice of the archive parameters, the consumer's configuration is loaded from the rendered user
 * data, a batch goes through the archiver's own splitter, and then: the table's columns are the
 * Parquet file's columns with their types (less the partition columns), and the location Athena
 * computes from the table's partition projection for each row's own values is the object's key.
 */
class ArchiveTableTest {
    private static final Path TEMPLATE =
            Path.of(System.getProperty("templatesDir", "../cloudformation")).resolve("clickstream.yaml");
    private static final Pattern CONSUMER_PROPERTIES =
            Pattern.compile("(?ms)^cat > /etc/clickstream/sample\\.properties <<'EOF'\\n(.*?)^EOF$");
    private static final String SHARD = "shardId-000000000001";
    private static final Instant BEFORE_FIVE = Instant.parse("2026-12-06T04:59:59.999Z");
    private static final Instant AT_FIVE = Instant.parse("2026-12-06T05:00:00Z");
    private static final List<String> PARQUET_RESOURCES = List.of("ArchiveDatabase", "ArchiveTable",
            "AthenaWorkGroup", "ArchiveQueryPolicy");

    static Stream<Map<String, String>> parquetStacks() {
        return Stream.of(
                Map.of("ArchiveFormat", "parquet"),
                Map.of("ArchiveFormat", "parquet", "ArchivePrefix", "clicks/", "ArchivePartitionBy", "resource"),
                Map.of("ArchiveFormat", "parquet", "ArchivePrefix", "archive/clicks/", "ArchivePartitionBy", "referrer"),
                Map.of("ArchiveFormat", "parquet", "ArchivePartitionBy", "resource",
                        "ArchivePartitionValues", "resource-0,resource-1"));
    }

    @ParameterizedTest
    @MethodSource("parquetStacks")
    void athenaFindsEachObjectWhereTheConsumerWritesItWithTheFilesColumns(Map<String, String> parameters,
                                                                          @TempDir Path dir) throws Exception {
        SampleStack stack = new SampleStack(CfnYaml.read(TEMPLATE), parameters);
        ArchiverSettings settings = consumerSettings(stack, dir);
        JsonNode table = stack.properties("ArchiveTable").path("TableInput");
        JsonNode storage = table.path("StorageDescriptor");

        List<ArchiveObject> objects = new BatchSplitter(settings).split(SHARD, batch());

        assertThat(settings.output().format()).isEqualTo(ArchiveFormat.PARQUET);
        assertThat(objects).hasSizeGreaterThanOrEqualTo(2).allMatch(o -> o.errorReason() == null);
        assertThat(storage.path("Location").asText()).isEqualTo("s3://" + settings.bucket() + "/" + settings.prefix());
        assertThat(table.path("Parameters").path("parquet.compression").asText())
                .isEqualTo(settings.output().codec().parquetName().name());
        Map<String, String> partitionKeys = columns(table.path("PartitionKeys"));
        for (String field : settings.output().partitionBy()) {
            // known values let queries leave the field out; otherwise they must name it
            assertThat(table.path("Parameters").path("projection." + field + ".type").asText())
                    .isEqualTo(parameters.containsKey("ArchivePartitionValues") ? "enum" : "injected");
        }
        for (ArchiveObject object : objects) {
            byte[] body = bytes(object);
            Map<String, String> fileColumns = hiveColumns(body);
            Map<String, String> dataColumns = new LinkedHashMap<>(fileColumns);
            dataColumns.keySet().removeAll(partitionKeys.keySet());
            assertThat(columns(storage.path("Columns"))).as(object.key()).containsExactlyEntriesOf(dataColumns);
            partitionKeys.forEach((name, type) -> {
                if (fileColumns.containsKey(name)) {
                    assertThat(type).as("partition column " + name).isEqualTo(fileColumns.get(name));
                }
            });
            String objectDirectory = "s3://" + settings.bucket() + "/" + object.key().substring(0,
                    object.key().lastIndexOf(SHARD + "/"));
            for (ArchiveRow row : new ParquetObjectReader().read(body)) {
                assertThat(AthenaProjection.location(table, partitionValues(row, partitionKeys.keySet())))
                        .as(object.key()).isEqualTo(objectDirectory);
            }
        }
    }

    @Test
    void aRawStackHasNoTableAndKeepsTheOriginalsKeys(@TempDir Path dir) throws Exception {
        SampleStack stack = new SampleStack(CfnYaml.read(TEMPLATE));

        ArchiverSettings settings = consumerSettings(stack, dir);

        assertThat(settings.output().format()).isEqualTo(ArchiveFormat.RAW);
        assertThat(settings.prefix()).isEmpty();
        assertThat(settings.timePrefix().isNone()).isTrue();
        assertThat(settings.output().partitionBy()).isEmpty();
        assertThat(PARQUET_RESOURCES).noneMatch(stack::creates);
        assertThat(PARQUET_RESOURCES).allMatch(new SampleStack(CfnYaml.read(TEMPLATE),
                Map.of("ArchiveFormat", "parquet"))::creates);
    }

    /** The consumers register nothing (projection); analysts read the table and the archive's prefix only. */
    @Test
    void onlyTheQueryPolicyNamesGlueAndItReadsWithoutWritingTheArchive() throws Exception {
        SampleStack stack = new SampleStack(CfnYaml.read(TEMPLATE),
                Map.of("ArchiveFormat", "parquet", "ArchivePrefix", "clicks/"));
        JsonNode consumer = stack.properties("ConsumerRole");
        JsonNode query = stack.properties("ArchiveQueryPolicy").path("PolicyDocument").path("Statement");

        assertThat(consumer.toString()).doesNotContain("glue:").doesNotContain("athena:");
        Map<String, List<String>> resourcesByAction = new LinkedHashMap<>();
        for (JsonNode statement : query) {
            for (String action : texts(statement.path("Action"))) {
                resourcesByAction.computeIfAbsent(action, a -> new ArrayList<>()).addAll(texts(statement.path("Resource")));
            }
        }
        assertThat(resourcesByAction.keySet()).filteredOn(a -> a.startsWith("glue:")).allMatch(a -> a.startsWith("glue:Get"));
        assertThat(resourcesByAction.get("s3:PutObject")).containsExactly("sample-archivebucket-arn/athena-results/*");
        assertThat(resourcesByAction.get("s3:GetObject")).containsExactlyInAnyOrder(
                "sample-archivebucket-arn/clicks/*", "sample-archivebucket-arn/athena-results/*");
        assertThat(resourcesByAction.get("glue:GetTable")).contains(
                "arn:aws:glue:eu-west-1:123456789012:table/clickstream-ci-archivedatabase/clickstream-ci-archivetable");
        assertThat(stack.properties("AthenaWorkGroup").path("WorkGroupConfiguration").path("ResultConfiguration")
                .path("OutputLocation").asText()).isEqualTo("s3://clickstream-ci-archivebucket/athena-results/");
    }

    /** Two click events in one hour, one in the next with other field values: at least two objects. */
    private static Batch batch() {
        RecordBuffer buffer = new RecordBuffer(1 << 20, 0, true);
        String[] events = {
            "{\"resource\":\"resource-1\",\"referrer\":\"http://www.amazon.com\"}",
            "{\"resource\":\"resource-1\",\"referrer\":\"http://www.amazon.com\"}",
            "{\"resource\":\"resource-0\",\"referrer\":\"http://reddit.com\"}",
        };
        long seq = 49_590_000_000_000_000L;
        for (int i = 0; i < events.length; i++) {
            Instant arrival = i < 2 ? BEFORE_FIVE : AT_FIVE;
            buffer.add(ByteBuffer.wrap(events[i].getBytes(StandardCharsets.UTF_8)), Long.toString(seq + i), 0,
                    "pk-" + i, arrival.toEpochMilli(), arrival.toEpochMilli());
        }
        return buffer.drain();
    }

    /** The consumer's archiver settings from the properties file the stack's user data writes. */
    private static ArchiverSettings consumerSettings(SampleStack stack, Path dir) throws IOException {
        ConsumerConfig config = consumerConfig(stack, dir);
        assertThat(config.processing().processor().toString()).isEqualTo("s3-archiver");
        return ArchiverSettings.from(config.values());
    }

    /** The consumer's configuration, loaded as the consumer loads it, from the file the stack's user data writes. */
    static ConsumerConfig consumerConfig(SampleStack stack, Path dir) throws IOException {
        Matcher m = CONSUMER_PROPERTIES.matcher(stack.userData().get("ConsumerLaunchTemplate"));
        assertThat(m.find()).as("the consumer's user data writes sample.properties").isTrue();
        Path file = Files.writeString(dir.resolve("sample.properties"), m.group(1));
        return ConfigSource.load(file, Map.of(), Map.of()).config();
    }

    /** What a partition column holds for the row: its own field, or the UTC date and hour of its arrival. */
    private static Map<String, Object> partitionValues(ArchiveRow row, Iterable<String> keys) {
        ZonedDateTime arrival = row.arrival().atZone(ZoneOffset.UTC);
        Map<String, Object> values = new LinkedHashMap<>();
        for (String key : keys) {
            values.put(key, switch (key) {
                case "dt" -> arrival.toLocalDate().toString();
                case "hour" -> arrival.getHour();
                default -> row.fields().get(key);
            });
        }
        return values;
    }

    /**
     * The Hive type of each column as Athena reads it from the file's own footer (the Thrift
     * schema every Parquet reader reads), in file order.
     */
    private static Map<String, String> hiveColumns(byte[] parquet) throws IOException {
        int n = parquet.length;
        assertThat(new String(parquet, n - 4, 4, StandardCharsets.US_ASCII)).isEqualTo("PAR1");
        int length = ByteBuffer.wrap(parquet, n - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        FileMetaData footer = Util.readFileMetaData(new ByteArrayInputStream(parquet, n - 8 - length, length));
        List<SchemaElement> schema = footer.getSchema();
        Map<String, String> out = new LinkedHashMap<>();
        for (SchemaElement column : schema.subList(1, schema.size())) {
            out.put(column.getName(), hiveType(column));
        }
        assertThat(out).hasSize(schema.get(0).getNum_children());
        return out;
    }

    private static String hiveType(SchemaElement column) {
        if (column.isSetNum_children() || column.getRepetition_type() == FieldRepetitionType.REPEATED) {
            throw new AssertionError("not a flat column: " + column);
        }
        LogicalType logical = column.getLogicalType();
        boolean plain = logical == null && !column.isSetConverted_type();
        return switch (column.getType()) {
            case BYTE_ARRAY -> plain ? "binary"
                    : (logical != null && logical.isSetSTRING()) || column.getConverted_type() == ConvertedType.UTF8
                            ? "string" : fail(column);
            case INT64 -> plain ? "bigint"
                    : logical != null && logical.isSetTIMESTAMP() && !logical.getTIMESTAMP().getUnit().isSetNANOS()
                            ? "timestamp" : fail(column);
            case INT32 -> plain ? "int" : fail(column);
            case BOOLEAN -> "boolean";
            case DOUBLE -> "double";
            case FLOAT -> "float";
            default -> fail(column);
        };
    }

    private static String fail(SchemaElement column) {
        throw new AssertionError("no Hive type for " + column);
    }

    private static Map<String, String> columns(JsonNode list) {
        Map<String, String> out = new LinkedHashMap<>();
        list.forEach(c -> out.put(c.path("Name").asText(), c.path("Type").asText()));
        return out;
    }

    static List<String> texts(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> out.add(n.asText()));
        } else {
            out.add(node.asText());
        }
        return out;
    }

    private static byte[] bytes(ArchiveObject object) {
        ByteBuffer b = object.body().duplicate();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}
