package dev.clickstream.tools.archive;

import java.io.IOException;
import java.io.InputStream;

/** Turns an object's body into its records: one implementation per archive format. */
public interface ObjectFormat {
    /** Reads {@code body}, which the reader closes when it is closed. */
    RecordReader open(ArchivedObject object, InputStream body) throws IOException;
}
