package dev.weft;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * An in-memory network for tests, behind the same {@link Streams} API: on a loop that
 * {@linkplain EventLoop#useNetwork uses} it, {@code startServer} listens on a named endpoint
 * ({@code "db", 5432}) and {@code openConnection} connects to one, with no socket, on the loop's
 * virtual time, so a test of a client and a server runs in microseconds and the same seed gives
 * the same run, event for event.
 *
 * <ul>
 *   <li>Every chunk a writer sends arrives after a latency drawn from the seed between
 *       {@link #latency min and max} (default 1 to 5 ms); chunks of one connection arrive in
 *       order, chunks of different connections may overtake each other.
 *   <li>Connecting takes two latencies (the server accepts after the first); a connection to an
 *       endpoint where nothing listens is refused ({@link UncheckedIOException} with a
 *       {@link ConnectException}), as is a share of them with {@link #refuseProbability}.
 *   <li>{@link #resetProbability} resets a connection at the arrival of a chunk; {@link #reset}
 *       resets every connection of a host now; bytes arriving at an end that was closed reset the
 *       sender, as TCP does.
 *   <li>{@link #partition} cuts a host off: what is in flight to or from it, and connections to
 *       it, wait until {@link #heal}; a {@code waitFor} around an operation times out meanwhile.
 *   <li>{@link #events()} lists what happened, with its virtual time, for exact assertions.
 * </ul>
 *
 * Clients connect from host {@code "client"} with ports from 49152 up. The simulated links buffer
 * without limit: a writer's {@code drain()} never waits for the peer. Not thread-safe: one loop.
 */
public final class SimulatedNetwork {
    private final long seed;
    private final Random random;
    private long minLatency = 1_000_000;
    private long maxLatency = 5_000_000;
    private double refuseProbability;
    private double resetProbability;
    private final Map<String, Endpoint> listeners = new HashMap<>();
    private final Set<String> partitioned = new HashSet<>();
    private final List<Runnable> held = new ArrayList<>();
    private final List<Link> links = new ArrayList<>();
    private final List<String> events = new ArrayList<>();
    private int nextPort = 49152;

    /**
     * A network whose latencies and faults are drawn from {@code seed}.
     *
     * @param seed the seed
     */
    public SimulatedNetwork(long seed) {
        this.seed = seed;
        this.random = new Random(seed);
    }

    /**
     * The seed the network draws from.
     *
     * @return the seed
     */
    public long seed() {
        return seed;
    }

    /**
     * Sets the range of the latency of each chunk and connection step.
     *
     * @param min the shortest
     * @param max the longest, at least {@code min}
     * @return this network
     */
    public SimulatedNetwork latency(Duration min, Duration max) {
        long lo = LoopClock.toNanos(min);
        long hi = LoopClock.toNanos(max);
        if (lo < 0 || hi < lo) {
            throw new IllegalArgumentException("latency range " + min + " .. " + max);
        }
        minLatency = lo;
        maxLatency = hi;
        return this;
    }

    /**
     * Makes a share of connections to listening endpoints be refused.
     *
     * @param p the probability, 0 to 1
     * @return this network
     */
    public SimulatedNetwork refuseProbability(double p) {
        refuseProbability = probability(p);
        return this;
    }

    /**
     * Makes a share of chunk arrivals reset their connection instead.
     *
     * @param p the probability, 0 to 1
     * @return this network
     */
    public SimulatedNetwork resetProbability(double p) {
        resetProbability = probability(p);
        return this;
    }

    private static double probability(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("a probability is between 0 and 1: " + p);
        }
        return p;
    }

    /**
     * Cuts {@code host} off until {@link #heal(String)}.
     *
     * @param host the host
     */
    public void partition(String host) {
        partitioned.add(host);
        event("partition " + host);
    }

    /**
     * Reconnects {@code host}: what waited for it arrives now, in the order it was sent.
     *
     * @param host the host
     */
    public void heal(String host) {
        if (partitioned.remove(host)) {
            event("heal " + host);
            List<Runnable> waiting = new ArrayList<>(held);
            held.clear();
            for (Runnable r : waiting) {
                r.run(); // those still cut off go back to the held list
            }
        }
    }

    /**
     * Resets every open connection to or from {@code host}: both ends fail with "connection reset".
     *
     * @param host the host
     */
    public void reset(String host) {
        for (Link l : new ArrayList<>(links)) {
            if (l.localHost.equals(host) || l.peer.localHost.equals(host)) {
                event("reset " + l.name());
                l.resetHere();
                l.peer.resetHere();
            }
        }
    }

    /**
     * What happened so far, one line each, with the virtual time in milliseconds:
     * {@code "2.125 ms client:49152 -> db:5432 delivered 18 bytes"}.
     *
     * @return the events, oldest first
     */
    public List<String> events() {
        return Collections.unmodifiableList(new ArrayList<>(events));
    }

    @Override
    public String toString() {
        return "SimulatedNetwork[seed " + seed + ", " + links.size() + " open connection ends]";
    }

    // ------------------------------------------------------------------ internals

    /** The loop the network runs on (bound at first use). */
    private EventLoop netLoop;

    private void bind(EventLoop l) {
        if (netLoop == null) {
            netLoop = l;
        } else if (netLoop != l) {
            throw new IllegalStateException(this + " belongs to another event loop");
        }
    }

    private void event(String text) {
        long now = netLoop == null ? 0 : netLoop.nanoTime();
        events.add(String.format(Locale.ROOT, "%.3f ms %s", now / 1e6, text));
    }

    private long latency() {
        return minLatency + (maxLatency > minLatency ? (long) (random.nextDouble() * (maxLatency - minLatency)) : 0);
    }

    private boolean cutOff(String a, String b) {
        return partitioned.contains(a) || partitioned.contains(b);
    }

    /** Runs {@code arrival} after {@code delay}, or when both hosts are reachable again. */
    private void arriveAfter(long delay, String from, String to, Runnable arrival) {
        Runnable check = new Runnable() {
            @Override
            public void run() {
                if (cutOff(from, to)) {
                    held.add(this);
                } else {
                    arrival.run();
                }
            }
        };
        netLoop.callLater(Duration.ofNanos(delay), check);
    }

    private Endpoint endpoint(String host, int port) {
        Endpoint e = listeners.get(host + ":" + port);
        return e != null ? e : listeners.get("*:" + port);
    }

    private static UncheckedIOException resetError(String what) {
        String m = "connection reset: " + what;
        return new UncheckedIOException(m, new SocketException(m));
    }

    /** {@code startServer}/{@code listen} on this network. */
    Server.Listening listen(Server server, String host, int port) {
        bind(EventLoop.current());
        String h = host == null || host.isEmpty() ? "*" : host;
        int p = port == 0 ? nextPort++ : port;
        String key = h + ":" + p;
        if (listeners.containsKey(key)) {
            throw new UncheckedIOException("cannot listen on " + key + ": address already in use",
                    new java.net.BindException("address already in use"));
        }
        Endpoint e = new Endpoint(server, h, p, key);
        listeners.put(key, e);
        event("listen " + key);
        return e;
    }

    /** {@code openConnection} on this network. */
    Awaitable<Connection> connect(String host, int port, long timeoutNanos) {
        return new Connect(host, port, timeoutNanos);
    }

    private final class Endpoint implements Server.Listening {
        final Server server;
        final String key;
        final InetSocketAddress address;

        Endpoint(Server server, String host, int port, String key) {
            this.server = server;
            this.key = key;
            this.address = InetSocketAddress.createUnresolved(host.equals("*") ? "0.0.0.0" : host, port);
        }

        @Override
        public InetSocketAddress address() {
            return address;
        }

        @Override
        public void wantConnections(boolean want) {
            // a simulated endpoint takes every connection; the server queues them for accept()
        }

        @Override
        public void stop() {
            listeners.remove(key);
            event("close " + key);
        }
    }

    /** A connection attempt: SYN after one latency, the established connection after another. */
    private final class Connect extends Awaitable<Connection> {
        private final String host;
        private final int port;
        private final long timeoutNanos;
        private final WaitQueue waiters = new WaitQueue(this);
        private Task<?> task;
        private boolean over;
        private Link established;
        private TimerHandle timer;

        Connect(String host, int port, long timeoutNanos) {
            this.host = host;
            this.port = port;
            this.timeoutNanos = timeoutNanos;
        }

        @Override
        Object awaitBegin(Task<?> t) {
            if (task != null) {
                throw new IllegalStateException("an openConnection awaitable connects once; call openConnection again");
            }
            bind(t.loop);
            task = t;
            int localPort = nextPort++;
            String name = "client:" + localPort + " -> " + host + ":" + port;
            event(name + " connect");
            if (timeoutNanos >= 0) {
                timer = netLoop.callLater(Duration.ofNanos(timeoutNanos), () -> {
                    event(name + " connect timed out");
                    end(new TimedOutException("connecting to " + host + ":" + port + " timed out after "
                            + timeoutNanos / 1_000_000 + " ms"));
                });
            }
            arriveAfter(latency(), "client", host, () -> arrive(localPort, name));
            return waiters.enqueue(t, this);
        }

        private void arrive(int localPort, String name) {
            if (over) {
                return;
            }
            Endpoint e = endpoint(host, port);
            if (e == null || (refuseProbability > 0 && random.nextDouble() < refuseProbability)) {
                event(name + " refused");
                String m = "cannot connect to " + host + ":" + port + ": Connection refused";
                end(new UncheckedIOException(m, new ConnectException(m)));
                return;
            }
            Link client = new Link(netLoop, "client", localPort, host, port);
            Link server = new Link(netLoop, host, port, "client", localPort);
            client.peer = server;
            server.peer = client;
            established = client;
            Connection c = new Connection(client, StreamReader.DEFAULT_LIMIT);
            event(name + " accepted");
            e.server.accepted(server);
            arriveAfter(latency(), host, "client", () -> {
                if (!over) {
                    over = true;
                    cancelTimer();
                    event(name + " established");
                    task.wake(c);
                }
            });
        }

        private void end(RuntimeException failure) {
            if (over) {
                return;
            }
            over = true;
            cancelTimer();
            if (established != null) {
                established.abort();
            }
            task.wakeWithError(failure);
        }

        private void cancelTimer() {
            if (timer != null) {
                timer.cancel();
                timer = null;
            }
        }

        @Override
        boolean cancelWait(Task<?> t, String message) {
            if (t.isWaitPending() && !over) {
                over = true;
                cancelTimer();
                if (established != null) {
                    established.abort();
                }
            }
            return t.cancelPendingWait(message);
        }

        @Override
        boolean awaitEnd(Task<?> t) {
            waiters.remove(t);
            return true;
        }

        @Override
        String describeWait() {
            return "openConnection(" + host + ", " + port + ") on " + SimulatedNetwork.this;
        }
    }

    /** One end of a simulated connection. */
    final class Link extends Transport {
        final String localHost;
        Link peer;
        private boolean flushQueued;
        private boolean eofSent;
        private boolean closed;
        /** When the last chunk sent from this end arrives: later ones arrive after it. */
        private long lastArrival;

        Link(EventLoop loop, String localHost, int localPort, String remoteHost, int remotePort) {
            super(loop, InetSocketAddress.createUnresolved(localHost, localPort),
                    InetSocketAddress.createUnresolved(remoteHost, remotePort));
            this.localHost = localHost;
            links.add(this);
        }

        String name() {
            return localAddress().getHostString() + ":" + localAddress().getPort() + " -> "
                    + remoteAddress().getHostString() + ":" + remoteAddress().getPort();
        }

        @Override
        void writeRequested() {
            if (!flushQueued && !closed) {
                flushQueued = true;
                loop.callSoon(this::flush);
            }
        }

        @Override
        void flushNow() {
            flush();
        }

        private void flush() {
            flushQueued = false;
            if (closed) {
                return;
            }
            ByteBuffer p = writer.pending();
            int n = p.remaining();
            if (n > 0) {
                byte[] chunk = new byte[n];
                p.get(chunk);
                writer.sent(n);
                event(name() + " sent " + n + " bytes");
                send(() -> peer.receive(chunk, this));
            }
            if (writer.closing()) {
                closeHere();
            } else if (writer.outputShut() && !eofSent) {
                sendEof();
            }
        }

        /** Sends {@code arrival} to the peer, after what this end sent before. */
        private void send(Runnable arrival) {
            long now = loop.nanoTime();
            long at = Math.max(now + latency(), lastArrival);
            lastArrival = at;
            arriveAfter(at - now, localHost, peer.localHost, arrival);
        }

        private void sendEof() {
            eofSent = true;
            send(() -> {
                if (!peer.closed) {
                    event(peer.name() + " end of stream");
                    peer.reader.feedEof();
                }
            });
        }

        /** A chunk from the peer arrives here. */
        private void receive(byte[] chunk, Link from) {
            if (closed) {
                if (!from.closed) {
                    event(from.name() + " reset: " + name() + " is closed");
                    from.resetHere();
                }
                return;
            }
            if (resetProbability > 0 && random.nextDouble() < resetProbability) {
                event(name() + " reset on arrival of " + chunk.length + " bytes");
                resetHere();
                from.resetHere();
                return;
            }
            event(name() + " received " + chunk.length + " bytes");
            reader.feed(ByteBuffer.wrap(chunk));
        }

        /** The connection was reset: this end fails. */
        void resetHere() {
            if (closed) {
                return;
            }
            closed = true;
            links.remove(this);
            RuntimeException e = resetError(name());
            reader.fail(e);
            writer.closedBy(e);
            notifyClosed();
        }

        private void closeHere() {
            if (closed) {
                return;
            }
            if (!eofSent) {
                sendEof();
            }
            closed = true;
            links.remove(this);
            event(name() + " closed");
            reader.feedEof();
            writer.closedBy(null);
            notifyClosed();
        }

        @Override
        void pauseReading() {
            // simulated links buffer without limit
        }

        @Override
        void resumeReading() {
            // simulated links buffer without limit
        }

        @Override
        void closeCleanly() {
            closeHere();
        }

        @Override
        void abort() {
            if (closed) {
                return;
            }
            closed = true;
            links.remove(this);
            event(name() + " aborted");
            send(() -> {
                event(peer.name() + " reset by peer");
                peer.resetHere();
            });
            reader.feedEof();
            writer.closedBy(null);
            notifyClosed();
        }
    }
}
