package dev.clickstream.tools.archive;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * The archiver's raw format: each record's data followed by "\n", gunzipped first when the key
 * ends in .gz. Empty lines are no records (the archiver skips records without data).
 */
public final class RawFormat implements ObjectFormat {
    private static final int BUFFER = 64 * 1024;

    @Override
    public RecordReader open(ArchivedObject object, InputStream body) throws IOException {
        InputStream in;
        try {
            in = new BufferedInputStream(object.gzip() ? new GZIPInputStream(body, BUFFER) : body, BUFFER);
        } catch (IOException e) {
            body.close();
            throw e;
        }
        return new RecordReader() {
            private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);

            @Override
            public ArchiveRecord next() throws IOException {
                line.reset();
                for (int b; (b = in.read()) >= 0; ) {
                    if (b != '\n') {
                        line.write(b);
                    } else if (line.size() > 0) {
                        return ArchiveRecord.raw(object.shardId(), line.toByteArray());
                    }
                }
                // a last record without its "\n" is a cut-off body: still a record
                return line.size() > 0 ? ArchiveRecord.raw(object.shardId(), line.toByteArray()) : null;
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }
}
