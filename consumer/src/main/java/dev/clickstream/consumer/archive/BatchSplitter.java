package dev.clickstream.consumer.archive;

import dev.clickstream.archive.layout.ArchiveFormat;
import dev.clickstream.archive.layout.ArchiveKey;
import dev.clickstream.archive.layout.ArchiveKey.Position;
import dev.clickstream.archive.layout.Compression;
import dev.clickstream.archive.layout.HivePartition;
import dev.clickstream.archive.layout.TimePrefix;
import dev.clickstream.archive.parquet.ParquetObjectWriter;
import dev.clickstream.archive.parquet.ParquetRows;
import dev.clickstream.archive.rows.EventParser;
import dev.clickstream.archive.rows.RowSchema;
import dev.clickstream.common.cli.CliException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.apache.parquet.io.api.Binary;

/**
 * Turns a batch whose records were kept ({@link BatchRecords}) into its objects: one per
 * partition, where a partition is the values of {@code s3.partitionBy} plus the time prefix of
 * each record's own arrival time (so a batch that spans a boundary of the pattern is split), and
 * one per error reason under the error prefix. Every name comes from the records alone (first and
 * last record of the object, with sub-sequence numbers), so the same batch read again after a
 * crash gives the same set of objects. Thread-safe.
 */
public final class BatchSplitter {
    private final String prefix;
    private final TimePrefix timePrefix;
    private final ArchiveOutput output;
    private final Compression compression;
    private final EventParser parser;
    private final ParquetObjectWriter parquet;
    /** Where each {@code s3.partitionBy} field is in the parser's values. */
    private final int[] partitionFields;

    public BatchSplitter(ArchiverSettings settings) {
        this.prefix = settings.prefix();
        this.timePrefix = settings.timePrefix();
        this.output = settings.output();
        this.compression = settings.compression();
        // the schema's fields first, so a record's values are its columns in order
        LinkedHashMap<String, RowSchema.FieldType> wanted = new LinkedHashMap<>();
        if (output.parquet()) {
            output.schema().fields().forEach(f -> wanted.put(f.name(), f.type()));
        }
        output.partitionBy().forEach(f -> wanted.putIfAbsent(f, null));
        this.parser = new EventParser(wanted);
        this.partitionFields = output.partitionBy().stream().mapToInt(parser.names()::indexOf).toArray();
        this.parquet = output.parquet() ? new ParquetObjectWriter(output.schema(), output.codec().parquetName()) : null;
        if (output.parquet()) {
            selfCheck();
        }
    }

    /**
     * Splits a one-record batch in memory (nothing is uploaded): a Parquet writer that cannot work
     * (a codec, a class missing from the jar) fails the start-up instead of the first batch, and its
     * classes are loaded before the shards are read rather than while the first batch waits.
     */
    private void selfCheck() {
        RecordBuffer buffer = new RecordBuffer(1024, 0, true);
        buffer.add(ByteBuffer.wrap("{}".getBytes(java.nio.charset.StandardCharsets.UTF_8)), "0", 0, "", 0, 0);
        try {
            split("shardId-000000000000", buffer.drain());
        } catch (RuntimeException | LinkageError e) {
            throw CliException.runtime("s3.format=PARQUET: the Parquet writer does not work here: " + e);
        }
    }

    /** A partition's path segments: the field partitions and the time prefix. */
    private record Place(List<HivePartition> partitions, String time) {}

    /** The one place of an archive without partitions or time prefix. */
    private static final Place EVERYWHERE = new Place(List.of(), "");

    public List<ArchiveObject> split(String shardId, Batch batch) {
        BatchRecords kept = batch.kept();
        byte[] bytes = batch.bytes();
        boolean parseRows = output.parquet() && output.schema() != RowSchema.PAYLOAD;
        boolean parse = parseRows || !output.partitionBy().isEmpty();
        Object[] values = new Object[parser.names().size()];
        // the event fields by column and record; the parser gives each distinct text of the batch
        // as one String: a batch waits with its rows, and the collector copies each object it holds
        int columnCount = parseRows ? output.schema().fields().size() : 0;
        Object[][] columns = new Object[columnCount][kept.size()];
        // each place's records by index, unboxed
        Map<Place, IntStream.Builder> places = new LinkedHashMap<>();
        Map<String, IntStream.Builder> errors = new TreeMap<>();
        try (EventParser.Records records = parser.records(bytes, batch.length())) {
            for (int i = 0; i < kept.size(); i++) {
                int start = kept.start(i);
                int end = kept.end(i);
                String error = parse ? records.parse(start, end - start, values) : null;
                if (parseRows && error != null) {
                    errors.computeIfAbsent(error, r -> IntStream.builder()).add(i);
                    continue;
                }
                if (!output.parquet() && end == start) {
                    continue; // raw objects skip empty records, as the original
                }
                if (error != null) {
                    Arrays.fill(values, null); // partitioned as a record without the fields
                }
                Place place = place(values, kept.arrival(i));
                places.computeIfAbsent(place, p -> IntStream.builder()).add(i);
                for (int f = 0; f < columnCount; f++) {
                    columns[f][i] = values[f];
                }
            }
        }
        List<ArchiveObject> objects = new ArrayList<>(places.size() + errors.size());
        places.forEach((place, rows) -> objects.add(output.parquet()
                ? parquetObject(shardId, batch, place, rows.build().toArray(), columns)
                : rawObject(shardId, batch, place, rows.build().toArray())));
        errors.forEach((reason, rows) -> objects.add(errorObject(shardId, batch, reason, rows.build().toArray())));
        return objects;
    }

