package dev.weft;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Awaiting a {@link CompletionStage} that may complete on any thread: the completion comes back
 * to the loop through {@link EventLoop#callSoonThreadsafe(Runnable)}. While it is outstanding
 * the loop waits for it instead of reporting a deadlock. Cancelling the waiting task stops the
 * wait; the stage itself is left alone.
 *
 * <p>The outcome of a complete {@link CompletableFuture} is read at once. Any other stage is
 * asked through {@code whenComplete}, which runs the action at once, in the calling thread, when
 * the stage is already complete: that outcome is then returned without a wait (and outside a
 * coroutine, {@link Weft#await(CompletionStage)} returns it). {@code toCompletableFuture()},
 * which a stage may refuse, is never called.
 */
final class StageAwait<V> extends Awaitable<V> {
    private final CompletionStage<V> stage;
    private Task<?> waiter;
    private boolean counted;
    /**
     * The thread inside {@code stage.whenComplete}, while it registers the action: the action run
     * in that thread then is the stage's outcome at once. Written and compared in one thread only.
     */
    private Thread registering;
    /** The outcome the action received while registering, if any. */
    private boolean completedAtOnce;
    private V valueAtOnce;
    private Throwable failureAtOnce;

    /** What the wait is for, in task dumps; {@code null}: the stage itself. */
    private final String description;

    StageAwait(CompletionStage<V> stage) {
        this(stage, null);
    }

    StageAwait(CompletionStage<V> stage, String description) {
        this.stage = stage;
        this.description = description;
    }

    @Override
    Object awaitBegin(Task<?> task) throws Throwable {
        if (waiter != null) {
            throw new IllegalStateException("this await of a CompletionStage is already in use");
        }
        if (stage instanceof CompletableFuture) {
            Object done = futureOutcome((CompletableFuture<V>) stage);
            if (done != NOT_READY) {
                return done;
            }
        }
        Object done = register(task);
        if (done != NOT_READY) {
            return done;
        }
        EventLoop loop = task.loop;
        waiter = task;
        counted = true;
        loop.inbox.expect();
        task.beginWait(this);
        loop.externalWaiters.add(task);
        return SUSPENDED;
    }

    /**
     * Registers the completion action; returns (or throws) the outcome if the stage ran it at once,
     * {@link #NOT_READY} otherwise. A later completion is delivered to {@code task} on its loop, or
     * ignored when {@code task} is {@code null}.
     */
    private Object register(Task<?> task) throws Throwable {
        registering = Thread.currentThread();
        try {
            stage.whenComplete((value, error) -> completed(task, value, error));
        } finally {
            registering = null;
        }
        if (!completedAtOnce) {
            return NOT_READY;
        }
        if (failureAtOnce != null) {
            throw unwrap(failureAtOnce);
        }
        return valueAtOnce;
    }

    private void completed(Task<?> task, V value, Throwable error) {
        if (registering == Thread.currentThread()) {
            completedAtOnce = true;
            valueAtOnce = value;
            failureAtOnce = error;
        } else if (task != null) {
            task.loop.callSoonThreadsafe(() -> deliver(task, value, error));
        }
    }

    private void deliver(Task<?> task, V value, Throwable error) {
        finishExternal(task);
        if (task.waitingOn == this) {
            if (error == null) {
                task.wake(value);
            } else {
                task.wakeWithError(unwrap(error));
            }
        }
    }

    private void finishExternal(Task<?> task) {
        if (counted) {
            counted = false;
            task.loop.inbox.arrived();
        }
    }

    @Override
    boolean awaitEnd(Task<?> task) {
        task.loop.externalWaiters.remove(task);
        waiter = null;
        return true;
    }

    @Override
    boolean cancelWait(Task<?> task, String message) {
        finishExternal(task);
        return task.cancelPendingWait(message);
    }

    @Override
    Object completedValue() throws Throwable {
        if (stage instanceof CompletableFuture) {
            return futureOutcome((CompletableFuture<V>) stage);
        }
        return register(null);
    }

    /** The outcome of a complete future, or {@link #NOT_READY}. */
    private static Object futureOutcome(CompletableFuture<?> future) throws Throwable {
        if (!future.isDone()) {
            return NOT_READY;
        }
        try {
            return future.join();
        } catch (CompletionException | CancellationException e) {
            throw unwrap(e);
        }
    }

    private static Throwable unwrap(Throwable error) {
        if (error instanceof CompletionException && error.getCause() != null) {
            return error.getCause();
        }
        return error;
    }

    @Override
    String describeWait() {
        return description != null ? description : "a CompletionStage (" + stage + ")";
    }

    @Override
    public String toString() {
        return describeWait();
    }
}
