package org.apache.parquet;

import java.util.HashMap;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.format.converter.ParquetMetadataConverter;

/**
 * Read options whose codec factory is the caller's. {@link ParquetReadOptions.Builder} always
 * makes parquet's Hadoop codec factory first, which loads Hadoop classes; the options' own
 * constructor does not, but is package-private, hence this class in parquet's package.
 */
public final class ReadOptionsWithoutHadoop {
    private static final int MAX_ALLOCATION = 8 * 1024 * 1024;

    private ReadOptionsWithoutHadoop() {}

    public static ParquetReadOptions create(CompressionCodecFactory codecs) {
        // the Builder's defaults, in the order of the constructor
        return new ParquetReadOptions(false, true, true, true, true, false, true, false, false, FilterCompat.NOOP,
                ParquetMetadataConverter.NO_FILTER, codecs, new HeapByteBufferAllocator(), MAX_ALLOCATION,
                new HashMap<>(), null, null, new PlainParquetConfiguration());
    }
}
