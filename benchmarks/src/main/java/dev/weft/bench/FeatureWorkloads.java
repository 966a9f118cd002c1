package dev.weft.bench;

import dev.weft.Connection;
import dev.weft.Coroutine;
import dev.weft.EventLoop;
import dev.weft.Server;
import dev.weft.SimulatedNetwork;
import dev.weft.StreamReader;
import dev.weft.Streams;
import dev.weft.Task;
import java.time.Duration;

import static dev.weft.Weft.await;
import static dev.weft.Weft.spawn;
import static dev.weft.Weft.yieldNow;

/**
 * Features of Weft measured against their plain forms, in the same coroutine loop: a private
 * field (reached through the generated class's accessors over method handles) against a
 * package-private one, a virtual coroutine call (through an interface, dispatched on the
 * receiver's class) against a static one, an exception whose trace is mapped to the user's
 * lines against one left as the JVM made it, and ping-pong on a loop with sockets open (waiting
 * in its selector) against the same on a loop without.
 */
public final class FeatureWorkloads {
    private long privateTotal;
    long packageTotal;

    /** Adds {@code 0..n-1} to a private field in a coroutine loop that yields every 1024 steps. */
    public static long privateField(int n) {
        return new EventLoop().runUntilComplete(FeatureWorkloadsCoroutines.privateLoop(new FeatureWorkloads(), n));
    }

    /** The same loop over a package-private field. */
    public static long packageField(int n) {
        return new EventLoop().runUntilComplete(FeatureWorkloadsCoroutines.packageLoop(new FeatureWorkloads(), n));
    }

    @Coroutine
    long privateLoop(int n) {
        for (int i = 0; i < n; i++) {
            privateTotal += i ^ privateTotal;
            if ((i & 1023) == 0) {
                await(yieldNow());
            }
        }
        return privateTotal;
    }

    @Coroutine
    long packageLoop(int n) {
        for (int i = 0; i < n; i++) {
            packageTotal += i ^ packageTotal;
            if ((i & 1023) == 0) {
                await(yieldNow());
            }
        }
        return packageTotal;
    }

    /** A coroutine interface with two implementations. */
    interface Step {
        @Coroutine
        int step(int i);
    }

    static final class AddOne implements Step {
        @Coroutine
        public int step(int i) {
            return i + 1;
        }
    }

    static final class AddTwo implements Step {
        @Coroutine
        public int step(int i) {
            return i + 2;
        }
    }

    /** Calls a static coroutine {@code n} times from a coroutine loop. */
    public static long staticCall(int n) {
        return new EventLoop().runUntilComplete(FeatureWorkloadsCoroutines.staticLoop(n));
    }

    /** Calls a coroutine through an interface {@code n} times, always on the same class. */
    public static long virtualCall(int n) {
        return new EventLoop().runUntilComplete(FeatureWorkloadsCoroutines.virtualLoop(new AddOne(), new AddOne(), n));
    }

    /** Calls a coroutine through an interface {@code n} times, alternating between two classes. */
    public static long virtualCallTwoClasses(int n) {
        return new EventLoop().runUntilComplete(FeatureWorkloadsCoroutines.virtualLoop(new AddOne(), new AddTwo(), n));
    }

    @Coroutine
    static int addOne(int i) {
        return i + 1;
    }

    @Coroutine
    static long staticLoop(int n) {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            sum += addOne(i);
            if ((i & 1023) == 0) {
                await(yieldNow());
            }
        }
        return sum;
    }

    @Coroutine
    static long virtualLoop(Step even, Step odd, int n) {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            Step s = (i & 1) == 0 ? even : odd;
            sum += s.step(i);
            if ((i & 1023) == 0) {
                await(yieldNow());
            }
        }
        return sum;
    }

    /**
     * {@code n} times, a task whose coroutine calls itself 10 deep inline and throws at the bottom,
     * awaited by another task that catches the exception and reads its stack trace: with Weft's
     * mapping of the trace to the user's lines, or (run with {@code -Dweft.stackTraces=raw}) without.
     */
    public static long exceptions(int n) {
        return new EventLoop().runUntilComplete(FeatureWorkloadsCoroutines.exceptionsLoop(n));
    }

    @Coroutine
    static int failDeep(int depth) {
        if (depth == 1) {
            throw new IllegalStateException("failed " + depth);
        }
        return failDeep(depth - 1) + 1;
    }

    @Coroutine
    static long exceptionsLoop(int n) {
        long elements = 0;
        for (int i = 0; i < n; i++) {
            Task<Integer> task = spawn(FeatureWorkloadsCoroutines.failDeep(10));
            try {
                await(task);
            } catch (IllegalStateException e) {
                elements += e.getStackTrace().length;
            }
        }
        return elements;
    }

    /**
     * Ping-pong (WeftBench's, as the loop's main task) on a loop that waits in its selector
     * ({@code sockets}: a server listening, a connection open and idle) or on one that opens no
     * socket. Both open the same server and connection with the same code, the second on a
     * simulated network, so that the JIT sees the same classes in both: the difference is the
     * selector.
     */
    public static long pingPong(int rounds, boolean sockets) {
        try (EventLoop loop = new EventLoop()) {
            if (!sockets) {
                loop.useNetwork(new SimulatedNetwork(1).latency(Duration.ZERO, Duration.ZERO));
            }
            Server server = loop.runUntilComplete(FeatureWorkloadsCoroutines.openSockets());
            long sum = loop.runUntilComplete(WeftWorkloadsCoroutines.pingPongEventsMain(rounds));
            loop.runUntilComplete(FeatureWorkloadsCoroutines.closeSockets(server));
            return sum;
        }
    }

    @Coroutine
    static Server openSockets() {
        Server server = await(Streams.startServer((r, w) -> FeatureWorkloadsCoroutines.idle(r), "127.0.0.1", 0));
        Connection c = await(Streams.openConnection("127.0.0.1", server.port()));
        c.writer().write("open\n");
        return server;
    }

    @Coroutine
    static void closeSockets(Server server) {
        server.close();
        server.abortClients();
        await(server.closed());
    }

    /** A connection handler that waits for the end of the stream. */
    @Coroutine
    static void idle(StreamReader r) {
        await(r.read(-1));
    }
}
