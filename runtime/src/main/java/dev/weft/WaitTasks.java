package dev.weft;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The coroutine of {@link Weft#waitTasks(java.util.Collection, ReturnWhen, Duration)}, written
 * after asyncio's {@code _wait()}: done callbacks on every task release one waiter future; a
 * timer releases it too; the callbacks are removed however the wait ends.
 */
final class WaitTasks<T extends Task<?>> extends CoroutineFrame<WaitResult<T>> {
    private final List<T> tasks;
    private final ReturnWhen returnWhen;
    private final Duration timeout;
    private final Consumer<Task<?>> onCompletion = this::onCompletion;
    private Promise<Void> waiter;
    private TimerHandle timeoutHandle;
    private int counter;

    WaitTasks(List<T> tasks, ReturnWhen returnWhen, Duration timeout) {
        this.tasks = tasks;
        this.returnWhen = returnWhen;
        this.timeout = timeout;
    }

    @Override
    protected Awaitable<?> resume(Object awaited, Throwable failure) throws Throwable {
        switch (state) {
            case 0:
                waiter = new Promise<>();
                if (timeout != null) {
                    timeoutHandle = loop.callLater(timeout, this::release);
                }
                counter = tasks.size();
                for (T t : tasks) {
                    t.addDoneCallback(onCompletion);
                }
                state = 1;
                return waiter;
            case 1:
                // asyncio: the finally block after "await waiter".
                if (timeoutHandle != null) {
                    timeoutHandle.cancel();
                }
                for (T t : tasks) {
                    t.removeDoneCallback(onCompletion);
                }
                if (failure != null) {
                    throw failure;
                }
                Set<T> done = new LinkedHashSet<>();
                Set<T> pending = new LinkedHashSet<>();
                for (T t : tasks) {
                    (t.isDone() ? done : pending).add(t);
                }
                return complete(new WaitResult<>(done, pending));
            default:
                throw invalidState(state);
        }
    }

    private void onCompletion(Task<?> t) {
        counter--;
        if (counter <= 0 || returnWhen == ReturnWhen.FIRST_COMPLETED
                || (returnWhen == ReturnWhen.FIRST_EXCEPTION && !t.isCancelled() && t.exception() != null)) {
            if (timeoutHandle != null) {
                timeoutHandle.cancel();
            }
            release();
        }
    }

    private void release() {
        if (!waiter.isDone()) {
            waiter.complete(null);
        }
    }
}
