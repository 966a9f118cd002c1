package dev.weft;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The bytes a stream holds in order: appended at the end, consumed from the start, in one array
 * that is compacted or doubled as it fills. What a {@link StreamReader} has received and not read,
 * and what a {@link StreamWriter} has buffered and not sent. {@code buf[start..end)} holds them.
 */
final class ByteQueue {
    private static final byte[] EMPTY = {};

    byte[] buf;
    int start;
    int end;

    ByteQueue(int initialCapacity) {
        buf = new byte[initialCapacity];
    }

    int size() {
        return end - start;
    }

    boolean isEmpty() {
        return start == end;
    }

    void append(byte[] src, int off, int len) {
        makeRoom(len);
        System.arraycopy(src, off, buf, end, len);
        end += len;
    }

    void append(ByteBuffer src) {
        int len = src.remaining();
        makeRoom(len);
        src.get(buf, end, len);
        end += len;
    }

    /** Drops the first {@code n} bytes. */
    void consume(int n) {
        start += n;
        if (start == end) {
            start = 0;
            end = 0;
        }
    }

    /** Removes and returns the first {@code n} bytes. */
    byte[] take(int n) {
        byte[] out = n == 0 ? EMPTY : Arrays.copyOfRange(buf, start, start + n);
        consume(n);
        return out;
    }

    void clear() {
        start = 0;
        end = 0;
    }

    /** A view of the bytes, for a channel to write from; {@link #consume} what it wrote. */
    ByteBuffer view() {
        return ByteBuffer.wrap(buf, start, end - start);
    }

    /** The index just after the first occurrence of {@code sep}, or -1. */
    int indexAfter(byte[] sep) {
        byte first = sep[0];
        outer:
        for (int i = start, last = end - sep.length; i <= last; i++) {
            if (buf[i] != first) {
                continue;
            }
            for (int k = 1; k < sep.length; k++) {
                if (buf[i + k] != sep[k]) {
                    continue outer;
                }
            }
            return i + sep.length;
        }
        return -1;
    }

    private void makeRoom(int n) {
        if (end + n <= buf.length) {
            return;
        }
        int size = end - start;
        if (size + n <= buf.length / 2) {
            System.arraycopy(buf, start, buf, 0, size);
        } else {
            byte[] bigger = new byte[Math.max(Math.max(256, buf.length * 2), size + n)];
            System.arraycopy(buf, start, bigger, 0, size);
            buf = bigger;
        }
        start = 0;
        end = size;
    }
}
