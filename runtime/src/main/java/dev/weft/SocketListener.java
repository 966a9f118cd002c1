package dev.weft;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.logging.Level;
import java.util.logging.Logger;

/** A {@link Server}'s listening socket: accepts while the server wants connections. */
final class SocketListener implements Server.Listening, IoDriver.Handler, IoDriver.Rekeyed, IoDriver.Closeable {
    private static final Logger LOG = Logger.getLogger("dev.weft");
    /** Connections taken per readiness at most, so that one busy listener cannot starve the loop. */
    private static final int ACCEPTS_PER_WAKE = 64;

    private final EventLoop loop;
    private final Server server;
    private final ServerSocketChannel channel;
    private final InetSocketAddress address;
    private SelectionKey key;
    private boolean want;
    private boolean stopped;

    SocketListener(EventLoop loop, Server server, InetSocketAddress bindTo, int backlog) throws IOException {
        this.loop = loop;
        this.server = server;
        this.channel = ServerSocketChannel.open();
        try {
            channel.configureBlocking(false);
            channel.bind(bindTo, backlog);
            this.address = (InetSocketAddress) channel.getLocalAddress();
            this.key = loop.io().register(channel, 0, this);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public InetSocketAddress address() {
        return address;
    }

    @Override
    public void wantConnections(boolean want) {
        if (!stopped && want != this.want) {
            this.want = want;
            loop.io().interest(key, want ? SelectionKey.OP_ACCEPT : 0);
        }
    }

    @Override
    public void ready(int readyOps) {
        for (int i = 0; i < ACCEPTS_PER_WAKE && want && !stopped; i++) {
            SocketChannel c;
            try {
                c = channel.accept();
            } catch (IOException e) {
                // asyncio logs and goes on: a failed accept (too many open files) must not end the server
                LOG.log(Level.WARNING, "accept failed on " + address, e);
                return;
            }
            if (c == null) {
                return;
            }
            try {
                server.accepted(new SocketTransport(loop, c, null));
            } catch (IOException e) {
                LOG.log(Level.FINE, "an accepted connection failed at once", e);
                closeQuietly(c);
            }
        }
    }

    private static void closeQuietly(SocketChannel c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // nothing else to do
        }
    }

    @Override
    public void keyCancelled() {
        stop();
    }

    @Override
    public void rekeyed(SelectionKey moved) {
        key = moved;
    }

    @Override
    public void closeWithLoop() {
        stop();
    }

    @Override
    public void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        loop.io().deregister(key);
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
