package dev.weft;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The socket side of a loop: a {@link Selector} the loop waits in instead of parking once a
 * socket was opened (asyncio's selector event loop, Netty's {@code NioEventLoop}). Created by the
 * first socket, so a loop that opens none keeps its plain park and its speed.
 *
 * <ul>
 *   <li>The loop waits in {@code select} up to its next timer; {@link #wakeUp()} (from
 *       {@code callSoonThreadsafe}) interrupts the wait through a gate, so that
 *       {@code Selector.wakeup()}, a system call, runs at most once per wait however many
 *       callbacks other threads post.
 *   <li>The JDK's epoll bug (a {@code select} that returns at once with nothing selected, again and
 *       again) is detected by counting such early returns, as Netty does, and the selector is
 *       rebuilt with the same registrations.
 *   <li>While tasks keep the loop busy, the sockets are polled without waiting every 100 us at
 *       most, not at every iteration: a switch between tasks costs no system call.
 *   <li>Writes of an iteration are flushed after it ({@link #flushWrites()}): the writes a task
 *       makes before it awaits leave in one system call.
 * </ul>
 */
final class IoDriver {
    private static final Logger LOG = Logger.getLogger("dev.weft");
    /** Early empty returns in a row after which the selector counts as broken (Netty: 512). */
    static final int REBUILD_THRESHOLD = Integer.getInteger("weft.selectorRebuildThreshold", 512);

    /** A channel registered with the selector: told which operations are ready. */
    interface Handler {
        /** The channel is ready for {@code readyOps}; runs on the loop's thread. */
        void ready(int readyOps);

        /** The key was cancelled under the handler (the channel was closed elsewhere). */
        void keyCancelled();
    }

    private Selector selector;
    /** Set while the loop is in (or about to enter) {@code select}; cleared by the first wake-up. */
    private final AtomicBoolean selecting = new AtomicBoolean();
    /** Registrations with interest in some operation: while any, the loop waits for sockets. */
    private int interested;
    private final List<SocketTransport> toFlush = new ArrayList<>();
    private int earlyReturns;
    private int rebuilds;
    /** Times the gate was opened for a wait, and the {@code wakeup()} calls other threads made: for tests. */
    private int gateOpenings;
    private final AtomicInteger wakeups = new AtomicInteger();
    /** Iterations while tasks kept the loop busy, and when the sockets were last polled then. */
    private int busyIterations;
    private long lastPoll;
    /** The longest a busy loop leaves its sockets unpolled: 100 us. */
    static final long BUSY_POLL_NANOS = 100_000;

    /** The buffer sockets read into before the bytes are copied to their readers. */
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(64 * 1024);

    IoDriver() {
        selector = open();
    }

    ByteBuffer readBuffer() {
        return readBuffer;
    }

    private static Selector open() {
        try {
            return Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector", e);
        }
    }

    /** Registers {@code channel} (non-blocking) for {@code ops}, or for nothing yet with 0. */
    SelectionKey register(SelectableChannel channel, int ops, Handler handler) throws IOException {
        SelectionKey key = channel.register(selector, ops, handler);
        if (ops != 0) {
            interested++;
        }
        return key;
    }

    /** Changes what {@code key} waits for; keeps the count of keys that wait for something. */
    void interest(SelectionKey key, int ops) {
        if (!key.isValid()) {
            return;
        }
        int old = key.interestOps();
        if (old == ops) {
            return;
        }
        key.interestOps(ops);
        if (old == 0) {
            interested++;
        } else if (ops == 0) {
            interested--;
        }
    }

    /** {@code key}'s channel is being closed: it waits for nothing any more. */
    void deregister(SelectionKey key) {
        if (key.isValid()) {
            if (key.interestOps() != 0) {
                interested--;
            }
            key.cancel();
        }
    }

    /** Whether a socket operation is pending: an idle loop then waits in the selector. */
    boolean waitsForIo() {
        return interested > 0;
    }

    /** The number of times the selector was rebuilt (for tests). */
    int rebuilds() {
        return rebuilds;
    }

    /** The number of waits for which the wake-up gate was opened (for tests). */
    int gateOpenings() {
        return gateOpenings;
    }

    /** The number of {@code Selector.wakeup()} calls made (for tests). */
    int wakeups() {
        return wakeups.get();
    }

    /** {@code t} has bytes to write: they leave after the current iteration. */
    void flushLater(SocketTransport t) {
        toFlush.add(t);
    }

    /** Writes what the iteration buffered, one attempt per connection. */
    private void flushWrites() {
        int n = toFlush.size();
        for (int i = 0; i < n; i++) {
            toFlush.get(i).flush();
        }
        if (toFlush.size() == n) {
            toFlush.clear();
        } else {
            toFlush.subList(0, n).clear(); // flushes that closed a connection may queue more
        }
    }

    /**
     * What the loop does with its sockets before an iteration: sends what the last one wrote, and
     * while tasks keep the loop busy ({@code idle} false) polls the sockets without waiting, at
     * most every {@link #BUSY_POLL_NANOS} (the clock is read every 128 iterations), so that I/O
     * is served but a switch between tasks costs no system call.
     */
    void beforeIteration(boolean idle) {
        if (!toFlush.isEmpty()) {
            flushWrites();
        }
        if (!idle && (++busyIterations & 127) == 0 && interested > 0) {
            pollIfDue();
        }
    }

    private void pollIfDue() {
        long now = System.nanoTime();
        if (now - lastPoll < BUSY_POLL_NANOS) {
            return;
        }
        lastPoll = now;
        try {
            if (selector.selectNow() > 0) {
                dispatch();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("select failed", e);
        }
    }

    /**
     * Waits until a socket is ready, {@code timeoutNanos} (of real time) pass, or another thread
     * {@linkplain #wakeUp() wakes} the loop; {@code Long.MAX_VALUE}: no timeout. Returns at once
     * when {@code inbox} holds work. Runs what became ready.
     */
    void select(long timeoutNanos, ThreadsafeInbox inbox) {
        try {
            int n;
            if (timeoutNanos > 0) {
                // Open the gate, then look at the inbox: a thread that posted before the gate
                // opened is seen here; one that posts after it finds the gate open and wakes us.
                gateOpenings++;
                selecting.set(true);
            }
            if (timeoutNanos <= 0 || inbox.hasPosted()) {
                selecting.set(false);
                n = selector.selectNow(); // also clears a wake-up that came through the gate meanwhile
            } else {
                long millis = timeoutNanos == Long.MAX_VALUE ? 0
                        : Math.max(1, (timeoutNanos + 999_999) / 1_000_000);
                long start = System.nanoTime();
                n = selector.select(millis);
                if (Thread.interrupted()) {
                    throw new CancelledException("the event loop thread was interrupted");
                }
                checkEarlyReturn(n, start, millis, inbox);
            }
            if (n > 0) {
                dispatch();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("select failed", e);
        } finally {
            selecting.set(false);
            lastPoll = System.nanoTime();
        }
    }

    /**
     * Counts returns with nothing selected, nothing posted, well before the timeout: the
     * signature of the JDK's spinning selector. After {@link #REBUILD_THRESHOLD} in a row the
     * selector is replaced.
     */
    private void checkEarlyReturn(int n, long start, long millis, ThreadsafeInbox inbox) {
        countEarlyReturn(n == 0 && !inbox.hasPosted() && selecting.get()
                && (millis == 0 || System.nanoTime() - start < millis * 500_000L));
    }

    /** Counts one return of {@code select}; rebuilds after too many early ones in a row. */
    void countEarlyReturn(boolean early) {
        if (!early) {
            earlyReturns = 0;
        } else if (++earlyReturns >= REBUILD_THRESHOLD) {
            earlyReturns = 0;
            rebuild();
        }
    }

    /** Moves every registration to a new selector (Netty's {@code rebuildSelector}). */
    void rebuild() {
        Selector old = selector;
        Selector fresh = open();
        for (SelectionKey key : old.keys()) {
            if (!key.isValid()) {
                continue;
            }
            try {
                int ops = key.interestOps();
                Object handler = key.attachment();
                key.cancel();
                SelectionKey moved = key.channel().register(fresh, ops, handler);
                if (handler instanceof Rekeyed) {
                    ((Rekeyed) handler).rekeyed(moved);
                }
            } catch (IOException | CancelledKeyException e) {
                LOG.log(Level.WARNING, "a channel could not move to the rebuilt selector", e);
            }
        }
        selector = fresh;
        rebuilds++;
        try {
            old.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "closing the old selector failed", e);
        }
        LOG.warning("the selector returned early " + REBUILD_THRESHOLD
                + " times in a row (the JDK's spinning selector): rebuilt it");
    }

    /** A handler that holds its key and must learn the new one when the selector is rebuilt. */
    interface Rekeyed {
        void rekeyed(SelectionKey key);
    }

    private void dispatch() {
        Set<SelectionKey> keys = selector.selectedKeys();
        Iterator<SelectionKey> it = keys.iterator();
        while (it.hasNext()) {
            SelectionKey key = it.next();
            it.remove();
            Handler h = (Handler) key.attachment();
            int ops;
            try {
                ops = key.readyOps();
            } catch (CancelledKeyException e) {
                h.keyCancelled();
                continue;
            }
            h.ready(ops);
        }
    }

    /**
     * Wakes the loop from {@code select}, from any thread; at most one {@code wakeup()} per wait.
     */
    void wakeUp() {
        if (selecting.compareAndSet(true, false)) {
            wakeups.incrementAndGet();
            selector.wakeup();
        }
    }

    /** Closes the selector: the loop closes. Channels still registered are closed by their owners. */
    void close() {
        for (SelectionKey key : selector.keys()) {
            Object h = key.attachment();
            if (h instanceof Closeable) {
                ((Closeable) h).closeWithLoop();
            }
        }
        try {
            selector.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "closing the selector failed", e);
        }
    }

    /** A handler whose channel is closed when its loop closes. */
    interface Closeable {
        void closeWithLoop();
    }
}
