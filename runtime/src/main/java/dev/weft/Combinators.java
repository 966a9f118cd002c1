package dev.weft;

/** Helpers shared by the combinators (gather, waitFor, shield, task groups). */
final class Combinators {
    private Combinators() {
    }

    /**
     * asyncio's {@code ensure_future}: a coroutine object that has not started becomes a task on
     * {@code loop}, a task is itself, anything else is awaited by a new task on {@code loop}.
     * {@code loop} may be {@code null} when {@code awaitable} is known to be a started task.
     */
    @SuppressWarnings("unchecked")
    static <T> Task<T> ensureTask(Awaitable<T> awaitable, EventLoop loop) {
        if (awaitable instanceof CoroutineFrame) {
            CoroutineFrame<T> frame = (CoroutineFrame<T>) awaitable;
            if ((frame.status & Task.PHASE) == Task.NEW) {
                return loop.spawn(frame);
            }
            return frame;
        }
        if (awaitable instanceof Task) {
            return (Task<T>) awaitable;
        }
        return loop.spawn(new AwaitOnce<>(awaitable));
    }

    /** Whether {@link #ensureTask} would need a loop to spawn a task for {@code awaitable}. */
    static boolean needsSpawn(Awaitable<?> awaitable) {
        return !(awaitable instanceof Task) || (((Task<?>) awaitable).status & Task.PHASE) == Task.NEW;
    }

    /**
     * The outcome of a done task as an awaiter sees it: returns the value, or throws the exception
     * it failed with (unwrapped) or its cancellation. Marks a failure retrieved.
     */
    static Object outcomeOf(Task<?> task) throws Throwable {
        return task.completedValue();
    }

    /**
     * A new {@link CancelledException} for a done task, like asyncio's
     * {@code _make_cancelled_error()}: it carries the task's cancel message, and the original
     * cancellation as its cause. For a task that was not cancelled, a plain one.
     */
    static CancelledException cancelledError(Task<?> task) {
        if (task.isCancelled() && task.value instanceof CancelledException) {
            CancelledException original = (CancelledException) task.value;
            CancelledException e = new CancelledException(original.getMessage());
            e.initCause(original);
            return e;
        }
        return new CancelledException();
    }

    /** A task that awaits one awaitable and returns its value (asyncio's {@code _wrap_awaitable}). */
    static final class AwaitOnce<T> extends CoroutineFrame<T> {
        private final Awaitable<T> awaitable;

        AwaitOnce(Awaitable<T> awaitable) {
            this.awaitable = awaitable;
        }

        @Override
        @SuppressWarnings("unchecked")
        protected Awaitable<?> resume(Object awaited, Throwable failure) throws Throwable {
            if (state == 0) {
                state = 1;
                return awaitable;
            }
            if (failure != null) {
                throw failure;
            }
            return complete((T) awaited);
        }
    }
}
