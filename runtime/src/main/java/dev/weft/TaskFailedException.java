package dev.weft;

/**
 * Wraps a checked exception that a task failed with, where a method that cannot declare it (such
 * as {@link EventLoop#runUntilComplete(CoroutineFrame)} or {@link Task#result()}) reports it.
 * Unchecked exceptions and errors are rethrown as they are; {@link #getCause()} is the original.
 * The overloads that take the class of a checked exception
 * ({@link EventLoop#runUntilComplete(CoroutineFrame, Class)}, {@link EventLoop#run(CoroutineFrame, Class)},
 * {@link Weft#await(Awaitable, Class)}) declare it and rethrow it as it is.
 */
public class TaskFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the wrapper.
     *
     * @param taskName the name of the failed task
     * @param cause the checked exception it failed with
     */
    public TaskFailedException(String taskName, Throwable cause) {
        super(taskName + " failed: " + cause, cause);
    }

    /**
     * {@link #rethrow(String, Throwable)}, where the caller declares {@code thrown}: a failure of
     * that class is rethrown as it is.
     */
    static <X extends Throwable> RuntimeException rethrow(String taskName, Throwable failure, Class<X> thrown)
            throws X {
        if (thrown.isInstance(failure)) {
            throw thrown.cast(failure);
        }
        return rethrow(taskName, failure);
    }

    static RuntimeException rethrow(String taskName, Throwable failure) {
        if (failure instanceof RuntimeException) {
            throw (RuntimeException) failure;
        }
        if (failure instanceof Error) {
            throw (Error) failure;
        }
        throw new TaskFailedException(taskName, failure);
    }
}
