package dev.weft;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The pending result of {@link Weft#gather(Awaitable[])} and
 * {@link Weft#gatherOutcomes(Awaitable[])} (asyncio's {@code _GatheringFuture}): awaiting it
 * returns the results of all its awaitables, in argument order.
 *
 * <ul>
 *   <li>The awaitables ("children") run concurrently: coroutine objects were spawned as tasks by
 *       {@code gather}; tasks run anyway; other awaitables (a {@link Promise}, an
 *       {@link Event}, ...) are each awaited by a task of their own.
 *   <li>{@code gather}: the first child to fail makes the gathering fail with its exception at
 *       once, while the other children keep running. A cancelled child counts as a failure with
 *       a {@link CancelledException}: the gathering itself is not cancelled, and the other
 *       children are not either.
 *   <li>{@code gatherOutcomes}: failures and cancellations are collected as {@link Outcome}s
 *       instead; the gathering finishes when every child has.
 *   <li>{@link #cancel()} cancels every child that is not done. A task that awaits the
 *       gathering and is cancelled cancels it this way (asyncio: the task cancels the future it
 *       waits on), and then waits for the children to finish cancelling.
 * </ul>
 * A gathering may be awaited by several tasks, and awaited again once done.
 *
 * @param <E> the element type of the result list ({@code T} for {@code gather},
 *     {@code Outcome<T>} for {@code gatherOutcomes})
 */
public final class Gathering<E> extends OnceAwaitable<List<E>> {
    private final boolean outcomes;
    /** The task behind each argument, in argument order (an argument given twice appears twice). */
    private final Task<?>[] children;
    /** What {@link #cancel} cancels for each argument: the task, or the promise it awaits. */
    private final Object[] cancelTargets;
    private final Consumer<Task<?>> onChildDone = this::onChildDone;
    private int unique;
    private int finished;
    private boolean cancelRequested;

    private Gathering(int n, boolean outcomes) {
        this.outcomes = outcomes;
        this.children = new Task<?>[n];
        this.cancelTargets = new Object[n];
    }

    /** asyncio's {@code gather()}: wraps the arguments in tasks and registers the callbacks. */
    static <E> Gathering<E> create(List<? extends Awaitable<?>> args, boolean outcomes) {
        if (args == null) {
            throw new NullPointerException("awaitables");
        }
        int n = args.size();
        Gathering<E> g = new Gathering<>(n, outcomes);
        if (n == 0) {
            g.state = FULFILLED;
            g.outcome = new ArrayList<E>();
            return g;
        }
        // Validate everything before spawning anything.
        EventLoop loop = null;
        boolean needsLoop = false;
        for (int i = 0; i < n; i++) {
            Awaitable<?> arg = args.get(i);
            if (arg == null) {
                throw new NullPointerException("gather: awaitable #" + i + " is null");
            }
            if (Combinators.needsSpawn(arg)) {
                needsLoop = true;
            } else {
                EventLoop l = ((Task<?>) arg).loop;
                if (loop == null) {
                    loop = l;
                } else if (l != null && l != loop) {
                    throw new IllegalArgumentException("gather: the awaitables belong to different"
                            + " event loops (" + args.get(0) + " and " + arg + ")");
                }
            }
        }
        if (loop == null && needsLoop) {
            loop = EventLoop.current();
        }
        g.loop = loop;
        Map<Awaitable<?>, Task<?>> argToTask = new IdentityHashMap<>();
        List<Task<?>> alreadyDone = null;
        for (int i = 0; i < n; i++) {
            Awaitable<?> arg = args.get(i);
            Task<?> child = argToTask.get(arg);
            if (child == null) {
                child = Combinators.ensureTask(arg, loop);
                argToTask.put(arg, child);
                g.unique++;
                if (child.isDone()) {
                    if (alreadyDone == null) {
                        alreadyDone = new ArrayList<>();
                    }
                    alreadyDone.add(child);
                } else {
                    child.addDoneCallback(g.onChildDone);
                }
            }
            g.children[i] = child;
            g.cancelTargets[i] = arg instanceof Promise ? arg : child;
        }
        if (alreadyDone != null) {
            for (Task<?> child : alreadyDone) {
                g.onChildDone(child);
            }
        }
        return g;
    }

    /** asyncio's {@code _done_callback}. */
    private void onChildDone(Task<?> child) {
        finished++;
        if (state != PENDING) {
            if (!child.isCancelled()) {
                child.exception(); // marks a failure retrieved
            }
            return;
        }
        if (!outcomes) {
            if (child.isCancelled()) {
                settle(FAILED, Combinators.cancelledError(child));
                return;
            }
            Throwable failure = child.exception();
            if (failure != null) {
                settle(FAILED, failure);
                return;
            }
        }
        if (finished == unique) {
            List<Object> results = new ArrayList<>(children.length);
            for (Task<?> c : children) {
                if (outcomes) {
                    if (c.isCancelled()) {
                        results.add(Outcome.failure(Combinators.cancelledError(c)));
                    } else {
                        Throwable failure = c.exception();
                        results.add(failure != null ? Outcome.failure(failure) : Outcome.success(c.result()));
                    }
                } else {
                    results.add(c.result());
                }
            }
            if (cancelRequested) {
                // asyncio: a cancelled gather raises CancelledError even if the children
                // swallowed the cancellation (bpo-32684); the error is made from the last child.
                settle(FAILED, Combinators.cancelledError(children[children.length - 1]));
            } else {
                settle(FULFILLED, results);
            }
        }
    }

    /**
     * Cancels every child that is not done (asyncio's {@code _GatheringFuture.cancel()}): tasks
     * are cancelled, promises given as arguments are cancelled themselves. If that cancelled
     * anything, the gathering will throw {@link CancelledException} once the children are done,
     * even if they swallow the cancellation; this holds for {@code gatherOutcomes} too.
     *
     * @return {@code false} if the gathering is done or no child could be cancelled
     */
    public boolean cancel() {
        return cancel(null);
    }

    /**
     * {@link #cancel()} with a message for the children's {@link CancelledException}s.
     *
     * @param message the message, or {@code null}
     * @return {@code false} if the gathering is done or no child could be cancelled
     */
    public boolean cancel(String message) {
        confine();
        if (state != PENDING) {
            return false;
        }
        boolean any = false;
        for (Object target : cancelTargets) {
            if (target instanceof Promise) {
                any |= ((Promise<?>) target).cancel();
            } else {
                any |= ((Task<?>) target).cancel(message);
            }
        }
        if (any) {
            cancelRequested = true;
        }
        return any;
    }

    /** A task waiting on the gathering is cancelled: cancel the children, as asyncio does. */
    @Override
    boolean cancelWait(Task<?> task, String message) {
        return cancel(message);
    }

    @Override
    String describeWait() {
        return toString();
    }

    @Override
    public String toString() {
        String s;
        switch (state) {
            case PENDING:
                s = "pending, " + finished + "/" + unique + " done";
                break;
            case FULFILLED:
                s = "done";
                break;
            default:
                s = "failed: " + outcome;
                break;
        }
        return (outcomes ? "GatherOutcomes[" : "Gather[") + s + waitersSuffix() + "]";
    }
}
