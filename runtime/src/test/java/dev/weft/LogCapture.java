package dev.weft;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Collects what the runtime logs (logger {@code dev.weft}) from creation until {@link #close()}. */
final class LogCapture extends Handler implements AutoCloseable {
    private final Logger logger = Logger.getLogger("dev.weft");
    private final List<LogRecord> records = Collections.synchronizedList(new ArrayList<>());

    LogCapture() {
        logger.addHandler(this);
    }

    /** The records logged so far (a live list). */
    List<LogRecord> records() {
        return records;
    }

    @Override
    public void publish(LogRecord record) {
        synchronized (records) {
            records.add(record);
            records.notifyAll();
        }
    }

    /**
     * Waits up to {@code millis} for a record to arrive from another thread, calling
     * {@code meanwhile} between short waits (to collect garbage, say); returns whether one came.
     */
    boolean awaitRecord(long millis, Runnable meanwhile) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        synchronized (records) {
            while (records.isEmpty() && System.nanoTime() < deadline) {
                meanwhile.run();
                records.wait(50);
            }
            return !records.isEmpty();
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
