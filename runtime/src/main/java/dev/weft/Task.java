package dev.weft;

import java.util.ArrayList;
import java.util.function.Consumer;

/**
 * A coroutine scheduled on an {@link EventLoop} (asyncio's {@code Task}).
 *
 * <p>Every task is a {@link CoroutineFrame}: {@link Weft#spawn(CoroutineFrame)} turns a coroutine
 * object into a task that runs concurrently with its spawner, and returns the same object typed as
 * a {@code Task}. Awaiting a task waits for it to finish and returns its result or throws its
 * exception.
 *
 * <p>All methods must be called on the thread of the task's event loop.
 *
 * @param <T> the type of the task's result
 */
public abstract class Task<T> extends Awaitable<T> {
    // ---- phases (status & PHASE) ----
    /** A coroutine object that has neither been spawned nor awaited. */
    static final int NEW = 0;
    /** In the ready queue: about to take its first step, or woken with an outcome. */
    static final int READY = 1;
    /** Its frames are executing. */
    static final int RUNNING = 2;
    /** Suspended on {@link #waitingOn}; the outcome is pending. */
    static final int WAITING = 3;
    /** A frame running inline inside another task, as a sub-coroutine. */
    static final int INLINE = 4;
    static final int DONE = 5;
    static final int FAILED = 6;
    static final int CANCELLED = 7;
    static final int PHASE = 0x7;

    // ---- flags ----
    /** The outcome slot holds a Throwable to throw at the suspension point. */
    static final int OUTCOME_ERROR = 1 << 3;
    /** The current wait was cancelled (asyncio: the waiter future was cancelled). */
    static final int WAIT_CANCELLED = 1 << 4;
    /** Cancellation requested while the task could not take it: delivered at its next step. */
    static final int MUST_CANCEL = 1 << 5;
    /** The task's failure was retrieved (or handed to an awaiter): no "never retrieved" log. */
    static final int RETRIEVED = 1 << 6;
    /** The body has been entered at least once. */
    static final int STARTED = 1 << 7;
    /**
     * A frame run by {@link CoroutineFrame#callInline}: a primitive result goes to its loop's
     * {@code inlineResult} unboxed, and the caller reads it there.
     */
    static final int TYPED_RESULT = 1 << 8;
    /**
     * A frame created by a generated {@code call} method for a direct call: once that call
     * finished without suspending, nothing else refers to it, and the next direct call of the same
     * coroutine may reuse it ({@link CoroutineFrame#reusedFrame}).
     */
    static final int REUSABLE = 1 << 9;
    /** The count of cancellation requests lives in the bits from here up. */
    static final int CANCEL_SHIFT = 10;
    static final int CANCEL_UNIT = 1 << CANCEL_SHIFT;

    int status;
    /** Sequence number within the loop, for the default name; 0 until spawned. */
    int id;
    /**
     * For a task: its innermost frame while suspended in a sub-coroutine ({@code null} when that is
     * the task itself). For a frame running inline: its caller.
     */
    CoroutineFrame<?> link;
    /** What the task waits on while WAITING; kept until {@link Awaitable#awaitEnd} ran. */
    Awaitable<?> waitingOn;
    /** Links in the {@link WaitQueue} of {@link #waitingOn}. */
    Task<?> prev;
    Task<?> next;
    /**
     * The outcome slot: the value (or Throwable, with {@link #OUTCOME_ERROR}) to resume with, or
     * the result once done. While WAITING an awaitable may park data of its own here (a sleep's
     * timer); waking replaces it.
     */
    Object value;
    /** Rarely needed state: name, callbacks, awaiters, cancel message. */
    TaskExtras extras;

    Task() {
    }

    // ------------------------------------------------------------------ public API

    /**
     * Whether the task finished: returned, failed or was cancelled.
     *
     * @return {@code true} if done
     */
    public final boolean isDone() {
        return (status & PHASE) >= DONE;
    }

    /**
     * Whether the task ended cancelled: a {@link CancelledException} escaped its coroutine.
     *
     * @return {@code true} if cancelled
     */
    public final boolean isCancelled() {
        return (status & PHASE) == CANCELLED;
    }

