package dev.weft;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The errors of a {@link TaskGroup}, thrown when it is joined (asyncio's
 * {@code BaseExceptionGroup} / {@code ExceptionGroup} raised by {@code TaskGroup.__aexit__}).
 *
 * <p>{@link #exceptions()} lists every error in the order they happened: the failures of the
 * group's tasks and, with {@link TaskGroup#run(java.util.function.Function)}, the exception of the
 * body. Each is also recorded as a {@linkplain #getSuppressed() suppressed} exception, so that stack
 * traces show them all. Cancellations are not errors and never appear here.
 */
public class TaskGroupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The errors, in the order they happened. */
    private final List<Throwable> exceptions;

    /**
     * Creates the exception.
     *
     * @param exceptions the errors; not empty
     * @throws IllegalArgumentException if {@code exceptions} is empty
     */
    public TaskGroupException(List<? extends Throwable> exceptions) {
        super(message(exceptions));
        List<Throwable> copy = new ArrayList<>(exceptions);
        for (Throwable t : copy) {
            if (t == null) {
                throw new NullPointerException("exceptions contains null");
            }
            addSuppressed(t);
        }
        this.exceptions = Collections.unmodifiableList(copy);
    }

    private static String message(List<? extends Throwable> exceptions) {
        if (exceptions == null) {
            throw new NullPointerException("exceptions");
        }
        int n = exceptions.size();
        if (n == 0) {
            throw new IllegalArgumentException("a TaskGroupException needs at least one exception");
        }
        return "unhandled errors in a TaskGroup (" + n + " sub-exception" + (n == 1 ? "" : "s")
                + ")";
    }

    /**
     * The errors, in the order they happened.
     *
     * @return an unmodifiable list, never empty
     */
    public List<Throwable> exceptions() {
        return exceptions;
    }
}
