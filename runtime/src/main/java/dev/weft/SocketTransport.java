package dev.weft;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * A connection over a socket of the machine: a non-blocking {@link SocketChannel} registered
 * with the loop's selector. It reads when the socket is readable (up to four 64 KiB reads per
 * readiness) and feeds the reader, pausing while the reader holds too much; it writes what the
 * writer buffered after the iteration that buffered it, and the rest when the socket is writable
 * again (a partial write waits for {@code OP_WRITE}).
 */
final class SocketTransport extends Transport implements IoDriver.Handler, IoDriver.Rekeyed, IoDriver.Closeable {
    private static final int MAX_READS = 4;
    /** Bytes handed to one {@code write} call at most. */
    private static final int WRITE_CHUNK = 256 * 1024;

    private final SocketChannel channel;
    private final IoDriver io;
    private SelectionKey key;
    private boolean readPaused;
    private boolean eofReceived;
    private boolean writeWaits;
    private boolean flushQueued;
    private boolean outputShutDone;
    private boolean closed;

    /** Wraps a connected channel; {@code key} is its registration, or {@code null} to register. */
    SocketTransport(EventLoop loop, SocketChannel channel, SelectionKey key) throws IOException {
        super(loop, (InetSocketAddress) channel.getLocalAddress(), (InetSocketAddress) channel.getRemoteAddress());
        this.channel = channel;
        this.io = loop.io();
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        if (key == null) {
            this.key = io.register(channel, SelectionKey.OP_READ, this);
        } else {
            this.key = key;
            key.attach(this);
            io.interest(key, SelectionKey.OP_READ);
        }
    }

    @Override
    public void ready(int ops) {
        if ((ops & SelectionKey.OP_WRITE) != 0 && !closed) {
            flush();
        }
        if ((ops & SelectionKey.OP_READ) != 0 && !closed) {
            readSome();
        }
    }

    @Override
    public void keyCancelled() {
        closeNow(null);
    }

    @Override
    public void rekeyed(SelectionKey moved) {
        key = moved;
    }

    @Override
    public void closeWithLoop() {
        closeNow(null);
    }

    private void readSome() {
        ByteBuffer b = io.readBuffer();
        try {
            for (int i = 0; i < MAX_READS && !readPaused && !closed; i++) {
                b.clear();
                int n = channel.read(b);
                if (n < 0) {
                    eofReceived = true;
                    updateInterest();
                    reader.feedEof();
                    return;
                }
                if (n == 0) {
                    return;
                }
                b.flip();
                reader.feed(b);
                if (n < b.capacity()) {
                    return;
                }
            }
        } catch (IOException e) {
            closeNow(failure(e));
        }
    }

    /** Writes what the writer buffered, as far as the socket takes it now. */
    void flush() {
        flushQueued = false;
        if (closed) {
            return;
        }
        try {
            ByteBuffer p = writer.pending();
            int total = 0;
            while (p.hasRemaining()) {
                int limit = p.limit();
                if (p.remaining() > WRITE_CHUNK) {
                    p.limit(p.position() + WRITE_CHUNK);
                }
                int n = channel.write(p);
                p.limit(limit);
                if (n == 0) {
                    break;
                }
                total += n;
            }
            boolean rest = p.hasRemaining();
            if (total > 0) {
                writer.sent(total);
            }
            if (rest != writeWaits) {
                writeWaits = rest;
                updateInterest();
            }
            if (!rest) {
                if (writer.closing()) {
                    closeNow(null);
                } else if (writer.outputShut() && !outputShutDone) {
                    outputShutDone = true;
                    channel.shutdownOutput();
                }
            }
        } catch (IOException e) {
            closeNow(failure(e));
        }
    }

    private void updateInterest() {
        if (closed) {
            return;
        }
        int ops = (readPaused || eofReceived ? 0 : SelectionKey.OP_READ) | (writeWaits ? SelectionKey.OP_WRITE : 0);
        io.interest(key, ops);
    }

    private static RuntimeException failure(IOException e) {
        return new UncheckedIOException(e.getMessage() == null ? e.toString() : e.getMessage(), e);
    }

    /** Closes the socket; {@code error}: the failure that closed it, or {@code null}. */
    private void closeNow(RuntimeException error) {
        if (closed) {
            return;
        }
        closed = true;
        io.deregister(key);
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing is all that is left to do
        }
        if (error == null) {
            reader.feedEof();
        } else {
            reader.fail(error);
        }
        writer.closedBy(error);
        notifyClosed();
    }

    @Override
    void writeRequested() {
        if (!flushQueued && !closed) {
            flushQueued = true;
            io.flushLater(this);
        }
    }

    @Override
    void flushNow() {
        flush();
    }

    @Override
    void pauseReading() {
        readPaused = true;
        updateInterest();
    }

    @Override
    void resumeReading() {
        readPaused = false;
        updateInterest();
    }

    @Override
    void closeCleanly() {
        closeNow(null);
    }

    @Override
    void abort() {
        if (closed) {
            return;
        }
        try {
            channel.setOption(StandardSocketOptions.SO_LINGER, 0); // the peer sees a reset
        } catch (IOException | UnsupportedOperationException ignored) {
            // a plain close then
        }
        closeNow(null);
    }
}
