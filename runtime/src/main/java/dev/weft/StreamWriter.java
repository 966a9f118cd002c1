package dev.weft;

import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The writing half of a connection (asyncio's {@code StreamWriter}). {@link #write} buffers and
 * returns at once; the buffered bytes leave after the current iteration of the loop, so the
 * writes a task makes before it next waits go out together. {@link #drain()} is the
 * backpressure: it waits while more than the high-water mark (64 KiB) is buffered, until at most
 * the low-water mark (16 KiB) is.
 *
 * <p>{@link #shutdownOutput()} half-closes (the peer reads the end of the stream, this side may
 * still read); {@link #close()} closes once the buffer is sent; {@link #abort()} closes at once and
 * drops the buffer. {@link #closed()} completes when the connection is closed, whatever closed it.
 * Cancelling a task that waits in {@code drain()} ends its wait; the buffered bytes are still
 * sent. A connection whose peer reset it makes {@code drain()} and {@code write} throw the
 * {@link UncheckedIOException} that says so.
 *
 * <p>Bound to its loop: use it from the loop's tasks only.
 */
public final class StreamWriter extends LoopBound {
    /** Default high-water mark of the buffer, as asyncio's: 64 KiB. */
    public static final int HIGH_WATER = 64 * 1024;
    /** Default low-water mark: a quarter of the high one. */
    public static final int LOW_WATER = HIGH_WATER / 4;

    private final Transport transport;
    private final ByteQueue out = new ByteQueue(0);
    private boolean closing;
    private boolean outputShut;
    private RuntimeException failure;
    private final Promise<Void> closedPromise = new Promise<>();
    private final Drain drain = new Drain();
    /** The tasks waiting in {@code drain()}. */
    private final WaitQueue drainers = new WaitQueue(drain);

    StreamWriter(Transport transport) {
        this.transport = transport;
    }

    /**
     * Buffers {@code data} to send; never waits. Follow a series of writes with
     * {@code await(writer.drain())} where the peer may read slower than this side writes.
     *
     * @param data the bytes
     * @throws IllegalStateException after {@link #close()}, {@link #abort()} or
     *     {@link #shutdownOutput()}
     * @throws UncheckedIOException if the connection failed
     */
    public void write(byte[] data) {
        write(data, 0, data.length);
    }

    /**
     * Buffers {@code len} bytes of {@code data} from {@code off}.
     *
     * @param data the bytes
     * @param off where they start
     * @param len how many
     */
    public void write(byte[] data, int off, int len) {
        confineToLoop();
        if (failure != null) {
            throw failure;
        }
        if (closing || outputShut) {
            throw new IllegalStateException("write after " + (closing ? "close()" : "shutdownOutput()"));
        }
        if (off < 0 || len < 0 || off + len > data.length) {
            throw new IndexOutOfBoundsException("off " + off + ", len " + len + ", length " + data.length);
        }
        if (len == 0) {
            return;
        }
        boolean wasEmpty = out.isEmpty();
        out.append(data, off, len);
        if (wasEmpty) {
            transport.writeRequested();
        }
    }

    /**
     * Buffers {@code text} encoded as UTF-8.
     *
     * @param text the text
     */
    public void write(String text) {
        write(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Waits until the buffer is below the low-water mark, if it is above the high one (asyncio's
     * {@code drain()}); sends what it can at once either way.
     *
     * @return the awaitable; it throws the connection's failure if it failed
     */
    public Awaitable<Void> drain() {
        return drain;
    }

    /**
     * How many bytes are buffered, not yet handed to the network.
     *
     * @return the count
     */
    public int buffered() {
        return out.size();
    }

    /**
     * Half-closes: after the buffered bytes, the peer reads the end of the stream
     * (asyncio's {@code write_eof()}). Reading goes on.
     */
    public void shutdownOutput() {
        confineToLoop();
        if (!outputShut && !closing && failure == null) {
            outputShut = true;
            transport.shutdownOutput();
        }
    }

    /** Closes the connection once the buffered bytes are sent; {@link #closed()} completes then. */
    public void close() {
        confineToLoop();
        if (!closing) {
            closing = true;
            transport.close();
        }
    }

    /** Closes the connection now, dropping what is buffered; the peer sees a reset. */
    public void abort() {
        confineToLoop();
        closing = true;
        out.clear();
        transport.abort();
    }

    /**
     * Whether {@link #close()} or {@link #abort()} was called, or the connection is closed
     * (asyncio's {@code is_closing()}).
     *
     * @return {@code true} if closing or closed
     */
    public boolean isClosing() {
        return closing || closedPromise.isDone();
    }

    /**
     * Completes when the connection is closed (asyncio's {@code wait_closed()}), by either side,
     * by {@link #abort()} or by a failure.
     *
     * @return the awaitable
     */
    public Awaitable<Void> closed() {
        return closedPromise;
    }

    /**
     * This side's address.
     *
     * @return the local address
     */
    public InetSocketAddress localAddress() {
        return transport.localAddress();
    }

    /**
     * The peer's address.
     *
     * @return the remote address
     */
    public InetSocketAddress remoteAddress() {
        return transport.remoteAddress();
    }

    @Override
    public String toString() {
        return "StreamWriter[" + localAddress() + " -> " + remoteAddress() + ", " + buffered()
                + " bytes buffered" + (closing ? ", closing" : "") + (closedPromise.isDone() ? ", closed" : "")
                + (failure != null ? ", failed: " + failure.getMessage() : "") + "]";
    }

    // ------------------------------------------------------------------ the transport's side

    /** The buffered bytes, as a view the transport sends from and then {@link #sent}s. */
    ByteBuffer pending() {
        return out.view();
    }

    /** {@code n} buffered bytes left; wakes the drainers once at most the low-water mark remains. */
    void sent(int n) {
        out.consume(n);
        if (out.size() <= LOW_WATER) {
            for (Task<?> t = drainers.first(); t != null; t = WaitQueue.next(t)) {
                t.wake(null);
            }
        }
    }

    /** The transport is closed; {@code error} if it failed, {@code null} if it closed cleanly. */
    void closedBy(RuntimeException error) {
        if (error != null && failure == null) {
            failure = error;
        }
        out.clear();
        for (Task<?> t = drainers.first(); t != null; t = WaitQueue.next(t)) {
            if (failure != null) {
                t.wakeWithError(failure);
            } else {
                t.wake(null);
            }
        }
        if (!closedPromise.isDone()) {
            closedPromise.complete(null);
        }
    }

    boolean outputShut() {
        return outputShut;
    }

    boolean closing() {
        return closing;
    }

    /** {@code drain()}: the one awaitable of a writer, awaited by any number of tasks. */
    private final class Drain extends Awaitable<Void> {
        @Override
        Object awaitBegin(Task<?> task) {
            confineToLoop();
            if (failure != null) {
                throw failure;
            }
            if (out.size() > HIGH_WATER) {
                transport.flushNow();
            }
            if (failure != null) {
                throw failure;
            }
            if (out.size() <= HIGH_WATER || closedPromise.isDone()) {
                return null;
            }
            return drainers.enqueue(task, this);
        }

        @Override
        boolean awaitEnd(Task<?> task) {
            drainers.remove(task);
            return true;
        }

        @Override
        String describeWait() {
            return "drain() of " + StreamWriter.this;
        }
    }
}