    private Place place(Object[] values, long arrival) {
        if (partitionFields.length == 0 && timePrefix.isNone()) {
            return EVERYWHERE;
        }
        List<HivePartition> partitions = new ArrayList<>(partitionFields.length);
        for (int k = 0; k < partitionFields.length; k++) {
            Object value = values[partitionFields[k]];
            partitions.add(new HivePartition(output.partitionBy().get(k), value == null ? "" : value.toString()));
        }
        return new Place(partitions, timePrefix.format(Instant.ofEpochMilli(arrival)));
    }

    private String key(String keyPrefix, Place place, String shardId, BatchRecords kept, int[] rows,
                       String extension) {
        int first = rows[0];
        int last = rows[rows.length - 1];
        List<String> time = place.time().isEmpty() ? List.of() : Arrays.asList(place.time().split("/"));
        return new ArchiveKey(keyPrefix, place.partitions(), time, shardId,
                new Position(kept.sequence(first), kept.subSequence(first)),
                new Position(kept.sequence(last), kept.subSequence(last)), extension).format(true);
    }

    private ArchiveObject rawObject(String shardId, Batch batch, Place place, int[] rows) {
        byte[] body = lines(batch, rows);
        String extension = output.fileExtension() + compression.suffix();
        if (compression == Compression.GZIP) {
            body = S3BatchUploader.gzip(body, body.length);
        }
        return new ArchiveObject(key(prefix, place, shardId, batch.kept(), rows, extension), ByteBuffer.wrap(body),
                ArchiveFormat.RAW.contentType(compression, output.fileExtension()), rows.length, null);
    }

    private ArchiveObject errorObject(String shardId, Batch batch, String reason, int[] rows) {
        return new ArchiveObject(key(output.errorPrefix() + reason + "/", new Place(List.of(), ""), shardId,
                batch.kept(), rows, ""), ByteBuffer.wrap(lines(batch, rows)), "application/octet-stream", rows.length,
                reason);
    }

    private static byte[] lines(Batch batch, int[] rows) {
        BatchRecords kept = batch.kept();
        ByteArrayOutputStream out = new ByteArrayOutputStream(rows.length == kept.size() ? batch.length() : 4096);
        for (int i : rows) {
            out.write(batch.bytes(), kept.start(i), kept.end(i) - kept.start(i) + 1); // with its newline
        }
        return out.toByteArray();
    }

    private ArchiveObject parquetObject(String shardId, Batch batch, Place place, int[] rows,
                                       Object[][] columns) {
        BatchRecords kept = batch.kept();
        byte[] text = kept.text();
        ParquetRows view = new ParquetRows() {
            @Override
            public int size() {
                return rows.length;
            }

            @Override
            public String shardId(int n) {
                return shardId;
            }

            @Override
            public Object field(int n, int f) {
                return columns[f][rows[n]];
            }

            @Override
            public Binary payload(int n) {
                int i = rows[n];
                return Binary.fromConstantByteArray(batch.bytes(), kept.start(i), kept.end(i) - kept.start(i));
            }

            @Override
            public long arrivalMillis(int n) {
                return kept.arrival(rows[n]);
            }

            @Override
            public Binary sequenceNumber(int n) {
                int i = rows[n];
                return Binary.fromConstantByteArray(text, kept.sequenceStart(i), kept.sequenceEnd(i) - kept.sequenceStart(i));
            }

            @Override
            public long subSequenceNumber(int n) {
                return kept.subSequence(rows[n]);
            }

            @Override
            public Binary partitionKey(int n) {
                int i = rows[n];
                return Binary.fromConstantByteArray(text, kept.sequenceEnd(i), kept.partitionKeyEnd(i) - kept.sequenceEnd(i));
            }
        };
        byte[] body = parquet.write(view, batch.length());
        return new ArchiveObject(key(prefix, place, shardId, kept, rows, ArchiveFormat.PARQUET_EXTENSION),
                ByteBuffer.wrap(body), ArchiveFormat.PARQUET.contentType(Compression.NONE, ""), rows.length, null);
    }
}
