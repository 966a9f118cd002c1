package dev.weft;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Stand-ins for the asyncio helpers that CPython's tests use, written as hand-made coroutines:
 * {@code create_task(x.acquire())}, {@code gather}, {@code asyncio.timeout}.
 */
final class Aio {
    private Aio() {
    }

    /** A coroutine that awaits {@code a} and returns its value: {@code create_task(lock.acquire())}. */
    static <T> Script<T> awaiting(Awaitable<T> a) {
        return Script.of(s -> a, s -> s.done(s.value()));
    }

    /** A coroutine that runs {@code r} and returns: {@code create_task(barrier.reset())}. */
    static Script<Void> calling(Runnable r) {
        return Script.of(s -> {
            r.run();
            return null;
        });
    }

    /**
     * {@code asyncio.gather(*tasks, return_exceptions=...)}: awaits the tasks in order and
     * returns their results (with {@code returnExceptions}, a failure in place of a result;
     * otherwise the first failure is thrown).
     */
    static Script<List<Object>> gather(boolean returnExceptions, List<? extends Task<?>> tasks) {
        List<Object> results = new ArrayList<>();
        int[] i = {0};
        return Script.of(s -> i[0] < tasks.size() ? tasks.get(i[0]) : s.done(results), s -> {
            Object r;
            if (returnExceptions) {
                Throwable f = s.failure();
                r = f != null ? f : s.value();
            } else {
                r = s.value();
            }
            results.add(r);
            i[0]++;
            s.goTo(0);
            return null;
        });
    }

    static Script<List<Object>> gather(Task<?>... tasks) {
        return gather(false, Arrays.asList(tasks));
    }

    /** The handler of {@link #tryCatch}. */
    @FunctionalInterface
    interface Handler {
        void handle(Throwable failure) throws Throwable;
    }

    /**
     * {@code try: await body; except ...: handler}: runs {@code body} inline and hands its
     * failure, if any, to {@code handler}, which may rethrow it.
     */
    static Script<Void> tryCatch(CoroutineFrame<?> body, Handler handler) {
        return Script.of(s -> body, s -> {
            Throwable f = s.failure();
            if (f != null) {
                handler.handle(f);
            }
            return null;
        });
    }

    /** Spawns {@code n} coroutines made by {@code coro} (BarrierTests.make_tasks). */
    static List<Task<?>> makeTasks(int n, java.util.function.Supplier<? extends CoroutineFrame<?>> coro) {
        List<Task<?>> tasks = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            tasks.add(Weft.spawn(coro.get()));
        }
        return tasks;
    }

    /**
     * {@code async with asyncio.timeout(delay)} around an await of the current task: at the
     * deadline the task is cancelled; {@link #expired(Throwable)} turns that cancellation into
     * a time-out, as asyncio's context manager turns it into {@code TimeoutError}.
     */
    static final class Timeout {
        private final Task<?> task;
        private final TimerHandle timer;
        private boolean fired;

        private Timeout(long millis) {
            task = Weft.currentTask();
            timer = EventLoop.current().callLater(Duration.ofMillis(millis), () -> {
                fired = true;
                task.cancel();
            });
        }

        static Timeout start(long millis) {
            return new Timeout(millis);
        }

        /**
         * Leaves the time-out block with the outcome {@code failure} of the guarded await:
         * returns {@code true} if the deadline cancelled it (asyncio: {@code TimeoutError}),
         * {@code false} if the await completed, and rethrows any other failure.
         */
        boolean expired(Throwable failure) throws Throwable {
            timer.cancel();
            if (fired && failure instanceof CancelledException) {
                task.uncancel();
                return true;
            }
            if (failure != null) {
                throw failure;
            }
            return false;
        }
    }
}
