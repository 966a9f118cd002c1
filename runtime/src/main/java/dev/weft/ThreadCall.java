package dev.weft;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A blocking call run on another thread when it is awaited ({@link Weft#toThread}), asyncio's
 * {@code to_thread}: the awaiting task waits without blocking the loop, and the call's result or
 * exception comes back to it through the loop's thread-safe inbox, as a {@code CompletionStage}'s
 * does. The call starts when the awaitable is first awaited, and runs once.
 */
final class ThreadCall<V> extends Awaitable<V> {
    private static final class Pool {
        /** asyncio's default executor: min(32, cores + 4) threads, daemons, idle ones let go. */
        static final ThreadPoolExecutor INSTANCE = create();

        private static ThreadPoolExecutor create() {
            int threads = Math.min(32, Runtime.getRuntime().availableProcessors() + 4);
            AtomicInteger count = new AtomicInteger();
            ThreadFactory factory = r -> {
                Thread t = new Thread(r, "weft-to-thread-" + count.incrementAndGet());
                t.setDaemon(true);
                return t;
            };
            ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(), factory);
            pool.allowCoreThreadTimeOut(true);
            return pool;
        }
    }

    private final Callable<V> call;
    private final Executor executor;
    private StageAwait<V> started;

    ThreadCall(Callable<V> call, Executor executor) {
        if (call == null || executor == null) {
            throw new NullPointerException(call == null ? "call" : "executor");
        }
        this.call = call;
        this.executor = executor;
    }

    /** The executor {@link Weft#toThread(Callable)} uses. */
    static Executor defaultExecutor() {
        return Pool.INSTANCE;
    }

    @Override
    Object awaitBegin(Task<?> task) throws Throwable {
        if (started != null) {
            throw new IllegalStateException("a toThread call runs once, and this one was awaited already: call"
                    + " toThread again for another run");
        }
        CompletableFuture<V> outcome = new CompletableFuture<>();
        started = new StageAwait<>(outcome, "a call on another thread (" + call + ")");
        executor.execute(() -> {
            try {
                outcome.complete(call.call());
            } catch (Throwable t) {
                outcome.completeExceptionally(t);
            }
        });
        return started.awaitBegin(task);
    }

    @Override
    String describeWait() {
        return started != null ? started.describeWait() : "a call on another thread, not started (" + call + ")";
    }

    @Override
    public String toString() {
        return describeWait();
    }
}
