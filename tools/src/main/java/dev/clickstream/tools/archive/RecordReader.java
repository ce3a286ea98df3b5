package dev.clickstream.tools.archive;

import java.io.Closeable;
import java.io.IOException;

/** The records of one archive object, in the order the archiver wrote them. */
public interface RecordReader extends Closeable {
    /** The next record, or null after the last. */
    ArchiveRecord next() throws IOException;
}
