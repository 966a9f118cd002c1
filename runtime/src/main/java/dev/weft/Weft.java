package dev.weft;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

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
    public static <T> T await(Awaitable<T> awaitable) {
        return await(awaitable, RuntimeException.class); // checked failures wrapped, nothing declared
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
        return await(stage, RuntimeException.class);
    }

    /**
     * {@link #await(Awaitable)}, declaring that it throws the checked exception {@code thrown}:
     * {@code try { await(task, InsufficientFundsException.class); } catch (InsufficientFundsException e) ...}
     * catches what a spawned coroutine declared with {@code throws InsufficientFundsException}
     * threw, with javac's exception checking intact. The class tells the compiler only: whatever
     * the awaited thing failed with is rethrown as it is, as {@code await(task)} does (outside a
     * coroutine, a checked exception of another class is wrapped in {@link TaskFailedException}).
     * Inside a coroutine the second argument must be a class literal.
     *
     * @param awaitable what to wait for
     * @param thrown the checked exception it may fail with
     * @param <T> its value type
     * @param <X> the exception's type
     * @return its value
     * @throws X as the awaited thing failed with it
     * @throws IllegalStateException when called outside a coroutine on something not complete
     */
    @SuppressWarnings("unchecked")
    public static <T, X extends Throwable> T await(Awaitable<T> awaitable, Class<X> thrown) throws X {
        if (awaitable == null) {
            throw new NullPointerException("await(null): nothing to await");
        }
        Object value;
        try {
            value = awaitable.completedValue();
        } catch (Throwable failure) {
            throw TaskFailedException.rethrow(String.valueOf(awaitable), failure, thrown);
        }
        if (value == Awaitable.NOT_READY) {
            throw notInCoroutine(awaitable);
        }
        return (T) value;
    }

    /**
     * {@link #await(CompletionStage)}, declaring that it throws {@code thrown}: see
     * {@link #await(Awaitable, Class)}.
     *
     * @param stage what to wait for
     * @param thrown the checked exception it may fail with
     * @param <T> its value type
     * @param <X> the exception's type
     * @return its value
     * @throws X as the stage failed with it
     */
    public static <T, X extends Throwable> T await(CompletionStage<T> stage, Class<X> thrown) throws X {
        if (stage == null) {
            throw new NullPointerException("await(null): nothing to await");
        }
        return await(new StageAwait<>(stage), thrown);
    }

    private static IllegalStateException notInCoroutine(Object awaitable) {
        StackTraceElement caller = callerOfAwait();
        String message = "await(" + awaitable + ") would have to wait, but it runs outside a coroutine state"
                + " machine";
        String run = "run the coroutine through its generated factory (for a method m of class C:"
                + " EventLoop.run(CCoroutines.m(args)) or spawn(CCoroutines.m(args)))";
        if (caller != null) {
            String className = caller.getClassName();
            String simple = className.substring(className.lastIndexOf('.') + 1);
            String method = caller.getMethodName();
            String where = caller.getFileName() == null ? "" : " (" + caller.getFileName() + ":"
                    + caller.getLineNumber() + ")";
            if (method.startsWith("lambda$")) {
                int end = method.indexOf('$', "lambda$".length());
                String enclosing = end < 0 ? method : method.substring("lambda$".length(), end);
                message += ": a lambda in " + simple.replace('$', '.') + "." + enclosing + where + " calls it, and a"
                        + " lambda's body runs outside any coroutine. Await in the coroutine itself, or make the body"
                        + " a @Coroutine method and await or spawn it";
                run = null;
            } else {
                String generated = simple.replace('$', '_') + "Coroutines." + method;
                message += ": " + simple.replace('$', '.') + "." + method + where + " runs as a plain method";
                run = "if it is a @Coroutine method, run it through its generated factory, EventLoop.run("
                        + generated + "(...)) or spawn(" + generated + "(...)) (an instance method's factory takes"
                        + " the receiver first), rather than calling it directly";
            }
        }
        return new IllegalStateException(message + ". await suspends only inside a method annotated"
                + " @dev.weft.Coroutine that the Weft processor compiled" + (run == null ? "" : "; " + run)
                + " (and check that weft-processor is on the annotation processor path).");
    }

    /** The frame that called {@code await}: read only on this failure path. */
    private static StackTraceElement callerOfAwait() {
        for (StackTraceElement e : new Throwable().getStackTrace()) {
            if (!e.getClassName().equals(Weft.class.getName())) {
                return e;
            }
        }
        return null;
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
        return new Sleep(LoopClock.toNanos(delay));
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
     * Runs a blocking call on another thread and awaits its result, asyncio's {@code to_thread}:
     * {@code String page = await(toThread(() -> blockingFetch(url)));}. The loop keeps running
     * other tasks meanwhile. Use it for whatever would block the loop's thread: blocking I/O,
     * name resolution, a lock of another library, long computations.
     *
     * <p>The call starts when the returned awaitable is awaited, on a shared pool of daemon
     * threads ({@code min(32, cores + 4)} of them, as asyncio's default executor), and runs once.
     * Its exception is rethrown by the await as it is. Cancelling the awaiting task stops the
     * wait at once, with a {@link CancelledException}, but not the call: Java cannot stop a
     * thread safely, so the call runs to its end and its result or exception is dropped (as in
     * asyncio). A call that must stop on cancellation has to check a flag of its own.
     *
     * @param call the blocking call
     * @param <T> its result type
     * @return an awaitable of its result, to await once
     */
    public static <T> Awaitable<T> toThread(Callable<T> call) {
        return new ThreadCall<>(call, ThreadCall.defaultExecutor());
    }

    /**
     * {@link #toThread(Callable)} on the given executor.
     *
     * @param call the blocking call
     * @param executor where it runs
     * @param <T> its result type
     * @return an awaitable of its result, to await once
     */
    public static <T> Awaitable<T> toThread(Callable<T> call, Executor executor) {
        return new ThreadCall<>(call, executor);
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

    // ------------------------------------------------------------------ combinators

    /**
     * Runs awaitables concurrently and returns all their results, in argument order
     * ({@code asyncio.gather}).
     *
     * <p>Each argument becomes a child of the returned {@link Gathering}: a coroutine object that
     * has not started is spawned as a task on the running loop now (as asyncio wraps coroutines
     * in tasks); a task is used as it is; any other awaitable (a {@link Promise}, an
     * {@link Event}, ...) is awaited by a new task. An argument given twice is run once and its
     * result appears twice.
     *
     * <ul>
     *   <li>The first child to fail makes the await throw its exception at once; the other
     *       children keep running (they are not cancelled).
     *   <li>A child that is cancelled makes the await throw a {@link CancelledException}; the
     *       other children are not cancelled.
     *   <li>Cancelling a task that awaits the gathering (or calling {@link Gathering#cancel()})
     *       cancels every child that is not done; the await then throws
     *       {@link CancelledException} once they have finished.
     * </ul>
     * <pre>{@code
     * List<String> pages = await(gather(fetch("a"), fetch("b"), fetch("c")));
     * }</pre>
     * Use {@link #gatherOutcomes(Awaitable[])} to collect failures instead of throwing the first
     * one ({@code return_exceptions=True}).
     *
     * @param awaitables what to run; with none, the result is an empty list at once
     * @param <T> the common type of their values
     * @return the gathering, to await
     * @throws IllegalStateException if an argument must be spawned and no loop runs in this thread
     * @throws IllegalArgumentException if the tasks belong to different loops
     */
    @SafeVarargs
    @SuppressWarnings("varargs") // the array only reaches Arrays.asList, read-only
    public static <T> Gathering<T> gather(Awaitable<? extends T>... awaitables) {
        if (awaitables == null) {
            throw new NullPointerException("awaitables");
        }
        return Gathering.create(Arrays.asList(awaitables), false);
    }

    /**
     * {@link #gather(Awaitable[])} for a list of awaitables.
     *
     * @param awaitables what to run
     * @param <T> the common type of their values
     * @return the gathering, to await
     */
    public static <T> Gathering<T> gather(List<? extends Awaitable<? extends T>> awaitables) {
        return Gathering.create(awaitables, false);
    }

    /**
     * Runs awaitables concurrently and returns how each ended, in argument order
     * ({@code asyncio.gather(..., return_exceptions=True)}): an {@link Outcome} with the value,
     * or with the exception, a cancelled child giving a {@link CancelledException}. The await
     * returns once every child has finished; it throws only if the gathering itself was cancelled
     * (by {@link Gathering#cancel()} or by cancelling the task that awaits it), and then throws
     * {@link CancelledException} even if the children swallowed the cancellation, as asyncio does.
     *
     * @param awaitables what to run, treated as by {@link #gather(Awaitable[])}
     * @param <T> the common type of their values
     * @return the gathering, to await
     */
    @SafeVarargs
    @SuppressWarnings("varargs") // the array only reaches Arrays.asList, read-only
    public static <T> Gathering<Outcome<T>> gatherOutcomes(Awaitable<? extends T>... awaitables) {
        if (awaitables == null) {
            throw new NullPointerException("awaitables");
        }
        return Gathering.create(Arrays.asList(awaitables), true);
    }

    /**
     * {@link #gatherOutcomes(Awaitable[])} for a list of awaitables.
     *
     * @param awaitables what to run
     * @param <T> the common type of their values
     * @return the gathering, to await
     */
    public static <T> Gathering<Outcome<T>> gatherOutcomes(List<? extends Awaitable<? extends T>> awaitables) {
        return Gathering.create(awaitables, true);
    }

    /**
     * Waits until all the tasks are done ({@code asyncio.wait(tasks)}).
     *
     * @param tasks the tasks; duplicates count once
     * @param <T> the task type
     * @return a coroutine object to await, whose value says which tasks are done
     * @see #waitTasks(Collection, ReturnWhen, Duration)
     */
    public static <T extends Task<?>> CoroutineFrame<WaitResult<T>> waitTasks(Collection<? extends T> tasks) {
        return waitTasks(tasks, ReturnWhen.ALL_COMPLETED, null);
    }

    /**
     * Waits until some or all of the tasks are done ({@code asyncio.wait(tasks,
     * return_when=when)}).
     *
     * @param tasks the tasks; duplicates count once
     * @param when when to return
     * @param <T> the task type
     * @return a coroutine object to await, whose value says which tasks are done
     * @see #waitTasks(Collection, ReturnWhen, Duration)
     */
    public static <T extends Task<?>> CoroutineFrame<WaitResult<T>> waitTasks(Collection<? extends T> tasks,
            ReturnWhen when) {
        return waitTasks(tasks, when, null);
    }

    /**
     * Waits until some or all of the tasks are done, or the timeout passes
     * ({@code asyncio.wait(tasks, timeout=timeout, return_when=when)}).
     *
     * <p>The await returns a {@link WaitResult} with the tasks that are done and those still
     * pending, each set in the order the tasks were given. It never throws the tasks' exceptions
     * and never cancels them: a timeout only ends the wait, and cancelling the task that waits
     * leaves the tasks running. Even if all tasks are already done, the await takes one trip
     * through the loop, as in asyncio.
     *
     * <pre>{@code
     * WaitResult<Task<String>> r = await(waitTasks(tasks, ReturnWhen.FIRST_COMPLETED));
     * for (Task<String> t : r.pending()) t.cancel();
     * }</pre>
     *
     * @param tasks the tasks; duplicates count once
     * @param when when to return
     * @param timeout the longest time to wait, or {@code null} for no limit
     * @param <T> the task type
     * @return a coroutine object to await (once), whose value says which tasks are done
     * @throws IllegalArgumentException if {@code tasks} is empty (asyncio's ValueError)
     */
    public static <T extends Task<?>> CoroutineFrame<WaitResult<T>> waitTasks(Collection<? extends T> tasks,
            ReturnWhen when, Duration timeout) {
        if (tasks == null) {
            throw new NullPointerException("tasks");
        }
        if (when == null) {
            throw new NullPointerException("when");
        }
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("Set of Tasks is empty: waitTasks needs at least one task");
        }
        Set<Task<?>> seen = Collections.newSetFromMap(new IdentityHashMap<Task<?>, Boolean>());
        List<T> unique = new ArrayList<>(tasks.size());
        for (T t : tasks) {
            if (t == null) {
                throw new NullPointerException("tasks contains null");
            }
            if (seen.add(t)) {
                unique.add(t);
            }
        }
        return new WaitTasks<>(unique, when, timeout);
    }

    /**
     * Waits for {@code awaitable} for at most {@code timeout} ({@code asyncio.wait_for}, with the
     * semantics of Python 3.12 and later).
     *
     * <ul>
     *   <li>With a positive timeout (or {@code null}, no limit) it awaits {@code awaitable} inside
     *       a {@link Timeout} scope in the awaiting task: a coroutine object that has not started
     *       runs inline, a task is awaited. When the timeout passes, the awaiting task is
     *       cancelled, which cancels what it waits on (the coroutine's current wait, the
     *       awaited task, or the awaited {@link Promise}); once that has finished cancelling, the await throws
     *       {@link TimedOutException}. If it swallows the cancellation and returns a value, the
     *       value is returned.
     *   <li>With a timeout of zero or less: a value already there is returned; otherwise a
     *       coroutine object is spawned as a task (which never starts), a task is used as it is,
     *       and it is cancelled; once it has finished cancelling, the await throws
     *       {@link TimedOutException} (or returns its value, or throws its failure, if it did not
     *       end cancelled). A {@link Promise} is cancelled.
     *   <li>Cancelling the awaiting task cancels {@code awaitable} too.
     * </ul>
     *
     * @param awaitable what to wait for
     * @param timeout the longest time to wait, or {@code null} for no limit
     * @param <T> its value type
     * @return a coroutine object to await (once)
     */
    public static <T> CoroutineFrame<T> waitFor(Awaitable<T> awaitable, Duration timeout) {
        if (awaitable == null) {
            throw new NullPointerException("awaitable");
        }
        return new WaitFor<>(awaitable, timeout);
    }

    /**
     * Runs {@code body} with a deadline {@code delay} from now ({@code async with
     * asyncio.timeout(delay): ...}); see {@link Timeout}.
     *
     * <p>Java cannot wrap a block of statements in an {@code async with}, so the block is a
     * coroutine object (typically a call of a {@link Coroutine @Coroutine} method, whose body is
     * the block). It runs inline in the awaiting task. When the deadline passes, that task is
     * cancelled; if the resulting {@link CancelledException} reaches the end of {@code body} and
     * it was this timeout's own cancellation, the await throws {@link TimedOutException} instead.
     * A cancellation from elsewhere passes through unchanged.
     *
     * <pre>{@code
     * // asyncio:  async with asyncio.timeout(5):
     * //               data = await fetch(url)
     * //               await store(data)
     * // Weft: the block becomes a coroutine method, e.g.
     * //   Void fetchAndStore(String url) { String data = await(fetch(url)); await(store(data)); return null; }
     * // annotated with @Coroutine; its factory gives the coroutine object:
     * try {
     *     await(timeout(Duration.ofSeconds(5), fetchAndStore(url)));
     * } catch (TimedOutException e) {
     *     ...
     * }
     * }</pre>
     *
     * @param delay how long {@code body} may run (zero or less: it is cancelled at its first
     *     wait); {@code null} for no deadline. The deadline is fixed when this method is called,
     *     as with asyncio's {@code timeout()}.
     * @param body the block: a coroutine object, or any awaitable
     * @param <T> its value type
     * @return a coroutine object to await (once), whose value is the body's
     * @throws IllegalStateException if {@code delay} is not null and no loop runs in this thread
     */
    public static <T> CoroutineFrame<T> timeout(Duration delay, Awaitable<T> body) {
        if (body == null) {
            throw new NullPointerException("body");
        }
        return Timeout.after(delay).run(body);
    }

    /**
     * Runs {@code body} with a deadline at loop time {@code when}, in seconds on the scale of
     * {@link EventLoop#time()} ({@code async with asyncio.timeout_at(when): ...}); see
     * {@link #timeout(Duration, Awaitable)} and {@link Timeout}.
     *
     * @param when the deadline
     * @param body the block: a coroutine object, or any awaitable
     * @param <T> its value type
     * @return a coroutine object to await (once), whose value is the body's
     */
    public static <T> CoroutineFrame<T> timeoutAt(double when, Awaitable<T> body) {
        if (body == null) {
            throw new NullPointerException("body");
        }
        return Timeout.at(when).run(body);
    }

    /**
     * Protects {@code awaitable} from the cancellation of whoever awaits it ({@code asyncio.shield}).
     *
     * <p>{@code awaitable} runs as a task (a coroutine object that has not started is spawned;
     * other awaitables are awaited by a new task), and the returned promise takes on its outcome.
     * A task awaiting the promise can be cancelled (its await throws {@link CancelledException})
     * without the shielded task being cancelled; cancelling the promise itself does not cancel it
     * either. If the shielded task is cancelled by other means, the promise is cancelled.
     *
     * <pre>{@code
     * String r = await(shield(saveToDisk(data)));   // a cancellation of this task does not stop the save
     * }</pre>
     *
     * @param awaitable what to protect
     * @param <T> its value type
     * @return a promise of its outcome
     * @throws IllegalStateException if a task must be spawned and no loop runs in this thread
     */
    public static <T> Promise<T> shield(Awaitable<T> awaitable) {
        if (awaitable == null) {
            throw new NullPointerException("awaitable");
        }
        Task<T> inner = Combinators.ensureTask(awaitable,
                Combinators.needsSpawn(awaitable) ? EventLoop.current() : null);
        Promise<T> outer = new Promise<>();
        if (inner.isDone()) {
            copyOutcome(inner, outer);
        } else {
            inner.addDoneCallback(t -> {
                if (outer.isDone()) {
                    if (!t.isCancelled()) {
                        t.exception(); // marks a failure retrieved
                    }
                    return;
                }
                copyOutcome(t, outer);
            });
        }
        return outer;
    }

    private static <T> void copyOutcome(Task<T> inner, Promise<T> outer) {
        if (inner.isCancelled()) {
            outer.cancel();
            return;
        }
        Throwable failure = inner.exception();
        if (failure != null) {
            outer.fail(failure);
        } else {
            outer.complete(inner.result());
        }
    }
}
