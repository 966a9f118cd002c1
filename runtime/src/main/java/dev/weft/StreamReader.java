package dev.weft;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The reading half of a connection (asyncio's {@code StreamReader}): bytes from the peer collect
 * in a buffer, and each read returns an awaitable that completes as soon as the buffer holds what
 * it asks for: {@code String line = await(reader.readLine());}.
 *
 * <ul>
 *   <li>One read at a time: a read started while another task waits in one throws
 *       {@link IllegalStateException}, as asyncio does.
 *   <li>Reads up to a separator stop at {@link #limit()} bytes (64 KiB unless the connection was
 *       opened with another) with a {@link LimitOverrunException}; the buffer holds at most about
 *       twice the limit before the connection stops reading from the peer (backpressure).
 *   <li>Cancelling a task that waits in a read (or a {@code waitFor} timeout around it) ends the
 *       wait and consumes nothing: the bytes that came stay buffered and the connection stays
 *       usable for the next read.
 *   <li>When the peer resets the connection, the waiting read and every later one throw the
 *       {@link java.io.UncheckedIOException} that says so, even if bytes are buffered.
 * </ul>
 *
 * <p>Bound to its loop: use it from the loop's tasks only.
 */
public final class StreamReader extends LoopBound {
    /** asyncio's default: 64 KiB. */
    public static final int DEFAULT_LIMIT = 64 * 1024;
    private static final byte[] NEWLINE = {'\n'};
    private static final byte[] EMPTY = {};

    private final int limit;
    private Transport transport;
    private final ByteQueue bytes = new ByteQueue(1024);
    private boolean eof;
    private boolean paused;
    private RuntimeException exception;
    /** The task waiting in a read (one at most: a queue so that task dumps list it), and its read. */
    private final WaitQueue waiters = new WaitQueue(null);
    private Read<?> waiting;

    StreamReader(int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        this.limit = limit;
    }

    void transport(Transport transport) {
        this.transport = transport;
    }

    /**
     * The most bytes a read up to a separator may return.
     *
     * @return the limit in bytes
     */
    public int limit() {
        return limit;
    }

    /**
     * Whether the peer ended the stream and every byte of it was read (asyncio's
     * {@code at_eof()}).
     *
     * @return {@code true} at the end of the stream
     */
    public boolean atEof() {
        return eof && bytes.isEmpty();
    }

    /**
     * How many bytes are buffered, ready to be read without waiting.
     *
     * @return the count
     */
    public int buffered() {
        return bytes.size();
    }

    /**
     * Reads up to {@code max} bytes: what is buffered (at most {@code max}) or, if nothing is,
     * what comes next; an empty array at the end of the stream. A negative {@code max} reads
     * until the end of the stream.
     *
     * @param max the most bytes to return; negative: all until the end
     * @return an awaitable of the bytes
     */
    public Awaitable<byte[]> read(int max) {
        return new Read<>(this, max < 0 ? Read.ALL : Read.SOME, max, null);
    }

    /**
     * Reads exactly {@code n} bytes.
     *
     * @param n how many
     * @return an awaitable of the bytes; it throws {@link IncompleteReadException}, with the bytes
     *     that came, if the stream ends first
     */
    public Awaitable<byte[]> readExactly(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("readExactly size can not be less than zero: " + n);
        }
        return new Read<>(this, Read.EXACTLY, n, null);
    }

    /**
     * Reads up to and including {@code separator}.
     *
     * @param separator the bytes that end the chunk (not empty)
     * @return an awaitable of the chunk with its separator; it throws
     *     {@link IncompleteReadException} if the stream ends first (the bytes are consumed) and
     *     {@link LimitOverrunException} if the chunk would be longer than {@link #limit()} (the
     *     bytes stay buffered)
     */
    public Awaitable<byte[]> readUntil(byte[] separator) {
        if (separator.length == 0) {
            throw new IllegalArgumentException("the separator should be at least one byte");
        }
        return new Read<>(this, Read.UNTIL, 0, separator.clone());
    }

    /**
     * Reads a line, decoded as UTF-8, without its terminator ({@code "\n"} or {@code "\r\n"}), as
     * {@link java.io.BufferedReader#readLine()} returns it: the last line may lack a terminator,
     * and {@code null} comes at the end of the stream.
     *
     * @return an awaitable of the line; it throws {@link LimitOverrunException} if the line is
     *     longer than {@link #limit()}, after dropping it
     */
    public Awaitable<String> readLine() {
        return new Read<>(this, Read.LINE, 0, NEWLINE);
    }

    // ------------------------------------------------------------------ fed by the transport

    /** Bytes from the peer. */
    void feed(ByteBuffer data) {
        int n = data.remaining();
        if (n == 0) {
            return;
        }
        bytes.append(data);
        deliver();
        // A read still waiting needs more than is buffered (readExactly(n), read(-1)): keep reading.
        if (!paused && bytes.size() > 2 * limit && waiters.isEmpty()) {
            paused = true;
            transport.pauseReading();
        }
    }

    /** The peer ended the stream. */
    void feedEof() {
        eof = true;
        deliver();
    }

    /** The connection failed: the waiting read and every later one throw {@code e}. */
    void fail(RuntimeException e) {
        if (exception == null) {
            exception = e;
        }
        Task<?> waiter = waiters.first();
        if (waiter != null && waiter.isWaitPending()) {
            waiter.wakeWithError(e);
        }
    }

    private void deliver() {
        Task<?> waiter = waiters.first();
        if (waiter == null || !waiter.isWaitPending()) {
            return;
        }
        Object outcome;
        try {
            outcome = waiting.attempt();
        } catch (RuntimeException e) {
            waiter.wakeWithError(e);
            return;
        }
        if (outcome != Awaitable.NOT_READY) {
            waiter.wake(outcome);
        }
    }

    private byte[] take(int n) {
        byte[] out = bytes.take(n);
        resumeIfDrained();
        return out;
    }

    private void consumed(int n) {
        bytes.consume(n);
        resumeIfDrained();
    }

    private void resumeIfDrained() {
        if (paused && bytes.size() <= limit) {
            paused = false;
            transport.resumeReading();
        }
    }

    @Override
    public String toString() {
        return "StreamReader[" + bytes.size() + " bytes buffered" + (eof ? ", eof" : "")
                + (exception != null ? ", failed: " + exception.getMessage() : "")
                + (paused ? ", paused" : "") + (waiters.isEmpty() ? "" : ", waiter: " + waiters.first().name())
                + "]";
    }

    // ------------------------------------------------------------------ the reads

    /** One read, awaited once: completes from the buffer at once or when enough has come. */
    private static final class Read<T> extends Awaitable<T> {
        static final int SOME = 0;
        static final int ALL = 1;
        static final int EXACTLY = 2;
        static final int UNTIL = 3;
        static final int LINE = 4;

        private final StreamReader reader;
        private final int kind;
        private final int n;
        private final byte[] separator;

        Read(StreamReader reader, int kind, int n, byte[] separator) {
            this.reader = reader;
            this.kind = kind;
            this.n = n;
            this.separator = separator;
        }

        @Override
        Object awaitBegin(Task<?> task) {
            StreamReader r = reader;
            r.confineToLoop();
            if (!r.waiters.isEmpty()) {
                throw new IllegalStateException(describeWait() + " called while " + r.waiters.first().name()
                        + " is already waiting for incoming data on this reader");
            }
            Object done = attempt();
            if (done != NOT_READY) {
                return done;
            }
            if (r.paused) {
                r.paused = false;
                r.transport.resumeReading();
            }
            r.waiting = this;
            return r.waiters.enqueue(task, this);
        }

        @Override
        boolean awaitEnd(Task<?> task) {
            if (reader.waiters.remove(task)) {
                reader.waiting = null;
            }
            return true;
        }

        /** The outcome if the buffer has it, {@link #NOT_READY} if more must come. */
        Object attempt() {
            StreamReader r = reader;
            if (r.exception != null) {
                throw r.exception;
            }
            int size = r.bytes.size();
            switch (kind) {
                case SOME:
                    if (n == 0) {
                        return EMPTY;
                    }
                    return size > 0 ? r.take(Math.min(n, size)) : r.eof ? EMPTY : NOT_READY;
                case ALL:
                    return r.eof ? r.take(size) : NOT_READY;
                case EXACTLY:
                    if (size >= n) {
                        return r.take(n);
                    }
                    if (r.eof) {
                        throw new IncompleteReadException(r.take(size), n);
                    }
                    return NOT_READY;
                default:
                    return untilSeparator(r, size);
            }
        }

        private Object untilSeparator(StreamReader r, int size) {
            int stop = r.bytes.indexAfter(separator);
            int chunk = stop - r.bytes.start;
            if (stop >= 0 && chunk <= r.limit) {
                return kind == LINE ? r.line(stop) : r.take(chunk);
            }
            if (stop >= 0 || size > r.limit) {
                int over = stop >= 0 ? chunk : size;
                if (kind == LINE) {
                    r.consumed(over); // asyncio's readline() drops the over-long line
                }
                throw new LimitOverrunException(stop >= 0
                        ? "separator is found, but chunk is longer than limit (" + r.limit + " bytes)"
                        : "separator is not found, and chunk exceeds the limit (" + r.limit + " bytes)",
                        over);
            }
            if (!r.eof) {
                return NOT_READY;
            }
            if (kind == LINE) {
                return size == 0 ? null : r.line(r.bytes.end);
            }
            throw new IncompleteReadException(r.take(size), -1);
        }

        @Override
        String describeWait() {
            switch (kind) {
                case SOME: return "read(" + n + ")";
                case ALL: return "read(-1)";
                case EXACTLY: return "readExactly(" + n + ")";
                case UNTIL: return "readUntil(" + separator.length + "-byte separator)";
                default: return "readLine()";
            }
        }

        @Override
        public String toString() {
            return describeWait() + " of " + reader;
        }
    }

    /** The line ending just before {@code stop} (after its '\n'), without "\n" or "\r\n". */
    private String line(int stop) {
        byte[] buf = bytes.buf;
        int start = bytes.start;
        int e = stop;
        if (e > start && buf[e - 1] == '\n') {
            e--;
            if (e > start && buf[e - 1] == '\r') {
                e--;
            }
        }
        String s = new String(buf, start, e - start, StandardCharsets.UTF_8);
        consumed(stop - start);
        return s;
    }
}
