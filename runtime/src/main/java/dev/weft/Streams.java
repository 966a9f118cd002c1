package dev.weft;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * TCP connections and servers on the event loop, asyncio's streams API with Java's names:
 *
 * <pre>{@code
 * Connection c = await(openConnection("example.org", 80));
 * c.writer().write("GET / HTTP/1.0\r\n\r\n");
 * String status = await(c.reader().readLine());
 *
 * Server server = await(startServer((r, w) -> EchoCoroutines.serve(r, w), "127.0.0.1", 8080));
 * await(server.closed());
 * }</pre>
 *
 * The loop waits for its sockets in a {@link java.nio.channels.Selector}, with its timers and the
 * callbacks of other threads; a task waiting on a socket is never reported as a deadlock. Host
 * names other than IP literals and {@code "localhost"} are looked up on the
 * {@linkplain Weft#toThread toThread} pool, never on the loop's thread. On a loop that
 * {@linkplain EventLoop#useNetwork uses} a {@link SimulatedNetwork}, the same calls connect
 * endpoints of that network instead, on virtual time.
 *
 * <p>Every operation can be cancelled and put under {@link Weft#waitFor}: a cancelled connect
 * closes its socket; a cancelled read, drain or accept leaves the connection or server usable.
 */
public final class Streams {
    private Streams() {
    }

    /**
     * Opens a TCP connection (asyncio's {@code open_connection()}), with no timeout of its own.
     *
     * @param host a host name or IP address
     * @param port the port
     * @return an awaitable of the connection; it throws {@link UncheckedIOException} (with a
     *     {@link java.net.ConnectException} cause when refused) if it fails
     */
    public static Awaitable<Connection> openConnection(String host, int port) {
        return new Open(host, port, -1);
    }

    /**
     * {@link #openConnection(String, int)} that gives up after {@code timeout}, with a
     * {@link TimedOutException}, closing the socket it was connecting.
     *
     * @param host a host name or IP address
     * @param port the port
     * @param timeout how long connecting may take, including the name lookup
     * @return an awaitable of the connection
     */
    public static Awaitable<Connection> openConnection(String host, int port, Duration timeout) {
        return new Open(host, port, Math.max(0, LoopClock.toNanos(timeout)));
    }

    /**
     * Starts a server (asyncio's {@code start_server()}): each accepted connection runs
     * {@code handler}'s coroutine as a task of its own, and is closed when it ends.
     *
     * @param handler what serves a connection
     * @param host the address to listen on: an IP literal, {@code "localhost"}, or {@code null}
     *     for every address
     * @param port the port; 0 picks a free one ({@link Server#port()})
     * @return an awaitable of the server, listening
     */
    public static Awaitable<Server> startServer(ConnectionHandler handler, String host, int port) {
        return startServer(handler, host, port, 100);
    }

    /**
     * {@link #startServer(ConnectionHandler, String, int)} with the length of the queue of
     * connections the system accepts before the server takes them.
     *
     * @param handler what serves a connection
     * @param host the address to listen on
     * @param port the port
     * @param backlog the system's accept queue (asyncio's default: 100)
     * @return an awaitable of the server
     */
    public static Awaitable<Server> startServer(ConnectionHandler handler, String host, int port, int backlog) {
        if (handler == null) {
            throw new NullPointerException("handler");
        }
        return new Start(handler, host, port, backlog);
    }

    /**
     * A server whose connections are taken one by one with {@link Server#accept()}: the
     * shape of a socket's {@code accept} (Flowno's {@code sock_accept}).
     *
     * @param host the address to listen on
     * @param port the port
     * @return an awaitable of the server
     */
    public static Awaitable<Server> listen(String host, int port) {
        return new Start(null, host, port, 100);
    }

    /** Picks the machine's sockets or the loop's simulated network when awaited. */
    private static final class Open extends Awaitable<Connection> {
        private final String host;
        private final int port;
        private final long timeoutNanos;

        Open(String host, int port, long timeoutNanos) {
            if (host == null) {
                throw new NullPointerException("host");
            }
            AddressLookup.checkPort(port);
            this.host = host;
            this.port = port;
            this.timeoutNanos = timeoutNanos;
        }

        @Override
        Object awaitBegin(Task<?> task) throws Throwable {
            SimulatedNetwork net = task.loop.network();
            Awaitable<Connection> connect = net != null ? net.connect(host, port, timeoutNanos)
                    : new SocketConnect(host, port, timeoutNanos, StreamReader.DEFAULT_LIMIT);
            return connect.awaitBegin(task);
        }

        @Override
        public String toString() {
            return "openConnection(" + host + ", " + port + ")";
        }
    }

    /** Binds a server when awaited, after a lookup off the loop if the host needs one. */
    private static final class Start extends Awaitable<Server> {
        private final ConnectionHandler handler;
        private final String host;
        private final int port;
        private final int backlog;

        Start(ConnectionHandler handler, String host, int port, int backlog) {
            AddressLookup.checkPort(port);
            this.handler = handler;
            this.host = host;
            this.port = port;
            this.backlog = backlog;
        }

        @Override
        Object awaitBegin(Task<?> task) throws Throwable {
            EventLoop loop = task.loop;
            Server server = new Server(loop, handler, StreamReader.DEFAULT_LIMIT);
            SimulatedNetwork net = loop.network();
            if (net != null) {
                server.listening(net.listen(server, host, port));
                return server;
            }
            InetSocketAddress address = AddressLookup.immediate(host, port);
            if (address != null) {
                return bind(loop, server, address);
            }
            Promise<Server> bound = new Promise<>();
            AddressLookup.start(loop, host, port, (a, failure) -> {
                if (failure != null) {
                    bound.fail(failure);
                    return;
                }
                try {
                    bound.complete(bind(loop, server, a));
                } catch (RuntimeException e) {
                    bound.fail(e);
                }
            });
            return bound.awaitBegin(task);
        }

        private Server bind(EventLoop loop, Server server, InetSocketAddress address) {
            try {
                server.listening(new SocketListener(loop, server, address, backlog));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot listen on " + address + ": " + e.getMessage(), e);
            }
            return server;
        }

        @Override
        public String toString() {
            return (handler == null ? "listen(" : "startServer(") + host + ", " + port + ")";
        }
    }
}
