package dev.weft;

import java.util.Collections;
import java.util.Set;

/**
 * What {@link Weft#waitTasks(java.util.Collection, ReturnWhen)} returns: the tasks that were done
 * and those still pending when the wait ended (asyncio's {@code (done, pending)} pair).
 *
 * <p>Both sets keep the order in which the tasks were given (duplicates removed), so that
 * iterating over them is deterministic. They cannot be modified.
 *
 * @param <T> the task type
 */
public final class WaitResult<T> {
    private final Set<T> done;
    private final Set<T> pending;

    WaitResult(Set<T> done, Set<T> pending) {
        this.done = Collections.unmodifiableSet(done);
        this.pending = Collections.unmodifiableSet(pending);
    }

    /**
     * The tasks that were done (returned, failed or cancelled) when the wait ended.
     *
     * @return the done tasks, in the order they were given
     */
    public Set<T> done() {
        return done;
    }

    /**
     * The tasks that were not done yet when the wait ended; they keep running.
     *
     * @return the pending tasks, in the order they were given
     */
    public Set<T> pending() {
        return pending;
    }

    @Override
    public String toString() {
        return "WaitResult[done=" + done + ", pending=" + pending + "]";
    }
}
