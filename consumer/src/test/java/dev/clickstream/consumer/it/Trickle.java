package dev.clickstream.consumer.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;

/**
 * Test helper: a steady trickle of records into a stream, on a thread of its own, so that every
 * read finds records and only record time cuts batches. Remembers what it wrote.
 */
public final class Trickle implements AutoCloseable {
    private final List<StreamWriter.Written> written = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean writing = new AtomicBoolean(true);
    private final Thread thread;

    /** Starts writing {@code batch.apply(i)} for i = 0, 1, … every 50 ms. */
    public Trickle(StreamWriter writer, IntFunction<List<byte[]>> batch) {
        thread = new Thread(() -> {
            for (int i = 0; writing.get(); i++) {
                written.addAll(writer.put(batch.apply(i)));
                try {
                    Thread.sleep(50); // pacing the producer, not synchronising the test
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "trickle");
        thread.start();
    }

    /** Stops writing and returns everything written. */
    public List<StreamWriter.Written> stop() throws InterruptedException {
        writing.set(false);
        thread.join(Duration.ofSeconds(30).toMillis());
        return List.copyOf(written);
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
