package dev.weft;

/**
 * Wraps a checked exception that a task failed with, where a method that cannot declare it (such
 * as {@link EventLoop#runUntilComplete(CoroutineFrame)} or {@link Task#result()}) reports it.
 * Unchecked exceptions and errors are rethrown as they are; {@link #getCause()} is the original.
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
