package dev.clickstream.archive.parquet;

import io.airlift.compress.Compressor;
import io.airlift.compress.Decompressor;
import io.airlift.compress.snappy.SnappyCompressor;
import io.airlift.compress.snappy.SnappyDecompressor;
import io.airlift.compress.zstd.ZstdCompressor;
import io.airlift.compress.zstd.ZstdDecompressor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.Supplier;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Parquet's page codecs on aircompressor's pure-Java ZSTD and Snappy: no JNI, and no Hadoop class
 * loaded (parquet's own CodecFactory loads Hadoop's codec classes). Uncompressed pages too.
 */
public final class PureJavaCodecs implements CompressionCodecFactory {

    /** The codecs this factory has. */
    public static boolean supports(CompressionCodecName codec) {
        return codec == CompressionCodecName.ZSTD || codec == CompressionCodecName.SNAPPY
                || codec == CompressionCodecName.UNCOMPRESSED;
    }

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        return switch (codec) {
            case ZSTD -> new PageCompressor(codec, ZstdCompressor::new);
            case SNAPPY -> new PageCompressor(codec, SnappyCompressor::new);
            case UNCOMPRESSED -> new PageCompressor(codec, null);
            default -> throw new IllegalArgumentException("no pure-Java codec for " + codec);
        };
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        return switch (codec) {
            case ZSTD -> new PageDecompressor(ZstdDecompressor::new);
            case SNAPPY -> new PageDecompressor(SnappyDecompressor::new);
            case UNCOMPRESSED -> new PageDecompressor(null);
            default -> throw new IllegalArgumentException("no pure-Java codec for " + codec);
        };
    }

    @Override
    public void release() {
        // nothing pooled
    }

    /**
     * One writer's compressor: pages are compressed one at a time, and the page writer copies each
     * result before it asks for the next (as parquet's own compressors assume), so the input and
     * output arrays are reused instead of allocated per page.
     */
    private static final class PageCompressor implements BytesInputCompressor {
        private final CompressionCodecName codec;
        private final Compressor compressor;
        private final ExposedBuffer in = new ExposedBuffer();
        private byte[] out = new byte[0];

        PageCompressor(CompressionCodecName codec, Supplier<Compressor> compressor) {
            this.codec = codec;
            this.compressor = compressor == null ? null : compressor.get();
        }

        @Override
        public BytesInput compress(BytesInput input) throws IOException {
            if (compressor == null) {
                return input;
            }
            in.reset();
            input.writeAllTo(in);
            int max = compressor.maxCompressedLength(in.size());
            if (out.length < max) {
                out = new byte[max];
            }
            int n = compressor.compress(in.array(), 0, in.size(), out, 0, out.length);
            return BytesInput.from(out, 0, n);
        }

        @Override
        public CompressionCodecName getCodecName() {
            return codec;
        }

        @Override
        public void release() {
            // nothing pooled
        }
    }

    /** A byte stream whose array is read in place. */
    private static final class ExposedBuffer extends ByteArrayOutputStream {
        byte[] array() {
            return buf;
        }
    }

    private static final class PageDecompressor implements BytesInputDecompressor {
        private final Decompressor decompressor;

        PageDecompressor(Supplier<Decompressor> decompressor) {
            this.decompressor = decompressor == null ? null : decompressor.get();
        }

        @Override
        public BytesInput decompress(BytesInput input, int uncompressedSize) throws IOException {
            if (decompressor == null) {
                return input;
            }
            byte[] in = input.toByteArray();
            byte[] out = new byte[uncompressedSize];
            decompressor.decompress(in, 0, in.length, out, 0, uncompressedSize);
            return BytesInput.from(out);
        }

        @Override
        public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize)
                throws IOException {
            byte[] in = new byte[compressedSize];
            input.get(in);
            BytesInput out = decompress(BytesInput.from(in), uncompressedSize);
            output.put(out.toByteArray());
        }

        @Override
        public void release() {
            // nothing pooled
        }
    }
}
