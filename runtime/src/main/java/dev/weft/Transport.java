package dev.weft;

import java.net.InetSocketAddress;

/**
 * What carries a connection's bytes (asyncio's transport): a socket of the machine
 * ({@link SocketTransport}) or a link of a {@link SimulatedNetwork}. The {@link StreamReader} is
 * fed by it, the {@link StreamWriter} asks it to send what it buffered. All on the loop's thread.
 */
abstract class Transport {
    final EventLoop loop;
    private final InetSocketAddress local;
    private final InetSocketAddress remote;
    StreamReader reader;
    StreamWriter writer;

    /** Told once when the transport closes (the server's set of open connections). */
    private Runnable onClosed;

    Transport(EventLoop loop, InetSocketAddress local, InetSocketAddress remote) {
        this.loop = loop;
        this.local = local;
        this.remote = remote;
    }

    /** Connects the two ends of the stream pair to this transport. */
    final void attach(StreamReader reader, StreamWriter writer) {
        this.reader = reader;
        this.writer = writer;
    }

    final void onClosed(Runnable r) {
        onClosed = r;
    }

    /** The transport closed: tells whoever asked. */
    final void notifyClosed() {
        if (onClosed != null) {
            Runnable r = onClosed;
            onClosed = null;
            r.run();
        }
    }

    /** The writer buffered bytes: send them (now or after the current iteration). */
    abstract void writeRequested();

    /** The writer waits in {@code drain()}: send what can be sent now. */
    abstract void flushNow();

    /** The reader holds more than it may: stop reading from the peer. */
    abstract void pauseReading();

    /** The reader wants more: read from the peer again. */
    abstract void resumeReading();

    /** Half-close: once the buffered bytes are sent, tell the peer no more will come. */
    final void shutdownOutput() {
        writeRequested(); // the flush shuts the output down once the buffer is empty
    }

    /** Once the buffered bytes are sent, close; {@link StreamWriter#closed()} completes then. */
    final void close() {
        if (writer.buffered() == 0) {
            closeCleanly();
        } else {
            writeRequested(); // the flush closes once the buffer is empty
        }
    }

    /** Closes now, with nothing left to send: the peer reads the end of the stream. */
    abstract void closeCleanly();

    /** Closes now: buffered bytes are dropped and the peer sees a reset. */
    abstract void abort();

    final InetSocketAddress localAddress() {
        return local;
    }

    final InetSocketAddress remoteAddress() {
        return remote;
    }
}
