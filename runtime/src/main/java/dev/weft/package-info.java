/**
 * Weft's runtime: coroutines that read like sequential Java, run by a single-threaded event loop
 * with the semantics of Python's asyncio.
 *
 * <h2>Writing coroutines</h2>
 * Annotate a method with {@link dev.weft.Coroutine @Coroutine} and call
 * {@link dev.weft.Weft#await(Awaitable) await(...)} where it waits; the Weft annotation processor
 * (weft-processor, on the annotation processor path) compiles it into a state machine, a
 * {@link dev.weft.CoroutineFrame}, returned by a generated factory: for a class {@code X},
 * {@code XCoroutines.m(...)}. Use {@code import static dev.weft.Weft.*;} for the helpers that
 * coroutines call: {@code await}, {@code spawn}, {@code sleep}, {@code yieldNow},
 * {@code gather}, {@code waitTasks}, {@code waitFor}, {@code timeout}, {@code shield},
 * {@code currentTask}.
 *
 * <h2>Running them</h2>
 * {@link dev.weft.EventLoop#run(CoroutineFrame) EventLoop.run(XCoroutines.main())} runs a
 * coroutine on a new loop until it completes; {@link dev.weft.EventLoop#withVirtualTime()} gives a
 * loop whose clock jumps to the next timer, for tests. A spawned coroutine is a
 * {@link dev.weft.Task}; {@link dev.weft.Task#cancel()} throws a
 * {@link dev.weft.CancelledException} where it waits. A loop that can never make progress throws
 * a {@link dev.weft.DeadlockException} naming the blocked tasks.
 *
 * <h2>Waiting on things</h2>
 * {@code await} takes any {@link dev.weft.Awaitable}: tasks and the primitives
 * {@link dev.weft.Event}, {@link dev.weft.Lock}, {@link dev.weft.Condition},
 * {@link dev.weft.Semaphore}, {@link dev.weft.BoundedSemaphore}, {@link dev.weft.Barrier},
 * {@link dev.weft.CountdownLatch}, {@link dev.weft.Promise}, {@link dev.weft.AsyncQueue} (and its
 * LIFO and priority kinds), {@link dev.weft.TaskGroup}, {@link dev.weft.Timeout}; and any
 * {@link java.util.concurrent.CompletionStage}, which may complete on another thread.
 *
 * <h2>Threads</h2>
 * A loop, its tasks and its primitives belong to the thread that runs the loop: touching them
 * from another thread while it runs throws {@link java.lang.IllegalStateException} instead of
 * corrupting their state. A task is bound to its loop when spawned; a primitive to the loop
 * running in the thread that first changes it or waits on it (before that, setup code may use it
 * anywhere). Every operation that changes a bound primitive or waits on it checks the thread (a
 * primitive used while another loop runs in the thread throws too); while its loop is not
 * running, code in a thread that runs no loop may use it. Other threads
 * reach it with {@link dev.weft.EventLoop#callSoonThreadsafe(Runnable)}, announced with
 * {@link dev.weft.EventLoop#expectThreadsafeCall()} when a task waits for the call, or complete
 * a {@link java.util.concurrent.CompletableFuture} that a task awaits. A blocking call runs on
 * another thread with {@link dev.weft.Weft#toThread(java.util.concurrent.Callable) toThread}.
 *
 * <h2>Network I/O</h2>
 * {@link dev.weft.Streams} opens TCP connections and starts servers on the loop (asyncio's
 * streams): a {@link dev.weft.Connection}'s {@link dev.weft.StreamReader} and
 * {@link dev.weft.StreamWriter}, a {@link dev.weft.Server} running a
 * {@link dev.weft.ConnectionHandler} per connection. The loop then waits in a
 * {@link java.nio.channels.Selector}; a {@link dev.weft.SimulatedNetwork} runs the same calls on
 * an in-memory network on virtual time, with seeded latency and faults, for tests.
 *
 * <h2>In the user's terms</h2>
 * Exceptions that pass through coroutines have their stack traces rewritten to the user's own
 * lines, with the inline callers and the awaiting task's chain; {@link dev.weft.Task#toString()},
 * {@link dev.weft.EventLoop#dumpTasks()} and deadlock reports say where each task waits. The
 * generated frames' {@link dev.weft.SourceMap}s say where their code is.
 *
 * <h2>For generated code</h2>
 * {@link dev.weft.GeneratedFrame} and its helpers, {@link dev.weft.MemberHandles} (private
 * members reached through method handles), {@link dev.weft.Dispatch} (the overrides of a virtual
 * coroutine, by class) and {@link dev.weft.SourceMap} exist for what the processor generates;
 * user code does not need them.
 */
package dev.weft;
