package dev.clickstream.archive.layout;

/** How an S3 object body is stored. */
public enum Compression {
    NONE(""),
    GZIP(".gz");

    private final String suffix;

    Compression(String suffix) {
        this.suffix = suffix;
    }

    /** Added to the object key, so readers can tell the format from the name. */
    public String suffix() {
        return suffix;
    }
}
