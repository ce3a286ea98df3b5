package dev.clickstream.consumer.kcl;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsRequest;

/**
 * The KCL's Kinesis client in polling mode, with GetRecords made by a blocking client on the
 * calling thread and every other call passed to the async one. The KCL's prefetch thread waits
 * for each GetRecords future anyway; the blocking client parses the answer as it streams in,
 * where the async one gathers each answer of up to 10,000 records in a growing byte array and
 * copies it before parsing (a third of the consumer's allocation, docs/benchmarks.md), and it
 * takes the answers off the Netty event loop that the S3 uploads and checkpoints share. It is the
 * client the bare GetRecords loop of the backlog benchmark uses.
 *
 * <p>An exception of the blocking call fails the returned future, as the async client's would, so
 * the KCL maps it the same way (expired iterator, throttling, ...). {@code close()} closes both.
 */
final class BlockingGetRecords implements InvocationHandler {
    private final KinesisAsyncClient async;
    private final KinesisClient blocking;

    private BlockingGetRecords(KinesisAsyncClient async, KinesisClient blocking) {
        this.async = async;
        this.blocking = blocking;
    }

    static KinesisAsyncClient wrap(KinesisAsyncClient async, KinesisClient blocking) {
        return (KinesisAsyncClient) Proxy.newProxyInstance(KinesisAsyncClient.class.getClassLoader(),
                new Class<?>[] {KinesisAsyncClient.class}, new BlockingGetRecords(async, blocking));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (isGetRecords(method, args)) {
            try {
                return CompletableFuture.completedFuture(blocking.getRecords((GetRecordsRequest) args[0]));
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        if (method.getName().equals("close") && method.getParameterCount() == 0) {
            blocking.close();
        }
        try {
            return method.invoke(async, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static boolean isGetRecords(Method method, Object[] args) {
        return method.getName().equals("getRecords") && args != null && args.length == 1
                && args[0] instanceof GetRecordsRequest;
    }
}
