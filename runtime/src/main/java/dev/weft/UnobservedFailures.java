package dev.weft;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The failed tasks of one loop whose exception nobody has retrieved yet (asyncio's "Task
 * exception was never retrieved"). Each failure is logged once: when its task is
 * garbage-collected, or when the loop closes, whichever comes first; retrieving it
 * ({@code await}, {@code result()}, {@code exception()}) forgets it.
 *
 * <p>Collection is noticed by one daemon thread for the whole JVM, started with the first
 * failure that goes unretrieved, so a failure is logged even if its loop never runs again and
 * is never closed. Only this bookkeeping, which no hot path touches, is shared with that thread.
 */
final class UnobservedFailures {
    private static final Logger LOG = Logger.getLogger("dev.weft");

    /** Failures pending, in the order they happened. Guarded by itself. */
    private final Set<Failure> pending = new LinkedHashSet<>();

    /** Tracks the failure of {@code task}, which has just failed; returns the handle that forgets it. */
    Failure track(Task<?> task) {
        Failure f = new Failure(task, this);
        synchronized (pending) {
            pending.add(f);
        }
        return f;
    }

    /** Logs every failure still pending: the loop closes. */
    void logAll() {
        List<Failure> all;
        synchronized (pending) {
            all = new ArrayList<>(pending);
            pending.clear();
        }
        for (Failure f : all) {
            f.log();
        }
    }

    /** The failures still pending, by task name, in the order they happened. */
    Map<String, Throwable> pendingByTask() {
        Map<String, Throwable> out = new LinkedHashMap<>();
        synchronized (pending) {
            for (Failure f : pending) {
                out.put(f.name, f.failure);
            }
        }
        return out;
    }

    private boolean remove(Failure f) {
        synchronized (pending) {
            return pending.remove(f);
        }
    }

    /** A failed task whose exception nobody has retrieved yet; enqueued when the task is collected. */
    static final class Failure extends WeakReference<Task<?>> {
        private final UnobservedFailures owner;
        private final String name;
        private final Throwable failure;

        private Failure(Task<?> task, UnobservedFailures owner) {
            super(task, Collector.QUEUE);
            this.owner = owner;
            this.name = task.name();
            this.failure = (Throwable) task.value;
        }

        /** The exception was retrieved: nothing to log. */
        void retrieved() {
            owner.remove(this);
        }

        private void log() {
            LOG.log(Level.SEVERE, "Task exception was never retrieved: " + name, failure);
        }
    }

    /** The daemon thread that logs the failures of collected tasks (initialized with the first one). */
    private static final class Collector {
        static final ReferenceQueue<Task<?>> QUEUE = new ReferenceQueue<>();

        static {
            Thread t = new Thread(Collector::run, "weft-unretrieved-failures");
            t.setDaemon(true);
            t.start();
        }

        private static void run() {
            for (;;) {
                try {
                    Failure f = (Failure) QUEUE.remove();
                    if (f.owner.remove(f)) {
                        f.log();
                    }
                } catch (InterruptedException e) {
                    // keep watching: this thread ends with the JVM
                } catch (RuntimeException | Error e) {
                    // a failing log handler must not end the thread
                }
            }
        }
    }
}
