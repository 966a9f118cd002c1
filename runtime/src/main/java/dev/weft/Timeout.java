package dev.weft;

import java.time.Duration;

/**
 * A deadline for the code run inside it (asyncio's {@code Timeout}, the object of
 * {@code async with asyncio.timeout(...)}).
 *
 * <p>Java has no {@code async with}, so the block a timeout applies to is an awaitable, usually a
 * coroutine object: {@link #run(Awaitable)} returns a coroutine that enters the scope, awaits the
 * body (a coroutine object that has not started runs inline, in the same task), and leaves the
 * scope. When the deadline passes while the body runs, the task is cancelled; when the resulting
 * {@link CancelledException} reaches the scope's boundary, and the cancellation was this scope's
 * own (no other cancellation request is pending, counted with {@link Task#cancelling()} and
 * {@link Task#uncancel()} exactly as asyncio's {@code timeouts.py} does), it is replaced by a
 * {@link TimedOutException}. If the body swallows the cancellation and returns a value, the scope
 * returns that value.
 *
 * <pre>{@code
 * // asyncio:  async with asyncio.timeout(10) as cm:
 * //               await long_running_task()
 * Timeout cm = Timeout.after(Duration.ofSeconds(10));
 * try {
 *     await(cm.run(longRunningTask()));
 * } catch (TimedOutException e) {
 *     // cm.expired() is true
 * }
 * }</pre>
 * {@link Weft#timeout(Duration, Awaitable)} is the short form when the {@code Timeout} object
 * itself is not needed. The body may {@link #reschedule(Double)} its own timeout.
 *
 * <p>A timeout is entered once. All methods must be called on the thread of the loop.
 */
public final class Timeout {
    private enum State {
        CREATED("created"), ENTERED("active"), EXPIRING("expiring"), EXPIRED("expired"),
        EXITED("finished");

        final String label;

        State(String label) {
            this.label = label;
        }
    }

    private State state = State.CREATED;
    /** The deadline in loop seconds, as given; {@code null} for none. */
    private Double when;
    /** The deadline in loop nanoseconds, when {@link #when} is not null. */
    private long whenNanos;
    private Handle handle;
    private Task<?> task;
    private int cancellingAtEntry;

    private Timeout(Double when, long whenNanos) {
        this.when = when;
        this.whenNanos = whenNanos;
    }

    /**
     * A timeout that expires {@code delay} after now, in the running loop's time (asyncio's
     * {@code timeout(delay)}): the deadline is fixed when this is called, so enter it right away.
     * A delay of zero or less expires at the next iteration of the loop after it is entered.
     *
     * @param delay how long the body may run; {@code null} for no deadline
     * @return the timeout, not yet entered
     * @throws IllegalStateException if {@code delay} is not null and no loop runs in this thread
     */
    public static Timeout after(Duration delay) {
        if (delay == null) {
            return new Timeout(null, 0);
        }
        long nanos = EventLoop.current().nanoTime() + LoopClock.toNanos(delay);
        return new Timeout(nanos / 1e9, nanos);
    }

    /**
     * A timeout that expires at loop time {@code when}, in seconds on the scale of
     * {@link EventLoop#time()} (asyncio's {@code timeout_at(when)}). A deadline in the past
     * expires at the next iteration of the loop after it is entered.
     *
     * @param when the deadline; {@code null} for none
     * @return the timeout, not yet entered
     * @throws IllegalArgumentException if {@code when} is NaN
     */
    public static Timeout at(Double when) {
        return new Timeout(when, toNanos(when));
    }

    /**
     * A timeout without a deadline, to be set later with {@link #reschedule(Double)} (asyncio's
     * {@code timeout(None)}).
     *
     * @return the timeout, not yet entered
     */
    public static Timeout never() {
        return new Timeout(null, 0);
    }

    private static long toNanos(Double when) {
        if (when == null) {
            return 0;
        }
        if (when.isNaN()) {
            throw new IllegalArgumentException("deadline is NaN");
        }
        return Math.round(when * 1e9);
    }

    /**
     * Runs {@code body} inside this timeout: returns a coroutine object that enters the timeout,
     * awaits {@code body} and leaves the timeout, returning the body's value. A coroutine object
     * that has not started runs inline in the awaiting task; a task or other awaitable is awaited
     * (a task is cancelled when the deadline passes, as awaiting tasks are).
     *
     * @param body what to run under the deadline
     * @param <T> its value type
     * @return the coroutine object; await it (once)
     * @throws TimedOutException (from the await) if the deadline passed and the body ended with
     *     this timeout's cancellation
     * @throws IllegalStateException (from the await) if this timeout was already entered
     */
    public <T> CoroutineFrame<T> run(Awaitable<T> body) {
        if (body == null) {
            throw new NullPointerException("body");
        }
        return new Scope<>(this, body);
    }

