package dev.weft;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A single-threaded event loop that runs tasks and callbacks (asyncio's event loop).
 *
 * <h2>Scheduling</h2>
 * <ul>
 *   <li>Ready tasks and callbacks run in FIFO order. {@link #spawn} schedules a task and the
 *       spawner continues; each iteration runs what was ready when it began, then timers that
 *       fell due, as asyncio's {@code _run_once} does.
 *   <li>Awaiting something already available continues at once, without a trip through the loop.
 *   <li>Timers with equal deadlines fire in the order they were set.
 *   <li>{@link #withVirtualTime()} gives a loop whose clock jumps to the next timer whenever
 *       nothing is ready: an hour of timeouts runs in microseconds, with the same order of events
 *       as in real time. {@link #withSeed(long)} adds a reproducible random choice among the
 *       ready tasks, to shake out order dependencies in tests.
 *   <li>When nothing can ever make progress, {@link #runUntilComplete} throws a
 *       {@link DeadlockException} naming every blocked task instead of hanging.
 * </ul>
 *
 * <h2>Threads</h2>
 * A loop and everything bound to it belong to the thread that runs it (see the package
 * documentation); {@link #callSoonThreadsafe(Runnable)} is the one entry point for other
 * threads. The loop cannot know that such a call will come: when nothing else can make progress
 * it reports a {@link DeadlockException} rather than wait for it, unless the call was announced
 * with {@link #expectThreadsafeCall()} or a task awaits a
 * {@link java.util.concurrent.CompletionStage} that the other thread completes.
 */
public final class EventLoop implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger("dev.weft");
    private static final ThreadLocal<EventLoop> CURRENT = new ThreadLocal<>();

    private final ReadyQueue ready = new ReadyQueue();
    private final TimerQueue timers = new TimerQueue();
    /** What other threads post, and what the loop expects from them. */
    final ThreadsafeInbox inbox = new ThreadsafeInbox();
    private final LoopClock clock;
    /** How the loop picks among ready items; {@code null}: FIFO. */
    private final Schedule schedule;
    private long timerSequence;
    private int taskSequence;

    /** The thread running the loop, or {@code null} while it is not running. */
    private volatile Thread runningThread;
    /** Volatile: read by {@link #callSoonThreadsafe} in other threads. */
    private volatile boolean closed;
    private Task<?> currentTask;
    /** How many coroutine calls run directly on the Java stack now ({@link CoroutineFrame#callInline}). */
    int inlineDepth;
    /** The innermost frame of a chain of direct calls that suspended, and what it awaits. */
    CoroutineFrame<?> handedFrame;
    Awaitable<?> handedCommand;
    /** The primitive result of the frame that just finished a direct call (see {@code Task.TYPED_RESULT}). */
    long inlineResult;
    /**
     * By call depth ({@link #inlineDepth}): a frame that finished a direct call there without
     * suspending, cleared, for the next direct call of its coroutine at that depth
     * ({@link CoroutineFrame#reusedFrame}). At most one frame per depth stays here.
     */
    final CoroutineFrame<?>[] freeFrames = new CoroutineFrame<?>[CoroutineFrame.MAX_INLINE_DEPTH + 1];

    /** The wait queues that hold waiters: the blocked tasks. */
    final BlockedTasks blocked = new BlockedTasks(this);
    /** Tasks awaiting a {@link java.util.concurrent.CompletionStage}. */
    final WaitQueue externalWaiters;

    /** Failures of tasks that nobody retrieved: logged when collected or when the loop closes. */
    final UnobservedFailures unobserved = new UnobservedFailures();

    /** The loop's sockets, or the simulated network it uses instead. */
    private final LoopIo sockets = new LoopIo();
    /**
     * The selector once a socket was opened: the loop's own plain copy of {@code sockets}'
     * volatile one, read at every iteration (side by side, the read through {@code sockets} cost
     * ping-pong 2 to 3 ns per switch on loops without sockets).
     */
    private IoDriver io;

    /** Creates a loop on real (monotonic) time. */
    public EventLoop() {
        this(false, null);
    }

    private EventLoop(boolean virtualTime, Schedule schedule) {
        this.clock = new LoopClock(this, virtualTime);
        this.schedule = schedule;
        this.externalWaiters = new WaitQueue(new StageAwait<Object>(null));
    }

    /**
     * A loop on virtual time: the clock starts at 0 and jumps to the next timer whenever no task
     * is ready, so timeouts and sleeps cost nothing and runs are reproducible.
     *
     * @return the loop
     */
    public static EventLoop withVirtualTime() {
        return new EventLoop(true, null);
    }

    /**
     * A loop on virtual time that picks among the ready tasks and callbacks of each iteration in
     * a random order drawn from {@code seed}: the same seed gives the same run. For tests that
     * must not depend on FIFO order.
     *
     * @param seed the seed
     * @return the loop
     */
    public static EventLoop withSeed(long seed) {
        return withSchedule(Schedule.random(seed));
    }

    /**
     * A loop on virtual time whose choice among the ready tasks and callbacks of each iteration
     * is made by {@code schedule}: random, PCT, or the replay of a recorded run.
     *
     * @param schedule the schedule
     * @return the loop
     */
    public static EventLoop withSchedule(Schedule schedule) {
        if (schedule == null) {
            throw new NullPointerException("schedule");
        }
        return new EventLoop(true, schedule);
    }

    /**
     * The loop running in the current thread (asyncio's {@code get_running_loop()}).
     *
     * @return the running loop
     * @throws IllegalStateException if no loop runs in this thread
     */
    public static EventLoop current() {
        EventLoop loop = CURRENT.get();
        if (loop == null) {
            throw new IllegalStateException("no event loop is running in thread "
                    + Thread.currentThread().getName()
                    + "; start one with EventLoop.run(...) or new EventLoop().runUntilComplete(...)");
        }
        return loop;
    }

    static EventLoop currentOrNull() {
        return CURRENT.get();
    }

    /**
     * Runs {@code main} on a new loop until it completes, then cancels the tasks still pending,
     * lets them finish, and closes the loop (asyncio's {@code asyncio.run()}).
     *
     * @param main the coroutine object to run
     * @param <T> its result type
     * @return its result
     * @throws CancelledException if it was cancelled; unchecked failures as they are, checked
     *     ones wrapped in {@link TaskFailedException}
     */
    public static <T> T run(CoroutineFrame<T> main) {
        try (EventLoop loop = new EventLoop()) {
            return loop.runAndShutdown(main);
        }
    }

    /**
     * {@link #run(CoroutineFrame)}, declaring the checked exception {@code thrown} that
     * {@code main} may fail with, which it rethrows as it is (other checked ones are wrapped in
     * {@link TaskFailedException}).
     *
     * @param main the coroutine object to run
     * @param thrown the checked exception {@code main} declares
     * @param <T> its result type
     * @param <X> the exception's type
     * @return its result
     * @throws X as {@code main} failed with it
     */
    public static <T, X extends Throwable> T run(CoroutineFrame<T> main, Class<X> thrown) throws X {
        try {
            return run(main);
        } catch (TaskFailedException e) {
            throw TaskFailedException.rethrow(e.getMessage(), e.getCause(), thrown);
        }
    }

    private <T> T runAndShutdown(CoroutineFrame<T> main) {
        try {
            return runUntilComplete(main);
        } finally {
            cancelRemainingTasks();
        }
    }

    private void cancelRemainingTasks() {
        List<Task<?>> remaining = allTasks();
        for (Task<?> t : remaining) {
            t.cancel();
        }
        if (!remaining.isEmpty()) {
            enter();
            try {
                while (LoopTasks.anyUnfinished(remaining) && runOnce()) {
                    // until every cancelled task has finished or nothing can progress
                }
            } finally {
                leave();
            }
        }
    }

    /**
     * {@link #runUntilComplete(CoroutineFrame)}, declaring the checked exception {@code thrown}
     * that {@code main} may fail with, which it rethrows as it is (other checked ones are wrapped
     * in {@link TaskFailedException}).
     *
     * @param main a coroutine object (spawned here as a task) or a task of this loop
     * @param thrown the checked exception {@code main} declares
     * @param <T> its result type
     * @param <X> the exception's type
     * @return its result
     * @throws X as {@code main} failed with it
     */
    public <T, X extends Throwable> T runUntilComplete(CoroutineFrame<T> main, Class<X> thrown) throws X {
        try {
            return runUntilComplete(main);
        } catch (TaskFailedException e) {
            throw TaskFailedException.rethrow(e.getMessage(), e.getCause(), thrown);
        }
    }

    /**
     * Runs the loop until {@code main} completes and returns its result (asyncio's
     * {@code run_until_complete}). Other tasks stay as they are when it returns.
     *
     * @param main a coroutine object (spawned here as a task) or a task of this loop
     * @param <T> its result type
     * @return its result
     * @throws DeadlockException if {@code main} can never complete
     * @throws CancelledException if it was cancelled; unchecked failures as they are, checked
     *     ones wrapped in {@link TaskFailedException}
     */
    public <T> T runUntilComplete(CoroutineFrame<T> main) {
        if (main == null) {
            throw new NullPointerException("main");
        }
        Task<T> task = (main.status & Task.PHASE) == Task.NEW ? spawn(main) : main;
        if (task.loop != this) {
            throw new IllegalStateException(task + " belongs to another event loop");
        }
        enter();
        try {
            while (!task.isDone()) {
                if (!runOnce()) {
                    throw blocked.deadlock(task);
                }
            }
        } finally {
            leave();
        }
        return task.result();
    }

    private void enter() {
        if (closed) {
            throw new IllegalStateException("the event loop is closed");
        }
        if (runningThread != null) {
            throw new IllegalStateException("the event loop is already running");
        }
        if (CURRENT.get() != null) {
            throw new IllegalStateException("another event loop is already running in thread "
                    + Thread.currentThread().getName() + "; loops do not nest");
        }
        runningThread = Thread.currentThread();
        CURRENT.set(this);
    }

    private void leave() {
        runningThread = null;
        currentTask = null;
        CURRENT.remove();
    }

    /**
     * Whether the loop is running.
     *
     * @return {@code true} while inside {@link #runUntilComplete}
     */
    public boolean isRunning() {
        return runningThread != null;
    }

    /**
     * Whether {@link #close()} was called.
     *
     * @return {@code true} if closed
     */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Closes the loop: pending callbacks are dropped, and the failures of tasks nobody awaited
     * are logged. A closed loop cannot run again.
     *
     * @throws IllegalStateException if the loop is running
     */
    @Override
    public void close() {
        if (runningThread != null) {
            throw new IllegalStateException("cannot close a running event loop");
        }
        if (closed) {
            return;
        }
        closed = true;
        sockets.close();
        unobserved.logAll();
        ready.clear();
        timers.clear();
        inbox.clear();
    }

    // ------------------------------------------------------------------ tasks

    /**
     * Schedules {@code coroutine} to run as a task (asyncio's {@code create_task}); the caller
     * continues. Returns the same object typed as its task handle.
     *
     * @param coroutine a coroutine object that has not started
     * @param <T> its result type
     * @return the task
     * @throws IllegalStateException if the coroutine object already ran or runs
     */
    public <T> Task<T> spawn(CoroutineFrame<T> coroutine) {
        if (coroutine == null) {
            throw new NullPointerException("coroutine");
        }
        Confinement.check(this, this);
        if (closed) {
            throw new IllegalStateException("the event loop is closed");
        }
        if ((coroutine.status & Task.PHASE) != Task.NEW) {
            throw new IllegalStateException(coroutine + " was already started: a coroutine object"
                    + " runs once; call its factory again for a new one");
        }
        coroutine.loop = this;
        coroutine.id = ++taskSequence;
        coroutine.status = (coroutine.status & ~Task.PHASE) | Task.READY;
        ready.add(coroutine);
        return coroutine;
    }

    /**
     * {@link #spawn(CoroutineFrame)} with a name for the task.
     *
     * @param coroutine a coroutine object that has not started
     * @param name the task's name
     * @param <T> its result type
     * @return the task
     */
    public <T> Task<T> spawn(CoroutineFrame<T> coroutine, String name) {
        Task<T> task = spawn(coroutine);
        task.setName(name);
        return task;
    }

    /**
     * The task whose coroutine is running now, or {@code null} inside a plain callback
     * (asyncio's {@code current_task()}).
     *
     * @return the running task
     */
    public Task<?> currentTask() {
        return currentTask;
    }

    /**
     * A dump of the loop's tasks ({@link #allTasks()}), one line each: its name, its state, what it
     * waits on and where, in the user's source lines with the coroutines it was called from
     * inline ({@code Task-2 [waiting on Lock[locked by Task-1] at Worker.java:42 (Worker.step), in
     * Worker.run (Worker.java:30)]}), as asyncio's {@code python -m asyncio ps} lists a process's
     * tasks.
     *
     * @return the dump, a line per task
     */
    public String dumpTasks() {
        return LoopTasks.dump(allTasks());
    }

    /**
     * The tasks of this loop that failed and whose exception nobody retrieved yet (no
     * {@code await}, {@code result()} or {@code exception()}): what the loop logs as "Task
     * exception was never retrieved" when it closes. For tests that must fail on them.
     *
     * @return the failures by task name, oldest first
     */
    public Map<String, Throwable> unretrievedFailures() {
        return unobserved.pendingByTask();
    }

    /**
     * The tasks of this loop that are not done (asyncio's {@code all_tasks()}): ready, waiting,
     * sleeping or awaiting another thread.
     *
     * @return the tasks, in no particular order
     */
    public List<Task<?>> allTasks() {
        return LoopTasks.of(ready, timers, blocked, currentTask);
    }

    // ------------------------------------------------------------------ callbacks and time

    /**
     * Schedules {@code callback} to run on the next iteration, after what is already ready.
     *
     * @param callback the callback
     * @return a handle to cancel it
     */
    public Handle callSoon(Runnable callback) {
        if (callback == null) {
            throw new NullPointerException("callback");
        }
        Confinement.check(this, this);
        Handle h = new Handle(callback);
        ready.add(h);
        return h;
    }

    /**
     * Schedules {@code callback} from any thread (asyncio's {@code call_soon_threadsafe}): with
     * {@link #expectThreadsafeCall()}, the only methods of the loop other threads may call. It
     * runs on the loop's thread at its next iteration. A call that a task waits for must be
     * announced (see the class documentation).
     *
     * @param callback the callback
     * @throws IllegalStateException if the loop is closed (its callbacks would never run)
     */
    public void callSoonThreadsafe(Runnable callback) {
        if (callback == null) {
            throw new NullPointerException("callback");
        }
        if (closed) {
            throw new IllegalStateException(
                    "the event loop is closed: a callback posted to it would never run");
        }
        inbox.post(callback);
        wakeUp();
    }

    /**
     * Announces a call that another thread will make into the loop, so that the loop waits for
     * it: until the returned handle is {@linkplain ExpectedCall#call(Runnable) called} or
     * {@linkplain ExpectedCall#cancel() cancelled}, a loop with nothing else to do waits instead
     * of reporting a {@link DeadlockException}. Announce it before the loop can run out of work,
     * normally on the loop's thread before handing the handle to the other thread.
     *
     * <pre>{@code
     * ExpectedCall call = EventLoop.current().expectThreadsafeCall();
     * worker.submit(() -> call.call(() -> promise.complete(compute())));
     * String v = await(promise);
     * }</pre>
     *
     * @return the handle the other thread calls, once
     * @throws IllegalStateException if the loop is closed
     */
    public ExpectedCall expectThreadsafeCall() {
        if (closed) {
            throw new IllegalStateException("the event loop is closed");
        }
        inbox.expect();
        return new ExpectedCall(this);
    }

    /**
     * Schedules {@code callback} to run after {@code delay} of loop time.
     *
     * @param delay how long to wait; zero or negative runs it at the next iteration
     * @param callback the callback
     * @return a handle to cancel it
     */
    public TimerHandle callLater(Duration delay, Runnable callback) {
        return callAtNanos(nanoTime() + Math.max(0, LoopClock.toNanos(delay)), callback);
    }

    /**
     * Schedules {@code callback} to run at loop time {@code when}, in seconds on the scale of
     * {@link #time()}.
     *
     * @param when the deadline
     * @param callback the callback
     * @return a handle to cancel it
     */
    public TimerHandle callAt(double when, Runnable callback) {
        return callAtNanos((long) (when * 1e9), callback);
    }

    private TimerHandle callAtNanos(long when, Runnable callback) {
        if (callback == null) {
            throw new NullPointerException("callback");
        }
        Confinement.check(this, this);
        TimerHandle h = new TimerHandle(this, when, ++timerSequence, callback);
        addTimer(h);
        return h;
    }

    /**
     * The loop's clock in seconds: monotonic time since the loop was created, or virtual time.
     *
     * @return the current loop time
     */
    public double time() {
        return nanoTime() / 1e9;
    }

    /**
     * The loop's clock in nanoseconds.
     *
     * @return the current loop time
     */
    public long nanoTime() {
        return clock.now();
    }

    /**
     * Whether the loop runs on virtual time.
     *
     * @return {@code true} for {@link #withVirtualTime()} and {@link #withSeed(long)} loops
     */
    public boolean isVirtualTime() {
        return clock.isVirtual();
    }


    // ------------------------------------------------------------------ the loop

    /**
     * One iteration: take work from other threads, wait for the next timer if nothing is ready,
     * move due timers to the ready queue, then run everything that was ready. Returns
     * {@code false} if nothing can ever make progress.
     */
    private boolean runOnce() {
        inbox.drainInto(ready);
        IoDriver io = this.io;
        boolean idle = ready.isEmpty();
        if (io != null) {
            io.beforeIteration(idle);
        }
        if (idle) {
            if (!clock.waitIdle(timers.isEmpty() ? Long.MAX_VALUE : timers.firstWhen(), io, inbox)) {
                return false;
            }
            inbox.drainInto(ready);
        }
        if (!timers.isEmpty()) {
            // Read the clock only when a timer may be due: a switch between tasks costs less
            // than a clock read.
            long now = nanoTime();
            while (!timers.isEmpty() && timers.firstWhen() <= now) {
                ready.add(timers.poll());
            }
        }
        int n = ready.size();
        for (int i = 0; i < n; i++) {
            Object item = schedule == null ? ready.poll() : schedule.next(ready, n - i);
            if (item instanceof CoroutineFrame) {
                CoroutineFrame<?> task = (CoroutineFrame<?>) item;
                currentTask = task;
                task.step();
                currentTask = null;
            } else {
                Handle h = (Handle) item;
                if (!h.cancelled) {
                    runCallback(h);
                }
            }
        }
        return true;
    }

    private static void runCallback(Handle h) {
        try {
            h.run();
        } catch (RuntimeException | Error e) {
            if (e instanceof VirtualMachineError) {
                throw e;
            }
            LOG.log(Level.SEVERE, "Exception in callback " + h, e);
        }
    }

    void schedule(Task<?> task) {
        ready.add(task);
    }

    void timerCancelled(TimerHandle t) {
        timers.remove(t);
    }

    void addTimer(TimerHandle t) {
        if (timers.isEmpty()) {
            timers.startAt(clock.now());
        }
        timers.add(t);
    }

    long nextTimerSequence() {
        return ++timerSequence;
    }

    /** The thread running the loop, or {@code null} while it is not running. */
    Thread runningThread() {
        return runningThread;
    }

    /** The loop's selector, opened by the first socket. */
    IoDriver io() {
        IoDriver d = io;
        if (d == null) {
            d = sockets.open(closed);
            io = d;
        }
        return d;
    }

    /** Whether a socket was ever opened on this loop: it then waits in a selector. */
    boolean hasIo() {
        return io != null;
    }

    /**
     * Makes the loop's connections and servers ({@link Streams}) use a simulated network instead
     * of the machine's sockets. Call it before the loop opens any; the loop should run on virtual
     * time ({@link #withVirtualTime()} or {@link #withSeed(long)}) for deterministic runs.
     *
     * @param network the network
     * @return this loop
     * @throws IllegalStateException if the loop already uses a network
     */
    public EventLoop useNetwork(SimulatedNetwork network) {
        sockets.use(network);
        return this;
    }

    /** The simulated network of the loop, or {@code null} for the machine's sockets. */
    SimulatedNetwork network() {
        return sockets.network();
    }

    /** Wakes the loop's thread, if it runs and is not the caller, to look at its work again. */
    void wakeUp() {
        if (sockets.wakeUp()) {
            return;
        }
        Thread t = runningThread;
        if (t != null && t != Thread.currentThread()) {
            LockSupport.unpark(t);
        }
    }

    @Override
    public String toString() {
        return "EventLoop[" + (clock.isVirtual() ? "virtual time " : "") + (closed ? "closed"
                : runningThread != null ? "running" : "idle") + ", ready=" + ready.size()
                + ", timers=" + timers.size() + "]";
    }
}
