package dev.clickstream.archive.parquet;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.nio.ByteBuffer;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.io.SeekableInputStream;

/** A Parquet file held in a byte array: an S3 object's body, written or read whole. */
final class InMemoryFiles {
    private InMemoryFiles() {}

    /** Collects what the writer writes; {@link #bytes()} once it is closed. */
    static final class Output implements OutputFile {
        private final ByteArrayOutputStream out;

        Output(int initialCapacity) {
            out = new ByteArrayOutputStream(initialCapacity);
        }

        @Override
        public PositionOutputStream create(long blockSizeHint) {
            return stream();
        }

        @Override
        public PositionOutputStream createOrOverwrite(long blockSizeHint) {
            out.reset();
            return stream();
        }

        private PositionOutputStream stream() {
            return new PositionOutputStream() {
                @Override
                public long getPos() {
                    return out.size();
                }

                @Override
                public void write(int b) {
                    out.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    out.write(b, off, len);
                }
            };
        }

        @Override
        public boolean supportsBlockSize() {
            return false;
        }

        @Override
        public long defaultBlockSize() {
            return 0;
        }

        @Override
        public String getPath() {
            return "memory";
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    /** Reads a whole object's bytes. */
    static final class Input implements InputFile {
        private final byte[] bytes;

        Input(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public long getLength() {
            return bytes.length;
        }

        @Override
        public SeekableInputStream newStream() {
            return new SeekableInputStream() {
                private int pos;

                @Override
                public long getPos() {
                    return pos;
                }

                @Override
                public void seek(long newPos) throws EOFException {
                    if (newPos < 0 || newPos > bytes.length) {
                        throw new EOFException("seek to " + newPos + " in " + bytes.length + " bytes");
                    }
                    pos = (int) newPos;
                }

                @Override
                public int read() {
                    return pos < bytes.length ? bytes[pos++] & 0xff : -1;
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    if (pos >= bytes.length) {
                        return -1;
                    }
                    int n = Math.min(len, bytes.length - pos);
                    System.arraycopy(bytes, pos, b, off, n);
                    pos += n;
                    return n;
                }

                @Override
                public void readFully(byte[] b) throws EOFException {
                    readFully(b, 0, b.length);
                }

                @Override
                public void readFully(byte[] b, int off, int len) throws EOFException {
                    if (len > bytes.length - pos) {
                        throw new EOFException("need " + len + " bytes at " + pos + " of " + bytes.length);
                    }
                    System.arraycopy(bytes, pos, b, off, len);
                    pos += len;
                }

                @Override
                public int read(ByteBuffer buf) {
                    if (pos >= bytes.length && buf.hasRemaining()) {
                        return -1;
                    }
                    int n = Math.min(buf.remaining(), bytes.length - pos);
                    buf.put(bytes, pos, n);
                    pos += n;
                    return n;
                }

                @Override
                public void readFully(ByteBuffer buf) throws EOFException {
                    if (buf.remaining() > bytes.length - pos) {
                        throw new EOFException("need " + buf.remaining() + " bytes at " + pos + " of " + bytes.length);
                    }
                    read(buf);
                }
            };
        }
    }
}