    /**
     * The deadline (asyncio's {@code when()}).
     *
     * @return the deadline in loop seconds, or {@code null} if there is none
     */
    public Double when() {
        return when;
    }

    /**
     * Whether the deadline passed while the body ran (asyncio's {@code expired()}).
     *
     * @return {@code true} once this timeout has cancelled its task
     */
    public boolean expired() {
        return state == State.EXPIRING || state == State.EXPIRED;
    }

    /**
     * Moves the deadline of the active timeout (asyncio's {@code reschedule()}).
     *
     * @param when the new deadline in loop seconds, {@code null} for none; a deadline in the past
     *     expires at the next iteration of the loop
     * @throws IllegalStateException if the timeout has not been entered, or has expired or
     *     finished
     */
    public void reschedule(Double when) {
        Confinement.check(task == null ? null : task.loop, this);
        if (state != State.ENTERED) {
            if (state == State.CREATED) {
                throw new IllegalStateException("Timeout has not been entered");
            }
            throw new IllegalStateException("Cannot change state of " + state.label + " Timeout");
        }
        long nanos = toNanos(when);
        this.when = when;
        this.whenNanos = nanos;
        schedule();
    }

    private void schedule() {
        if (handle != null) {
            handle.cancel();
        }
        if (when == null) {
            handle = null;
            return;
        }
        EventLoop loop = task.loop;
        long now = loop.nanoTime();
        if (whenNanos <= now) {
            handle = loop.callSoon(this::onTimeout);
        } else {
            handle = loop.callLater(Duration.ofNanos(whenNanos - now), this::onTimeout);
        }
    }

    /** asyncio's {@code __aenter__}. */
    void enter(Task<?> current) {
        if (state != State.CREATED) {
            throw new IllegalStateException("Timeout has already been entered");
        }
        state = State.ENTERED;
        task = current;
        cancellingAtEntry = current.cancelling();
        schedule();
    }

    /**
     * asyncio's {@code __aexit__}: returns the body's value, or throws its failure, its
     * cancellation turned into a {@link TimedOutException}, or the failure with a timeout noted.
     */
    Object exit(Object value, Throwable failure) throws Throwable {
        if (handle != null) {
            handle.cancel();
            handle = null;
        }
        if (state == State.EXPIRING) {
            state = State.EXPIRED;
            if (task.uncancel() <= cancellingAtEntry && failure != null) {
                // No other cancellation request is pending: the cancellation is this scope's.
                if (failure instanceof CancelledException) {
                    throw new TimedOutException(describeExpiry(), failure);
                }
                // Another exception escaped while the scope was cancelling its body: note the
                // timeout on it (asyncio inserts a TimeoutError into its context chain).
                noteTimeout(failure);
                if (failure instanceof TaskGroupException) {
                    for (Throwable t : ((TaskGroupException) failure).exceptions()) {
                        noteTimeout(t);
                    }
                }
            }
        } else if (state == State.ENTERED) {
            state = State.EXITED;
        }
        if (failure != null) {
            throw failure;
        }
        return value;
    }

    private void noteTimeout(Throwable t) {
        t.addSuppressed(new TimedOutException(describeExpiry()));
    }

    private String describeExpiry() {
        return "timeout expired" + (when == null ? "" : " (deadline " + when + " s loop time)");
    }

    private void onTimeout() {
        task.cancel();
        state = State.EXPIRING;
        handle = null;
    }

    @Override
    public String toString() {
        if (state == State.ENTERED) {
            return "Timeout[active, when=" + when + "]";
        }
        return "Timeout[" + state.label + "]";
    }

    /** The coroutine of {@link #run}: enter, await the body, exit. */
    private static final class Scope<T> extends CoroutineFrame<T> {
        private final Timeout timeout;
        private final Awaitable<T> body;

        Scope(Timeout timeout, Awaitable<T> body) {
            this.timeout = timeout;
            this.body = body;
        }

        @Override
        @SuppressWarnings("unchecked")
        protected Awaitable<?> resume(Object awaited, Throwable failure) throws Throwable {
            switch (state) {
                case 0:
                    timeout.enter(hostTask());
                    state = 1;
                    return body;
                case 1:
                    state = 2;
                    return complete((T) timeout.exit(awaited, failure));
                default:
                    throw invalidState(state);
            }
        }
    }
}