    /**
     * Requests cancellation (asyncio's {@code Task.cancel()}).
     *
     * <p>A {@link CancelledException} is thrown into the coroutine at the point where it waits; if
     * it is running or about to resume, at its next suspension. A task cancelled before its first
     * step never runs its body. If the task waits on another task, that task is cancelled in turn;
     * if it waits on a pending {@link Promise} (or a {@link Gathering}), that is cancelled.
     * Cancelling a coroutine object that runs inline inside a task cancels that task.
     *
     * @return {@code false} if the task is already done, {@code true} otherwise
     */
    public final boolean cancel() {
        return cancel(null);
    }

    /**
     * Requests cancellation with a message for the {@link CancelledException}.
     *
     * @param message the exception's message, or {@code null}
     * @return {@code false} if the task is already done, {@code true} otherwise
     * @see #cancel()
     */
    public final boolean cancel(String message) {
        Confinement.check(loop, this);
        int phase = status & PHASE;
        if (phase >= DONE) {
            return false;
        }
        if (phase == INLINE) {
            return hostTask().cancel(message);
        }
        status += CANCEL_UNIT;
        if (phase == WAITING && waitingOn.cancelWait(this, message)) {
            return true;
        }
        status |= MUST_CANCEL;
        if (message != null) {
            extras().cancelMessage = message;
        }
        return true;
    }

    /**
     * The number of pending cancellation requests (asyncio's {@code Task.cancelling()}).
     *
     * @return how many times {@link #cancel()} was called, less {@link #uncancel()} calls
     */
    public final int cancelling() {
        return status >>> CANCEL_SHIFT;
    }

    /**
     * Withdraws one cancellation request (asyncio's {@code Task.uncancel()}), as structured
     * constructs do when they turn a cancellation into another outcome.
     *
     * @return the remaining number of requests
     */
    public final int uncancel() {
        Confinement.check(loop, this);
        if (status >>> CANCEL_SHIFT > 0) {
            status -= CANCEL_UNIT;
            if (status >>> CANCEL_SHIFT == 0) {
                status &= ~MUST_CANCEL;
            }
        }
        return status >>> CANCEL_SHIFT;
    }

    /**
     * The task's result (asyncio's {@code Task.result()}).
     *
     * @return the value the coroutine returned
     * @throws IllegalStateException if the task is not done
     * @throws CancelledException if it was cancelled
     * @throws TaskFailedException wrapping the exception it failed with, if that is checked;
     *     unchecked exceptions and errors are rethrown as they are
     */
    @SuppressWarnings("unchecked")
    public final T result() {
        int phase = status & PHASE;
        if (phase < DONE) {
            throw new IllegalStateException("Result is not ready: " + this + " is not done");
        }
        markRetrieved();
        if (phase == DONE) {
            return (T) value;
        }
        throw TaskFailedException.rethrow(name(), (Throwable) value);
    }

    /**
     * The exception the task failed with (asyncio's {@code Task.exception()}).
     *
     * @return the exception, or {@code null} if the task returned normally
     * @throws IllegalStateException if the task is not done
     * @throws CancelledException if it was cancelled
     */
    public final Throwable exception() {
        int phase = status & PHASE;
        if (phase < DONE) {
            throw new IllegalStateException("Exception is not set: " + this + " is not done");
        }
        markRetrieved();
        if (phase == CANCELLED) {
            throw (CancelledException) value;
        }
        return phase == FAILED ? (Throwable) value : null;
    }

    /**
     * The task's name: the one given with {@link #setName(String)} or at spawn, otherwise
     * {@code Task-N} with N counting the loop's tasks from 1.
     *
     * @return the name
     */
    public final String name() {
        if (extras != null && extras.name != null) {
            return extras.name;
        }
        if (id != 0) {
            return "Task-" + id;
        }
        return "coroutine " + getClass().getName();
    }

    /**
     * Renames the task.
     *
     * @param name the new name
     */
    public final void setName(String name) {
        if (name == null) {
            throw new NullPointerException("name");
        }
        extras().name = name;
    }

