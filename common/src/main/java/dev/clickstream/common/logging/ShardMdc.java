package dev.clickstream.common.logging;

import org.slf4j.MDC;

/**
 * The shard a log line is about, in the MDC as the KCL's own sample processors put it: set when a
 * record processor's method (or a thread working for one shard) starts, removed when it ends, so
 * messages need not repeat the shard id. The logback pattern shows it as {@code [shardId-…]}.
 */
public final class ShardMdc {
    public static final String KEY = "ShardId";

    private ShardMdc() {}

    /** {@code try (var mdc = ShardMdc.put(shardId)) { … }}: the shard id for the lines logged inside. */
    public static MDC.MDCCloseable put(String shardId) {
        return MDC.putCloseable(KEY, shardId);
    }
}
