package dev.weft;

/**
 * When {@link Weft#waitTasks(java.util.Collection, ReturnWhen)} returns (asyncio's
 * {@code FIRST_COMPLETED}, {@code FIRST_EXCEPTION} and {@code ALL_COMPLETED} constants).
 */
public enum ReturnWhen {
    /** As soon as any task finishes or is cancelled. */
    FIRST_COMPLETED,
    /**
     * As soon as any task fails with an exception (a cancelled task does not count); when none
     * fails, once all are done.
     */
    FIRST_EXCEPTION,
    /** Once every task is done. */
    ALL_COMPLETED
}