    /**
     * Calls {@code callback} with this task once it is done, from the event loop (scheduled with
     * {@link EventLoop#callSoon(Runnable)}; at once-scheduled if the task is already done).
     *
     * @param callback the callback
     */
    public final void addDoneCallback(Consumer<? super Task<T>> callback) {
        if (callback == null) {
            throw new NullPointerException("callback");
        }
        Confinement.check(loop, this);
        if (isDone()) {
            scheduleCallback(callback);
            return;
        }
        TaskExtras x = extras();
        if (x.callbacks == null) {
            x.callbacks = new ArrayList<>(2);
        }
        x.callbacks.add(callback);
    }

    /**
     * Removes every registration of {@code callback}.
     *
     * @param callback the callback given to {@link #addDoneCallback(Consumer)}
     * @return how many registrations were removed
     */
    public final int removeDoneCallback(Consumer<? super Task<T>> callback) {
        Confinement.check(loop, this);
        if (extras == null || extras.callbacks == null) {
            return 0;
        }
        int removed = 0;
        while (extras.callbacks.remove(callback)) {
            removed++;
        }
        return removed;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(name()).append(" [");
        switch (status & PHASE) {
            case NEW: sb.append("not started"); break;
            case READY: sb.append("ready"); break;
            case RUNNING: sb.append("running"); break;
            case WAITING: sb.append("waiting on ").append(describeWaitOf(this)).append(StackTraces.where(this)); break;
            case INLINE: sb.append("running inline"); break;
            case DONE: sb.append("done"); break;
            case FAILED: sb.append("failed: ").append(value); break;
            default: sb.append("cancelled"); break;
        }
        return sb.append(']').toString();
    }

    // ------------------------------------------------------------------ runtime protocol: awaiting a task

    @Override
    final Object awaitBegin(Task<?> awaiter) throws Throwable {
        if (isDone()) {
            return outcomeForAwaiter();
        }
        if (this == awaiter) {
            throw new IllegalStateException("Task cannot await itself: " + this);
        }
        for (Task<?> t = this; (t.status & PHASE) == WAITING && t.waitingOn instanceof Task; ) {
            t = (Task<?>) t.waitingOn;
            if (t == awaiter) {
                throw new IllegalStateException(awaiter.name() + " cannot await " + name()
                        + ": " + name() + " (transitively) awaits " + awaiter.name());
            }
        }
        TaskExtras x = extras();
        if (x.awaiters == null) {
            x.awaiters = new WaitQueue(this);
        }
        awaiter.beginWait(this);
        x.awaiters.add(awaiter);
        return SUSPENDED;
    }

    @Override
    final boolean awaitEnd(Task<?> awaiter) {
        extras.awaiters.remove(awaiter);
        return true;
    }

    /** Cancelling a task that awaits this one cancels this one too, as asyncio does. */
    @Override
    final boolean cancelWait(Task<?> awaiter, String message) {
        return cancel(message);
    }

    @Override
    final Object completedValue() throws Throwable {
        return isDone() ? outcomeForAwaiter() : NOT_READY;
    }

    @Override
    final String describeWait() {
        return "task " + name();
    }

    private Object outcomeForAwaiter() throws Throwable {
        markRetrieved();
        if ((status & PHASE) == DONE) {
            return value;
        }
        throw (Throwable) value;
    }

    // ------------------------------------------------------------------ runtime protocol: being a waiter

    /** Called by an awaitable's {@code awaitBegin}: the task now waits on {@code on}. */
    final Object beginWait(Awaitable<?> on) {
        waitingOn = on;
        status = (status & ~(PHASE | OUTCOME_ERROR | WAIT_CANCELLED)) | WAITING;
        return SUSPENDED;
    }

    /** Whether the task waits and its outcome is still pending (asyncio: {@code not fut.done()}). */
    final boolean isWaitPending() {
        return (status & PHASE) == WAITING;
    }

    /** Whether the current wait ended by cancellation (asyncio: {@code fut.cancelled()}). */
    final boolean isWaitCancelled() {
        return (status & WAIT_CANCELLED) != 0;
    }

    /** Whether the coroutine will receive an exception at its suspension point. */
    final boolean isResumingWithError() {
        return (status & OUTCOME_ERROR) != 0;
    }

    /**
     * Resolves the pending wait with {@code result} and schedules the task. Returns {@code false},
     * and does nothing, if the wait is not pending: a task is resumed once per suspension.
     */
    final boolean wake(Object result) {
        if ((status & PHASE) != WAITING) {
            return false;
        }
        value = result;
        status = (status & ~PHASE) | READY;
        loop.schedule(this);
        return true;
    }

