package dev.clickstream.tools.delete;

import dev.clickstream.common.counts.CountsTable;

/** The names the applications use when their configuration names nothing else, as in the original samples. */
public final class DefaultNames {
    public static final String STREAM = "kclnodejsclickstreamsample";
    /** The archiver's application name, which KCL also gives its lease table. */
    public static final String ARCHIVER_APPLICATION = "kclnodejsclickstreamsample";
    /** The referrer counter's application name (the data visualization sample's). */
    public static final String COUNTER_APPLICATION = "KinesisDataVisSample-HttpReferrerPairsCounter";
    public static final String COUNTS_TABLE = CountsTable.DEFAULT_NAME;
    public static final String BUCKET = "kinesis-clickstream-batchdata";
    public static final String REGION = "us-east-1";

    private DefaultNames() {}
}
