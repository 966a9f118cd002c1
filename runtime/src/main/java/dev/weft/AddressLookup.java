package dev.weft;

import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.function.BiConsumer;

/**
 * Turns a host name into an address without blocking the loop: IP literals, {@code "localhost"}
 * and the wildcard ({@code null} or {@code ""}) at once, any other name on the
 * {@linkplain Weft#toThread toThread} pool, whose answer comes back through the loop's thread-safe
 * inbox (the loop waits for it, no deadlock report).
 */
final class AddressLookup {
    private final EventLoop loop;
    private boolean cancelled;
    private boolean pending;

    private AddressLookup(EventLoop loop) {
        this.loop = loop;
    }

    /** The address of {@code host} if no lookup is needed, else {@code null}. */
    static InetSocketAddress immediate(String host, int port) {
        checkPort(port);
        if (host == null || host.isEmpty()) {
            return new InetSocketAddress(port);
        }
        if (host.equalsIgnoreCase("localhost")) {
            return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        }
        if (isLiteral(host)) {
            try {
                return new InetSocketAddress(InetAddress.getByName(host), port); // a literal: no lookup
            } catch (UnknownHostException e) {
                throw new UncheckedIOException("not an IP address: " + host, e);
            }
        }
        return null;
    }

    static void checkPort(int port) {
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    private static boolean isLiteral(String host) {
        if (host.indexOf(':') >= 0) {
            return true; // IPv6
        }
        int dots = 0;
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c == '.') {
                dots++;
            } else if (c < '0' || c > '9') {
                return false;
            }
        }
        return dots == 3;
    }

    /**
     * Looks {@code host} up on the pool; {@code done} gets the address or the failure on the
     * loop's thread, unless {@link #cancel()}ed first.
     */
    static AddressLookup start(EventLoop loop, String host, int port,
                               BiConsumer<InetSocketAddress, RuntimeException> done) {
        AddressLookup lookup = new AddressLookup(loop);
        lookup.pending = true;
        loop.inbox.expect();
        ThreadCall.defaultExecutor().execute(() -> {
            InetSocketAddress address = null;
            RuntimeException failure = null;
            try {
                address = new InetSocketAddress(InetAddress.getByName(host), port);
            } catch (UnknownHostException e) {
                failure = new UncheckedIOException("unknown host: " + host, e);
            } catch (RuntimeException e) {
                failure = e;
            }
            InetSocketAddress a = address;
            RuntimeException f = failure;
            loop.callSoonThreadsafe(() -> {
                lookup.finish();
                if (!lookup.cancelled) {
                    done.accept(a, f);
                }
            });
        });
        return lookup;
    }

    private void finish() {
        if (pending) {
            pending = false;
            loop.inbox.arrived();
        }
    }

    /** The answer is no longer wanted: dropped when it comes. The loop stops waiting for it. */
    void cancel() {
        cancelled = true;
        finish();
    }
}