    /** Resolves the pending wait with a failure to throw at the suspension point. */
    final boolean wakeWithError(Throwable failure) {
        if ((status & PHASE) != WAITING) {
            return false;
        }
        value = failure;
        status = (status & ~PHASE) | READY | OUTCOME_ERROR;
        loop.schedule(this);
        return true;
    }

    /** Cancels the pending wait: the task is scheduled with a {@link CancelledException}. */
    final boolean cancelPendingWait(String message) {
        if ((status & PHASE) != WAITING) {
            return false;
        }
        value = new CancelledException(message);
        status = (status & ~PHASE) | READY | OUTCOME_ERROR | WAIT_CANCELLED;
        loop.schedule(this);
        return true;
    }

    /** Replaces the outcome the task will resume with (used by awaitables in {@code awaitEnd}). */
    final void setOutcome(Object result) {
        value = result;
        status &= ~OUTCOME_ERROR;
    }

    /** Replaces the outcome with a failure to throw at the suspension point. */
    final void setFailure(Throwable failure) {
        value = failure;
        status |= OUTCOME_ERROR;
    }

    // ------------------------------------------------------------------ internals

    final TaskExtras extras() {
        TaskExtras x = extras;
        if (x == null) {
            x = new TaskExtras();
            extras = x;
        }
        return x;
    }

    final void markRetrieved() {
        if ((status & RETRIEVED) == 0) {
            status |= RETRIEVED;
            if (extras != null && extras.unobserved != null) {
                extras.unobserved.retrieved();
                extras.unobserved = null;
            }
        }
    }

    final CancelledException takeCancelRequest() {
        String message = null;
        if (extras != null) {
            message = extras.cancelMessage;
            extras.cancelMessage = null;
        }
        status &= ~MUST_CANCEL;
        return new CancelledException(message);
    }

    /** The task a frame running inline belongs to. */
    final Task<?> hostTask() {
        Task<?> t = this;
        while ((t.status & PHASE) == INLINE) {
            t = t.link;
        }
        return t;
    }

    /** Ends the task: records the outcome, wakes awaiters, schedules done callbacks. */
    final void finish(int phase, Object outcome) {
        value = outcome;
        status = (status & ~(PHASE | OUTCOME_ERROR | WAIT_CANCELLED | MUST_CANCEL)) | phase;
        link = null;
        waitingOn = null;
        TaskExtras x = extras;
        boolean observed = false;
        if (x != null) {
            WaitQueue awaiters = x.awaiters;
            if (awaiters != null && !awaiters.isEmpty()) {
                observed = true;
                for (Task<?> t = awaiters.first(); t != null; t = WaitQueue.next(t)) {
                    if (phase == DONE) {
                        t.wake(outcome);
                    } else {
                        t.wakeWithError((Throwable) outcome);
                    }
                }
            }
            ArrayList<Object> callbacks = x.callbacks;
            if (callbacks != null) {
                x.callbacks = null;
                for (Object callback : callbacks) {
                    scheduleCallback(asCallback(callback));
                }
            }
        }
        if (observed) {
            status |= RETRIEVED;
        } else if (phase == FAILED && loop != null && (status & RETRIEVED) == 0) {
            extras().unobserved = loop.unobserved.track(this);
        }
    }

    @SuppressWarnings("unchecked")
    private Consumer<? super Task<T>> asCallback(Object callback) {
        return (Consumer<? super Task<T>>) callback;
    }

    private void scheduleCallback(Consumer<? super Task<T>> callback) {
        loop.callSoon(() -> callback.accept(this));
    }

    static String describeWaitOf(Task<?> t) {
        Awaitable<?> on = t.waitingOn;
        return on == null ? "nothing" : on.describeWait();
    }

    /** Rarely used per-task state, allocated on first need. */
    static final class TaskExtras {
        String name;
        String cancelMessage;
        WaitQueue awaiters;
        /** Done callbacks, each a {@code Consumer<? super Task<T>>}. */
        ArrayList<Object> callbacks;
        UnobservedFailures.Failure unobserved;

    }
}
