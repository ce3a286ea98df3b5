package dev.clickstream.testsupport;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.kinesis.exceptions.ShutdownException;
import software.amazon.kinesis.processor.Checkpointer;
import software.amazon.kinesis.processor.PreparedCheckpointer;
import software.amazon.kinesis.processor.RecordProcessorCheckpointer;

/**
 * A RecordProcessorCheckpointer for unit tests of record processors: records each checkpoint as
 * its sequence number, or {@code SHARD_END} for {@code checkpoint()}. Thread-safe, since commit
 * paths checkpoint from their own threads. After {@link #loseLease()} every checkpoint throws
 * ShutdownException, as the KCL's does once the lease is gone. Prepared checkpoints are not used
 * by this project's processors and are refused.
 */
public final class FakeCheckpointer implements RecordProcessorCheckpointer {
    private final List<String> checkpoints = new CopyOnWriteArrayList<>();
    private volatile boolean leaseLost;

    /** The checkpoints so far, oldest first. */
    public List<String> checkpoints() {
        return List.copyOf(checkpoints);
    }

    /** From now on every checkpoint fails with ShutdownException. */
    public void loseLease() {
        leaseLost = true;
    }

    @Override
    public void checkpoint() throws ShutdownException {
        record("SHARD_END");
    }

    @Override
    public void checkpoint(Record record) throws ShutdownException {
        record(record.sequenceNumber());
    }

    @Override
    public void checkpoint(String sequenceNumber) throws ShutdownException {
        record(sequenceNumber);
    }

    @Override
    public void checkpoint(String sequenceNumber, long subSequenceNumber) throws ShutdownException {
        record(sequenceNumber);
    }

    private void record(String what) throws ShutdownException {
        if (leaseLost) {
            throw new ShutdownException("lease lost (FakeCheckpointer)");
        }
        checkpoints.add(what);
    }

    @Override
    public PreparedCheckpointer prepareCheckpoint() {
        throw unsupported();
    }

    @Override
    public PreparedCheckpointer prepareCheckpoint(byte[] applicationState) {
        throw unsupported();
    }

    @Override
    public PreparedCheckpointer prepareCheckpoint(Record record) {
        throw unsupported();
    }

    @Override
    public PreparedCheckpointer prepareCheckpoint(Record record, byte[] applicationState) {
        throw unsupported();
    }

    @Override
    public PreparedCheckpointer prepareCheckpoint(String sequenceNumber) {
        throw unsupported();
    }

    @Override
    public PreparedCheckpointer prepareCheckpoint(String sequenceNumber, byte[] applicationState) {
        throw unsupported();
    }

    @Override
    public PreparedCheckpointer prepareCheckpoint(String sequenceNumber, long subSequenceNumber) {
        throw unsupported();
    }

    @Override
    public PreparedCheckpointer prepareCheckpoint(String sequenceNumber, long subSequenceNumber,
                                                  byte[] applicationState) {
        throw unsupported();
    }

    @Override
    public Checkpointer checkpointer() {
        throw unsupported();
    }

    @Override
    public String toString() {
        return "FakeCheckpointer" + checkpoints;
    }

    private static UnsupportedOperationException unsupported() {
        return new UnsupportedOperationException("not used by this project's processors");
    }
}
