package dev.weft;

/**
 * A loop's sockets: the selector it waits in once the first one is opened, or the simulated
 * network its streams use instead ({@link EventLoop#useNetwork}).
 */
final class LoopIo {
    /**
     * {@code null} until a socket is opened. Volatile: read by wake-ups from other threads (the
     * loop's iterations read a plain copy that the loop keeps).
     */
    private volatile IoDriver driver;
    private SimulatedNetwork network;

    /** The selector, opened now if no socket was opened before. */
    IoDriver open(boolean loopClosed) {
        IoDriver d = driver;
        if (d == null) {
            if (loopClosed) {
                throw new IllegalStateException("the event loop is closed");
            }
            d = new IoDriver();
            driver = d;
        }
        return d;
    }

    void use(SimulatedNetwork n) {
        if (n == null) {
            throw new NullPointerException("network");
        }
        if (network != null && network != n) {
            throw new IllegalStateException("the loop already uses " + network);
        }
        network = n;
    }

    SimulatedNetwork network() {
        return network;
    }

    /** Wakes a loop waiting in its selector; {@code false} if it has none (it parks instead). */
    boolean wakeUp() {
        IoDriver d = driver;
        if (d == null) {
            return false;
        }
        d.wakeUp();
        return true;
    }

    /** Closes the selector and what is still registered with it: the loop closes. */
    void close() {
        IoDriver d = driver;
        if (d != null) {
            d.close();
        }
    }
}
