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
 */
final class StageAwait<V> extends Awaitable<V> {
    private final CompletionStage<V> stage;
    private Task<?> waiter;
    private boolean counted;

    StageAwait(CompletionStage<V> stage) {
        this.stage = stage;
    }

    @Override
    Object awaitBegin(Task<?> task) throws Throwable {
        Object done = completedValue();
        if (done != NOT_READY) {
            return done;
        }
        if (waiter != null) {
            throw new IllegalStateException("this await of a CompletionStage is already in use");
        }
        final EventLoop loop = task.loop;
        waiter = task;
        counted = true;
        loop.externalStarted();
        task.beginWait(this);
        loop.externalWaiters.add(task);
        stage.whenComplete((value, error) -> loop.callSoonThreadsafe(() -> deliver(task, value, error)));
        return SUSPENDED;
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
            task.loop.externalFinished();
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
        CompletableFuture<V> future;
        try {
            future = stage.toCompletableFuture();
        } catch (UnsupportedOperationException notAFuture) {
            return NOT_READY;
        }
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
        return "a CompletionStage (" + stage + ")";
    }

    @Override
    public String toString() {
        return describeWait();
    }
}
