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
        records.add(record);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
