package dev.clickstream.counter.kcl;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import software.amazon.kinesis.processor.RecordProcessorCheckpointer;

/** Records the checkpoints a processor asks for; every other call is unexpected. */
final class FakeCheckpointer {
    final List<String> checkpoints = new ArrayList<>();

    RecordProcessorCheckpointer proxy() {
        return (RecordProcessorCheckpointer) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {RecordProcessorCheckpointer.class}, (p, method, args) -> {
                    if (method.getName().equals("checkpoint")) {
                        checkpoints.add(args == null ? "SHARD_END" : String.valueOf(args[0]));
                        return null;
                    }
                    if (method.getName().equals("toString")) {
                        return "FakeCheckpointer";
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
