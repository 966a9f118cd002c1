package dev.weft;

import java.time.Duration;
import java.util.function.Supplier;

/** Small coroutines and helpers shared by the combinator tests. */
final class Co {
    private Co() {
    }

    /** A duration of {@code s} seconds (asyncio's float delays). */
    static Duration secs(double s) {
        return Duration.ofNanos(Math.round(s * 1e9));
    }

    /** The running loop's time in seconds. */
    static double now() {
        return EventLoop.current().time();
    }

    /** Runs {@code main} on a fresh virtual-time loop. */
    static <T> T run(CoroutineFrame<T> main) {
        return EventLoop.withVirtualTime().runUntilComplete(main);
    }

    /** {@code async def f(): await asyncio.sleep(s); return value}. */
    static <T> Script<T> sleeper(double s, T value) {
        return Script.of(x -> Weft.sleep(secs(s)), x -> {
            x.value();
            return x.done(value);
        });
    }

    /** {@code async def f(): await asyncio.sleep(s); raise error}. */
    static Script<Void> crashAfter(double s, Supplier<? extends Throwable> error) {
        return Script.of(x -> Weft.sleep(secs(s)), x -> {
            x.value();
            throw error.get();
        });
    }

    /** {@code async def f(): return value}. */
    static <T> Script<T> returning(T value) {
        return Script.of(x -> x.done(value));
    }

    /** A coroutine that only sleeps (asyncio.sleep(s) used as a coroutine object). */
    static Script<Void> sleeping(double s) {
        return Script.of(x -> Weft.sleep(secs(s)));
    }
}
