package dev.weft;

import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A listening socket (asyncio's {@code Server}), from {@link Streams#startServer} (a handler
 * task per connection) or {@link Streams#listen} (connections taken one by one with
 * {@link #accept()}).
 *
 * <p>{@link #close()} stops listening; connections already accepted go on. {@link #closed()}
 * completes once the server is closed and every handler task has ended (asyncio 3.12's
 * {@code wait_closed()}); {@link #closeClients()} and {@link #abortClients()} end the
 * connections. Bound to its loop.
 */
public final class Server extends LoopBound {
    private static final Logger LOG = Logger.getLogger("dev.weft");

    /** Where the connections come from: a listening socket or a simulated endpoint. */
    interface Listening {
        InetSocketAddress address();

        /** Whether to take connections from the backlog now (a task waits in accept). */
        void wantConnections(boolean want);

        void stop();
    }

    private final EventLoop loop;
    private final ConnectionHandler handler;
    private final int limit;
    private Listening listening;
    private boolean closing;
    private final Set<Connection> open = new LinkedHashSet<>();
    private int runningHandlers;
    private final Promise<Void> closedPromise = new Promise<>();
    private final ArrayDeque<Connection> backlog = new ArrayDeque<>();
    private final Accept accept = new Accept();
    private final WaitQueue acceptors = new WaitQueue(accept);
    private int connectionSequence;

    Server(EventLoop loop, ConnectionHandler handler, int limit) {
        this.loop = loop;
        this.handler = handler;
        this.limit = limit;
    }

    void listening(Listening l) {
        this.listening = l;
        l.wantConnections(handler != null);
    }

    /**
     * The address the server listens on (its port when it was asked for port 0).
     *
     * @return the address
     */
    public InetSocketAddress address() {
        return listening.address();
    }

    /**
     * The port the server listens on.
     *
     * @return the port
     */
    public int port() {
        return address().getPort();
    }

    /**
     * Whether it still accepts connections (asyncio's {@code is_serving()}).
     *
     * @return {@code true} until {@link #close()}
     */
    public boolean isServing() {
        return !closing;
    }

    /** A connection came in, over {@code transport}. */
    void accepted(Transport transport) {
        Connection c = new Connection(transport, limit);
        open.add(c);
        transport.onClosed(() -> open.remove(c));
        if (handler == null) {
            Task<?> waiter = acceptors.first();
            if (waiter != null && waiter.isWaitPending()) {
                waiter.wake(c);
            } else {
                backlog.add(c);
            }
            listening.wantConnections(firstPendingAcceptor() != null);
            return;
        }
        CoroutineFrame<?> frame = handler.handle(c.reader(), c.writer());
        InetSocketAddress peer = transport.remoteAddress();
        Task<?> task = loop.spawn(frame, "connection-" + (++connectionSequence) + " " + peer.getHostString() + ":" + peer.getPort());
        runningHandlers++;
        task.addDoneCallback(t -> handlerDone(t, c));
    }

    private void handlerDone(Task<?> t, Connection c) {
        runningHandlers--;
        Throwable failure = t.isCancelled() ? null : t.exception();
        if (failure != null) {
            // A connection error (a reset, an end mid-message) is the client's doing, not a bug of the handler.
            LOG.log(failure instanceof UncheckedIOException ? Level.FINE : Level.SEVERE,
                    "connection handler " + t.name() + " failed; its connection is closed", failure);
        }
        c.writer().close();
        completeIfClosed();
    }

    private Task<?> firstPendingAcceptor() {
        for (Task<?> t = acceptors.first(); t != null; t = WaitQueue.next(t)) {
            if (t.isWaitPending()) {
                return t;
            }
        }
        return null;
    }

    /**
     * The next connection (for a server from {@link Streams#listen}).
     *
     * @return an awaitable of the connection; it throws {@link UncheckedIOException} once the
     *     server is closed. Cancelling the waiting task leaves the server as it was.
     * @throws IllegalStateException on a server with a handler
     */
    public Awaitable<Connection> accept() {
        if (handler != null) {
            throw new IllegalStateException("this server hands its connections to its handler; accept() is for"
                    + " servers from Streams.listen");
        }
        return accept;
    }

    /** Stops listening (asyncio's {@code close()}); accepted connections go on. */
    public void close() {
        confineToLoop();
        if (closing) {
            return;
        }
        closing = true;
        listening.stop();
        UncheckedIOException e = closedError();
        for (Task<?> t = acceptors.first(); t != null; t = WaitQueue.next(t)) {
            t.wakeWithError(e);
        }
        completeIfClosed();
    }

    private static UncheckedIOException closedError() {
        return new UncheckedIOException("the server is closed", new ClosedChannelException());
    }

    /** Closes every accepted connection once what was written to it is sent. */
    public void closeClients() {
        for (Connection c : new ArrayList<>(open)) {
            c.writer().close();
        }
    }

    /** Aborts every accepted connection now. */
    public void abortClients() {
        for (Connection c : new ArrayList<>(open)) {
            c.writer().abort();
        }
    }

    /**
     * Completes once the server is closed and all its handler tasks ended (asyncio's
     * {@code wait_closed()}).
     *
     * @return the awaitable
     */
    public Awaitable<Void> closed() {
        return closedPromise;
    }

    private void completeIfClosed() {
        if (closing && runningHandlers == 0 && !closedPromise.isDone()) {
            closedPromise.complete(null);
        }
    }

    @Override
    public String toString() {
        return "Server[" + address() + (closing ? ", closed" : "") + ", " + open.size() + " connections]";
    }

    private final class Accept extends Awaitable<Connection> {
        @Override
        Object awaitBegin(Task<?> task) {
            confineToLoop();
            if (!backlog.isEmpty()) {
                return backlog.poll();
            }
            if (closing) {
                throw closedError();
            }
            Object s = acceptors.enqueue(task, this);
            listening.wantConnections(true);
            return s;
        }

        @Override
        boolean awaitEnd(Task<?> task) {
            acceptors.remove(task);
            if (!closing) {
                listening.wantConnections(firstPendingAcceptor() != null);
            }
            return true;
        }

        @Override
        String describeWait() {
            return "accept() of " + Server.this;
        }
    }
}
