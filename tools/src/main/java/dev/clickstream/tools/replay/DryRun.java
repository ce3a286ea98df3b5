package dev.clickstream.tools.replay;

import dev.clickstream.common.cli.CliException;
import dev.clickstream.common.errors.Errors;
import dev.clickstream.tools.archive.ArchiveRecord;
import dev.clickstream.tools.archive.ArchivedObject;
import dev.clickstream.tools.archive.ObjectFormats;
import dev.clickstream.tools.archive.RecordReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.s3.S3Client;

/** {@code replay --dry-run}: reads the selected objects and lists what would be put, putting nothing. */
record DryRun(S3Client s3, String bucket, Selection selection, PrintWriter out) {

    void list(List<Selection.Dated> selected) {
        long records = 0;
        long bytes = 0;
        Instant first = null;
        Instant last = null;
        for (Selection.Dated d : selected) {
            ArchivedObject o = d.object();
            long n = 0;
            long size = 0;
            Instant time = d.time();
            try (RecordReader reader = ObjectFormats.of(o.encoding())
                    .open(o, s3.getObject(r -> r.bucket(bucket).key(o.key())))) {
                for (ArchiveRecord record; (record = reader.next()) != null; ) {
                    if (selection.accepts(record)) {
                        n++;
                        size += record.payload().length;
                        time = record.arrival().orElse(time);
                    }
                }
            } catch (IOException e) {
                throw CliException.runtime("cannot read object " + o.key() + ": " + Errors.describe(e));
            }
            out.println("would replay " + o.key() + ": " + n + " records, " + size + " bytes, dated " + d.time());
            records += n;
            bytes += size;
            first = first == null || d.time().isBefore(first) ? d.time() : first;
            last = last == null || time.isAfter(last) ? time : last;
        }
        out.println("dry run: " + selected.size() + " objects, " + records + " records, " + bytes + " bytes, dated "
                + first + " to " + last + " (" + selection.describe() + "); nothing was put");
        out.flush();
    }
}
