package dev.weft;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A set of tasks that live and die together, inside the task that created the group
 * (asyncio's {@code TaskGroup}, the object of {@code async with asyncio.TaskGroup() as g}).
 *
 * <ul>
 *   <li>The group is created inside a running task, its <em>parent</em>; {@link #spawn} starts
 *       tasks in it.
 *   <li>{@link #join()} plays the part of leaving the {@code async with} block: it waits until
 *       every task of the group has finished (tasks may spawn more tasks into the group
 *       meanwhile).
 *   <li>When a task of the group fails, every other task of the group is cancelled, and so is
 *       the parent task, to interrupt whatever it is doing inside the group; {@code join} then
 *       withdraws that cancellation of the parent ({@link Task#uncancel()}) and throws a
 *       {@link TaskGroupException} with every failure. Cancelled tasks are not failures.
 *   <li>When the parent task is cancelled from outside, the tasks of the group are cancelled and
 *       {@code join} waits for them; the cancellation then goes on (unless tasks failed: the
 *       {@link TaskGroupException} wins, and the parent is cancelled again at its next wait).
 *   <li>Once the group is shutting down (a task failed, or the parent is being cancelled) or has
 *       finished, {@link #spawn} throws {@link IllegalStateException}.
 * </ul>
 *
 * <h2>Two ways to write the block</h2>
 * The recommended pattern joins in a {@code finally} block:
 * <pre>{@code
 * TaskGroup g = new TaskGroup();
 * try {
 *     Task<String> a = g.spawn(fetch("a"));
 *     Task<String> b = g.spawn(fetch("b"));
 *     await(sleep(100));            // the body may wait too
 * } finally {
 *     await(g.join());
 * }
 * }</pre>
 * If a task fails while the body waits, the body's {@code await} throws the
 * {@link CancelledException} by which the group interrupts its parent; the {@code finally} block
 * then joins, and {@code join} throws the {@link TaskGroupException}, which replaces the
 * cancellation: the caller sees the group's errors and the parent is no longer being cancelled.
 * If the parent is cancelled from outside, {@code join} cancels the tasks, waits for them and
 * returns, letting the body's {@code CancelledException} continue.
 *
 * <p>{@code join()} cannot see an exception that the body throws on its own: with the pattern
 * above, such an exception leaves the tasks running until they finish by themselves, and then
 * propagates as it is. When the body may fail, or to get asyncio's semantics exactly (the body's
 * exception cancels the tasks and joins the {@code TaskGroupException}), use the scope form, which
 * sees how the body ended, as {@code async with} does:
 * <pre>{@code
 * List<String> pages = await(TaskGroup.run(g -> fetchAll(g, urls)));   // fetchAll is a coroutine
 * }</pre>
 *
 * <p>All methods must be called on the thread of the group's loop.
 */
public final class TaskGroup {
    private static final Logger LOG = Logger.getLogger("dev.weft");

    private final EventLoop loop;
    private final Task<?> parent;
    /** The parent's count of cancellation requests when the group was created. */
    private final int parentCancellingAtStart;
    private final LinkedHashSet<Task<?>> tasks = new LinkedHashSet<>();
    private final Consumer<Task<?>> onTaskDone = this::onTaskDone;
    private List<Throwable> errors = new ArrayList<>();
    private boolean exiting;
    private boolean aborting;
    private boolean parentCancelRequested;
    private boolean joined;
    private Promise<Void> onCompleted;

    /**
     * Creates a group whose parent is the task running now (asyncio: {@code __aenter__}).
     *
     * @throws IllegalStateException if no loop runs in this thread, or no task is running (in a
     *     plain callback)
     */
    public TaskGroup() {
        EventLoop l = EventLoop.current();
        Task<?> p = l.currentTask();
        if (p == null) {
            throw new IllegalStateException("TaskGroup cannot determine the parent task:"
                    + " create it inside a coroutine that runs as (or inside) a task");
        }
        this.loop = l;
        this.parent = p;
        this.parentCancellingAtStart = p.cancelling();
    }

    /**
     * Runs {@code body} inside a new group and joins the group when the body ends, however it
     * ends: the exact equivalent of {@code async with TaskGroup() as g: ...}. The returned
     * coroutine creates the group in the task that awaits it, calls {@code body} with it, awaits
     * what {@code body} returns (a coroutine object runs inline), and then leaves the group as
     * asyncio's {@code __aexit__} does: if the body failed or was cancelled, the group's tasks
     * are cancelled; the group waits for all of them; failures of the body and of the tasks are
     * thrown together as a {@link TaskGroupException}, and a cancellation of the parent goes on.
     *
     * @param body makes the body's coroutine object from the group
     * @param <T> the body's value type
     * @return a coroutine object that returns the body's value once every task has finished
     */
    public static <T> CoroutineFrame<T> run(Function<? super TaskGroup, ? extends Awaitable<? extends T>> body) {
        if (body == null) {
            throw new NullPointerException("body");
        }
        return new Scope<>(body);
    }

    /**
     * Starts {@code coroutine} as a task of this group (asyncio's {@code create_task}).
     *
     * @param coroutine a coroutine object that has not started
     * @param <T> its result type
     * @return the task
     * @throws IllegalStateException if the group has finished or is shutting down
     */
    public <T> Task<T> spawn(CoroutineFrame<T> coroutine) {
        return spawn(coroutine, null);
    }

    /**
     * Starts {@code coroutine} as a task of this group, with a name.
     *
     * @param coroutine a coroutine object that has not started
     * @param name the task's name, or {@code null} for the default
     * @param <T> its result type
     * @return the task
     * @throws IllegalStateException if the group has finished or is shutting down
     */
    public <T> Task<T> spawn(CoroutineFrame<T> coroutine, String name) {
        if (coroutine == null) {
            throw new NullPointerException("coroutine");
        }
        Confinement.check(loop, this);
        if (exiting && tasks.isEmpty()) {
            throw new IllegalStateException("TaskGroup " + this + " is finished");
        }
        if (aborting) {
            throw new IllegalStateException("TaskGroup " + this + " is shutting down");
        }
        Task<T> task = name == null ? loop.spawn(coroutine) : loop.spawn(coroutine, name);
        if (task.isDone()) {
            onTaskDone(task);
        } else {
            tasks.add(task);
            task.addDoneCallback(onTaskDone);
        }
        return task;
    }

    /**
     * Waits until every task of the group has finished, then reports how the group ended (the
     * part of asyncio's {@code __aexit__}). Await it, once, in the parent task, normally in a
     * {@code finally} block (see the class comment).
     *
     * <ul>
     *   <li>If tasks failed, throws a {@link TaskGroupException} with every failure, after
     *       withdrawing the group's own cancellation of the parent task.
     *   <li>If the parent task is being cancelled by someone else when {@code join} starts (its
     *       {@link Task#cancelling()} count is above what it was when the group was created, not
     *       counting the group's own request), the tasks are cancelled first; {@code join} then
     *       returns normally, so that the cancellation in flight continues.
     *   <li>If the parent task is cancelled while {@code join} waits, the tasks are cancelled,
     *       {@code join} keeps waiting for them, and then throws that {@link CancelledException}.
     * </ul>
     *
     * @return the awaitable; its value is {@code null}
     * @throws TaskGroupException (from the await) if tasks of the group failed
     * @throws IllegalStateException (from the await) if awaited by another task than the
     *     parent, or awaited a second time
     */
    public Awaitable<Void> join() {
        return new Exit(this, null, true);
    }

    /**
     * The number of tasks of the group that have not finished.
     *
     * @return the count
     */
    public int size() {
        return tasks.size();
    }

    /**
     * The task that created the group, which the group cancels when one of its tasks fails.
     *
     * @return the parent task
     */
    public Task<?> parentTask() {
        return parent;
    }

    /** asyncio's {@code _abort}: the group shuts down and cancels its tasks. */
    private void abort() {
        aborting = true;
        for (Task<?> t : tasks) {
            if (!t.isDone()) {
                t.cancel();
            }
        }
    }

    /** asyncio's {@code _on_task_done}. */
    private void onTaskDone(Task<?> task) {
        tasks.remove(task);
        if (onCompleted != null && tasks.isEmpty() && !onCompleted.isDone()) {
            onCompleted.complete(null);
        }
        if (task.isCancelled()) {
            return;
        }
        Throwable failure = task.exception();
        if (failure == null) {
            return;
        }
        errors.add(failure);
        if (parent.isDone()) {
            LOG.log(Level.SEVERE, "Task " + task + " has errored out but its parent task " + parent
                    + " is already completed", failure);
            return;
        }
        if (!aborting && !parentCancelRequested) {
            // Interrupt whatever the parent is doing inside the group; join() withdraws this.
            abort();
            parentCancelRequested = true;
            parent.cancel();
        }
    }

    /** Whether someone other than the group is cancelling the parent. */
    private boolean parentCancelledFromOutside() {
        return parent.cancelling() - (parentCancelRequested ? 1 : 0) > parentCancellingAtStart;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("TaskGroup[");
        if (!tasks.isEmpty()) {
            sb.append("tasks:").append(tasks.size()).append(", ");
        }
        if (errors != null && !errors.isEmpty()) {
            sb.append("errors:").append(errors.size()).append(", ");
        }
        if (aborting) {
            sb.append("cancelling");
        } else if (exiting && tasks.isEmpty()) {
            sb.append("finished");
        } else if (exiting) {
            sb.append("joining");
        } else {
            sb.append("entered");
        }
        return sb.append(']').toString();
    }

    /**
     * Leaving the group: asyncio's {@code __aexit__}. {@code bodyFailure} is the exception the body
     * ended with, if known; in {@code joinMode} it is not known (join() in a finally block), and a
     * cancellation of the parent that is in flight is inferred from its cancel count.
     */
    private static final class Exit extends CoroutineFrame<Void> {
        private final TaskGroup g;
        private final Throwable bodyFailure;
        private final boolean joinMode;
        private CancelledException propagate;

        Exit(TaskGroup g, Throwable bodyFailure, boolean joinMode) {
            this.g = g;
            this.bodyFailure = bodyFailure;
            this.joinMode = joinMode;
        }

        @Override
        protected Awaitable<?> resume(Object awaited, Throwable failure) throws Throwable {
            for (;;) {
                switch (state) {
                    case 0:
                        enter();
                        state = 1;
                        continue;
                    case 1:
                        if (!g.tasks.isEmpty()) {
                            if (g.onCompleted == null) {
                                g.onCompleted = new Promise<>();
                            }
                            state = 2;
                            return g.onCompleted;
                        }
                        state = 3;
                        return finish();
                    case 2:
                        if (failure != null) {
                            if (!(failure instanceof CancelledException)) {
                                throw failure;
                            }
                            // The parent is being cancelled while we wait for the tasks.
                            if (joinMode ? !g.parentCancelRequested : !g.aborting) {
                                propagate = (CancelledException) failure;
                            }
                            if (!g.aborting) {
                                g.abort();
                            }
                            failure = null;
                        }
                        g.onCompleted = null;
                        state = 1;
                        continue;
                    default:
                        throw invalidState(state);
                }
            }
        }

        private void enter() {
            Confinement.check(g.loop, g);
            if (hostTask() != g.parent) {
                throw new IllegalStateException("TaskGroup.join() must be awaited by the task that"
                        + " created the group (" + g.parent.name() + "), not by "
                        + hostTask().name());
            }
            if (g.joined) {
                throw new IllegalStateException("TaskGroup " + g + " was already joined");
            }
            g.joined = true;
            g.exiting = true;
            if (bodyFailure instanceof CancelledException) {
                propagate = (CancelledException) bodyFailure;
            }
            if (bodyFailure != null) {
                if (!g.aborting) {
                    g.abort();
                }
            } else if (joinMode && !g.aborting && g.parentCancelledFromOutside()) {
                // join() in a finally block while the body's CancelledException is in flight:
                // behave as __aexit__ with that exception, and let it continue afterwards.
                g.abort();
            }
        }

        private Awaitable<?> finish() {
            Task<?> parent = g.parent;
            if (g.parentCancelRequested) {
                // The group cancelled its parent: withdraw that request.
                if (parent.uncancel() == 0) {
                    propagate = null;
                }
            }
            List<Throwable> errors = g.errors;
            if (propagate != null && errors.isEmpty()) {
                throw propagate;
            }
            if (bodyFailure != null && !(bodyFailure instanceof CancelledException)) {
                errors.add(bodyFailure);
            }
            if (!errors.isEmpty()) {
                if (parent.cancelling() > 0) {
                    // Cancelled from outside too: keep the count, re-arm the cancellation.
                    parent.uncancel();
                    parent.cancel();
                }
                g.errors = new ArrayList<>();
                throw new TaskGroupException(errors);
            }
            return complete(null);
        }
    }

    /** The coroutine of {@link #run}: create the group, await the body, leave the group. */
    private static final class Scope<T> extends CoroutineFrame<T> {
        private final Function<? super TaskGroup, ? extends Awaitable<? extends T>> body;
        private TaskGroup group;
        private Object result;
        private Throwable bodyFailure;

        Scope(Function<? super TaskGroup, ? extends Awaitable<? extends T>> body) {
            this.body = body;
        }

        @Override
        @SuppressWarnings("unchecked")
        protected Awaitable<?> resume(Object awaited, Throwable failure) throws Throwable {
            switch (state) {
                case 0: {
                    group = new TaskGroup();
                    Awaitable<? extends T> aw;
                    try {
                        aw = body.apply(group);
                        if (aw == null) {
                            throw new NullPointerException("TaskGroup.run: the body returned null");
                        }
                    } catch (Throwable t) {
                        bodyFailure = t;
                        state = 2;
                        return new Exit(group, t, false);
                    }
                    state = 1;
                    return aw;
                }
                case 1:
                    result = awaited;
                    bodyFailure = failure;
                    state = 2;
                    return new Exit(group, failure, false);
                case 2:
                    state = 3;
                    if (failure != null) {
                        throw failure;
                    }
                    if (bodyFailure != null) {
                        throw bodyFailure;
                    }
                    return complete((T) result);
                default:
                    throw invalidState(state);
            }
        }
    }
}
