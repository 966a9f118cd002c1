package dev.weft;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * {@link Streams#openConnection}: looks the host up (off the loop when needed), connects a
 * non-blocking socket and waits for {@code OP_CONNECT}. A timeout or the cancellation of the
 * waiting task closes the socket being connected; nothing is left registered.
 */
final class SocketConnect extends Awaitable<Connection>
        implements IoDriver.Handler, IoDriver.Rekeyed, IoDriver.Closeable {
    private final String host;
    private final int port;
    private final long timeoutNanos;
    private final int limit;
    private final WaitQueue waiters = new WaitQueue(this);
    private EventLoop eventLoop;
    private Task<?> task;
    private AddressLookup lookup;
    private SocketChannel channel;
    private SelectionKey key;
    private TimerHandle timer;
    private boolean started;

    SocketConnect(String host, int port, long timeoutNanos, int limit) {
        AddressLookup.checkPort(port);
        this.host = host;
        this.port = port;
        this.timeoutNanos = timeoutNanos;
        this.limit = limit;
    }

    @Override
    Object awaitBegin(Task<?> task) {
        if (started) {
            throw new IllegalStateException("an openConnection awaitable connects once; call openConnection again");
        }
        started = true;
        this.eventLoop = task.loop;
        this.task = task;
        InetSocketAddress address = AddressLookup.immediate(host, port);
        if (address != null) {
            Connection c = connect(address);
            if (c != null) {
                return c;
            }
        } else {
            lookup = AddressLookup.start(eventLoop, host, port, (a, failure) -> {
                lookup = null;
                if (failure != null) {
                    fail(failure);
                } else {
                    try {
                        Connection c = connect(a);
                        if (c != null) {
                            task.wake(c);
                        }
                    } catch (RuntimeException e) {
                        fail(e);
                    }
                }
            });
        }
        if (timeoutNanos >= 0) {
            timer = eventLoop.callLater(java.time.Duration.ofNanos(timeoutNanos), () -> {
                timer = null;
                fail(new TimedOutException("connecting to " + host + ":" + port + " timed out after "
                        + timeoutNanos / 1_000_000 + " ms"));
            });
        }
        return waiters.enqueue(task, this);
    }

    /** Starts connecting; returns the connection if it is open at once, else {@code null}. */
    private Connection connect(InetSocketAddress address) {
        try {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            if (channel.connect(address)) {
                return new Connection(new SocketTransport(eventLoop, channel, null), limit);
            }
            key = eventLoop.io().register(channel, SelectionKey.OP_CONNECT, this);
            return null;
        } catch (IOException e) {
            closeChannel();
            throw refused(e);
        }
    }

    private UncheckedIOException refused(IOException e) {
        String m = "cannot connect to " + host + ":" + port + ": " + (e.getMessage() == null ? e : e.getMessage());
        return new UncheckedIOException(m, e instanceof ConnectException ? e : (IOException) new ConnectException(m).initCause(e));
    }

    @Override
    public void ready(int readyOps) {
        try {
            if (!channel.finishConnect()) {
                return;
            }
            cancelTimer();
            eventLoop.io().interest(key, 0);
            Connection c = new Connection(new SocketTransport(eventLoop, channel, key), limit);
            key = null;
            channel = null;
            task.wake(c);
        } catch (IOException e) {
            fail(refused(e));
        }
    }

    @Override
    public void keyCancelled() {
        fail(new UncheckedIOException("the connection was closed while connecting", new ConnectException()));
    }

    @Override
    public void rekeyed(SelectionKey moved) {
        key = moved;
    }

    @Override
    public void closeWithLoop() {
        cleanUp();
    }

    private void fail(RuntimeException e) {
        cleanUp();
        task.wakeWithError(e);
    }

    private void cleanUp() {
        cancelTimer();
        if (lookup != null) {
            lookup.cancel();
            lookup = null;
        }
        closeChannel();
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    private void closeChannel() {
        if (key != null) {
            eventLoop.io().deregister(key);
            key = null;
        }
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // it was never connected
            }
            channel = null;
        }
    }

    @Override
    boolean cancelWait(Task<?> task, String message) {
        if (task.isWaitPending()) {
            cleanUp();
        }
        return task.cancelPendingWait(message);
    }

    @Override
    boolean awaitEnd(Task<?> task) {
        waiters.remove(task);
        return true;
    }

    @Override
    String describeWait() {
        return "openConnection(" + host + ", " + port + ")";
    }

    @Override
    public String toString() {
        return describeWait();
    }
}
