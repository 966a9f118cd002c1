package dev.weft;

/**
 * Thrown by {@link EventLoop#runUntilComplete(CoroutineFrame)} when nothing can ever make
 * progress: the main task is not done, no task is ready, no timer is pending, no awaited
 * {@link java.util.concurrent.CompletionStage} is outstanding and no call from another thread was
 * announced with {@link EventLoop#expectThreadsafeCall()}. The message names every blocked task and
 * what it waits on.
 */
public class DeadlockException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the report of the blocked tasks
     */
    public DeadlockException(String message) {
        super(message);
    }
}
