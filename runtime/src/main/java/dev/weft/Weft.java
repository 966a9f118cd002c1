package dev.weft;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * The functions coroutines call; use them with {@code import static dev.weft.Weft.*;}.
 *
 * <p>{@code await} is what the Weft processor turns into a suspension point inside
 * {@link Coroutine @Coroutine} methods. Everywhere else it is an ordinary method: it returns the
 * value of an awaitable that is already complete and otherwise throws.
 */
public final class Weft {
    private Weft() {
    }

    /**
     * Waits for {@code awaitable} and returns its value (or throws its exception).
     *
     * <p>Inside a {@code @Coroutine} method this suspends the coroutine until the value is
     * available, letting other tasks run. Outside one, it returns the value of an already
     * complete awaitable (a done task or promise, a set event) and throws otherwise.
     *
     * @param awaitable what to wait for
     * @param <T> its value type
     * @return its value
     * @throws IllegalStateException when called outside a coroutine on something not complete
     */
    @SuppressWarnings("unchecked")
    public static <T> T await(Awaitable<T> awaitable) {
        if (awaitable == null) {
            throw new NullPointerException("await(null): nothing to await");
        }
        Object value;
        try {
            value = awaitable.completedValue();
        } catch (Throwable failure) {
            throw TaskFailedException.rethrow(String.valueOf(awaitable), failure);
        }
        if (value == Awaitable.NOT_READY) {
            throw notInCoroutine(awaitable);
        }
        return (T) value;
    }

    /**
     * Waits for a {@link CompletionStage}, which may complete on any thread, and returns its
     * value (or throws its exception, unwrapped from {@link java.util.concurrent.CompletionException}).
     * Outside a coroutine, works only on a stage that is already complete.
     *
     * @param stage what to wait for
     * @param <T> its value type
     * @return its value
     * @throws IllegalStateException when called outside a coroutine on an incomplete stage
     */
    public static <T> T await(CompletionStage<T> stage) {
        if (stage == null) {
            throw new NullPointerException("await(null): nothing to await");
        }
        return await(new StageAwait<>(stage));
    }

    private static IllegalStateException notInCoroutine(Object awaitable) {
        return new IllegalStateException("await(" + awaitable + ") would have to wait, but it runs"
                + " outside a coroutine state machine: await suspends only inside a method annotated"
                + " @dev.weft.Coroutine that the Weft processor compiled. Run the coroutine through its"
                + " generated factory, e.g. EventLoop.run(MyClassCoroutines.myMethod(args)) or"
                + " spawn(MyClassCoroutines.myMethod(args)), rather than calling the method directly"
                + " (and check that weft-processor is on the annotation processor path).");
    }

    /**
     * Starts {@code coroutine} as a task on the running loop; the caller continues
     * (asyncio's {@code create_task}).
     *
     * @param coroutine a coroutine object that has not started
     * @param <T> its result type
     * @return the task (the same object)
     * @throws IllegalStateException if no loop runs in this thread
     */
    public static <T> Task<T> spawn(CoroutineFrame<T> coroutine) {
        return EventLoop.current().spawn(coroutine);
    }

    /**
     * {@link #spawn(CoroutineFrame)} with a name for the task.
     *
     * @param coroutine a coroutine object that has not started
     * @param name the task's name
     * @param <T> its result type
     * @return the task
     */
    public static <T> Task<T> spawn(CoroutineFrame<T> coroutine, String name) {
        return EventLoop.current().spawn(coroutine, name);
    }

    /**
     * The task running now (asyncio's {@code current_task()}).
     *
     * @return the task, or {@code null} inside a plain callback
     * @throws IllegalStateException if no loop runs in this thread
     */
    public static Task<?> currentTask() {
        return EventLoop.current().currentTask();
    }

    /**
     * An awaitable that resumes the awaiting task after {@code delay} of loop time
     * ({@code asyncio.sleep}). A delay of zero or less yields once, like {@link #yieldNow()}.
     *
     * @param delay how long
     * @return the awaitable
     */
    public static Awaitable<Void> sleep(Duration delay) {
        return new Sleep(EventLoop.toNanos(delay));
    }

    /**
     * {@link #sleep(Duration)} in milliseconds.
     *
     * @param millis how long
     * @return the awaitable
     */
    public static Awaitable<Void> sleep(long millis) {
        return sleep(Duration.ofMillis(millis));
    }

    /**
     * An awaitable that lets every other ready task run before the awaiting task continues
     * ({@code asyncio.sleep(0)}).
     *
     * @return the awaitable
     */
    public static Awaitable<Void> yieldNow() {
        return YieldNow.INSTANCE;
    }
}
