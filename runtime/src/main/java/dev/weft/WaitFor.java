package dev.weft;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * The coroutine of {@link Weft#waitFor(Awaitable, Duration)}, written after asyncio 3.12+'s
 * {@code wait_for()}: with a positive timeout (or none) it awaits the awaitable inside a
 * {@link Timeout} scope, in the same task; with a timeout of zero or less it makes the awaitable a
 * task, cancels it and waits for it to finish cancelling ({@code _cancel_and_wait}).
 */
final class WaitFor<T> extends CoroutineFrame<T> {
    private final Awaitable<T> awaitable;
    private final Duration timeout;
    private Timeout scope;
    private Task<T> inner;
    private Promise<Void> waiter;
    private Consumer<Task<?>> release;

    WaitFor(Awaitable<T> awaitable, Duration timeout) {
        this.awaitable = awaitable;
        this.timeout = timeout;
    }

    @Override
    @SuppressWarnings("unchecked")
    protected Awaitable<?> resume(Object awaited, Throwable failure) throws Throwable {
        switch (state) {
            case 0:
                if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
                    return cancelAndWait();
                }
                scope = Timeout.after(timeout);
                scope.enter(hostTask());
                state = 1;
                return awaitable;
            case 1:
                state = 4;
                return complete((T) scope.exit(awaited, failure));
            case 2:
                // asyncio: the finally block of _cancel_and_wait.
                inner.removeDoneCallback(release);
                if (failure != null) {
                    throw failure;
                }
                state = 4;
                if (inner.isCancelled()) {
                    throw new TimedOutException("waitFor: timeout " + timeout + " <= 0, "
                            + inner.name() + " was cancelled", Combinators.cancelledError(inner));
                }
                return complete((T) Combinators.outcomeOf(inner));
            case 3:
                // A promise was cancelled; this is where its done callbacks would have run.
                if (failure != null) {
                    throw failure;
                }
                state = 4;
                throw new TimedOutException("waitFor: timeout " + timeout + " <= 0, the promise"
                        + " was cancelled", new CancelledException());
            default:
                throw invalidState(state);
        }
    }

    @SuppressWarnings("unchecked")
    private Awaitable<?> cancelAndWait() throws Throwable {
        if (awaitable instanceof Promise) {
            Promise<T> p = (Promise<T>) awaitable;
            if (p.isDone()) {
                state = 4;
                return complete((T) p.completedValue());
            }
            p.cancel();
            state = 3;
            return YieldNow.INSTANCE;
        }
        inner = Combinators.ensureTask(awaitable, loop);
        if (inner.isDone()) {
            state = 4;
            return complete((T) Combinators.outcomeOf(inner));
        }
        final Promise<Void> w = new Promise<>();
        waiter = w;
        release = t -> {
            if (!w.isDone()) {
                w.complete(null);
            }
        };
        inner.addDoneCallback(release);
        inner.cancel();
        state = 2;
        return w;
    }
}
