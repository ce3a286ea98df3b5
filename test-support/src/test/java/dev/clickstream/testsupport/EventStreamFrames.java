package dev.clickstream.testsupport;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardRequest;

/**
 * The raw bytes of SubscribeToShard answers as the SDK receives them (an interceptor that copies
 * the body on its way to the SDK's own decoder), read back as event-stream messages with both
 * CRCs checked independently of the SDK.
 */
final class EventStreamFrames implements ExecutionInterceptor {
    record Frame(Map<String, String> headers, String payload) {}

    private final ByteArrayOutputStream raw = new ByteArrayOutputStream();
    private final List<String> contentTypes = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public Optional<Publisher<ByteBuffer>> modifyAsyncHttpResponseContent(Context.ModifyHttpResponse context,
                                                                         ExecutionAttributes attributes) {
        Optional<Publisher<ByteBuffer>> body = context.responsePublisher();
        if (!(context.request() instanceof SubscribeToShardRequest) || body.isEmpty()) return body;
        contentTypes.add(context.httpResponse().firstMatchingHeader("Content-Type").orElse("none"));
        Publisher<ByteBuffer> original = body.get();
        return Optional.of(subscriber -> original.subscribe(new Subscriber<ByteBuffer>() {
            @Override
            public void onSubscribe(Subscription subscription) {
                subscriber.onSubscribe(subscription);
            }

            @Override
            public void onNext(ByteBuffer buffer) {
                ByteBuffer copy = buffer.duplicate();
                byte[] bytes = new byte[copy.remaining()];
                copy.get(bytes);
                synchronized (raw) {
                    raw.writeBytes(bytes);
                }
                subscriber.onNext(buffer);
            }

            @Override
            public void onError(Throwable t) {
                subscriber.onError(t);
            }

            @Override
            public void onComplete() {
                subscriber.onComplete();
            }
        }));
    }

    /** The Content-Type of each SubscribeToShard answer. */
    List<String> contentTypes() {
        return contentTypes;
    }

    /** The complete messages received so far; throws if a CRC or a length does not add up. */
    List<Frame> frames() {
        byte[] bytes;
        synchronized (raw) {
            bytes = raw.toByteArray();
        }
        List<Frame> frames = new ArrayList<>();
        ByteBuffer in = ByteBuffer.wrap(bytes);
        while (in.remaining() >= 12) {
            int start = in.position();
            int total = in.getInt(start);
            int headersLength = in.getInt(start + 4);
            if (in.remaining() < total) break;
            check(crc(bytes, start, 8), in.getInt(start + 8), "prelude CRC of the message at byte " + start);
            check(crc(bytes, start, total - 4), in.getInt(start + total - 4), "message CRC of the message at byte " + start);
            Map<String, String> headers = new LinkedHashMap<>();
            in.position(start + 12);
            while (in.position() < start + 12 + headersLength) {
                byte[] name = new byte[in.get() & 0xff];
                in.get(name);
                int type = in.get();
                if (type != 7) throw new AssertionError("header " + new String(name, StandardCharsets.UTF_8) + " of type " + type);
                byte[] value = new byte[in.getShort() & 0xffff];
                in.get(value);
                headers.put(new String(name, StandardCharsets.UTF_8), new String(value, StandardCharsets.UTF_8));
            }
            String payload = new String(bytes, start + 12 + headersLength, total - 16 - headersLength, StandardCharsets.UTF_8);
            frames.add(new Frame(headers, payload));
            in.position(start + total);
        }
        return frames;
    }

    private static int crc(byte[] bytes, int offset, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }

    private static void check(int computed, int sent, String what) {
        if (computed != sent) {
            throw new AssertionError(what + ": sent " + Integer.toHexString(sent) + ", computed " + Integer.toHexString(computed));
        }
    }
}
