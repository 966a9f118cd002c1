package dev.weft.bench;

import dev.weft.AsyncQueue;
import dev.weft.Coroutine;
import dev.weft.Event;
import dev.weft.EventLoop;
import dev.weft.Lock;
import dev.weft.Task;

import static dev.weft.Weft.await;
import static dev.weft.Weft.spawn;
import static dev.weft.Weft.yieldNow;

/**
 * The workloads written as {@code @Coroutine} code, compiled by Weft's processor into
 * {@code WeftWorkloadsCoroutines}. Each entry point runs one whole workload on a fresh
 * {@link EventLoop} and returns a checksum, so that nothing can be optimized away.
 */
public final class WeftWorkloads {
    private WeftWorkloads() {
    }

    // ------------------------------------------------------------------ 1. ping-pong

    /** Runs {@code rounds} round trips (2 switches each) through a pair of events. */
    public static long pingPongEvents(int rounds) {
        return new EventLoop().runUntilComplete(WeftWorkloadsCoroutines.pingPongEventsMain(rounds));
    }

    @Coroutine
    static long pingPongEventsMain(int rounds) {
        Event ping = new Event();
        Event pong = new Event();
        Task<Long> ponger = spawn(WeftWorkloadsCoroutines.ponger(ping, pong, rounds));
        long sum = 0;
        for (int i = 0; i < rounds; i++) {
            ping.set();
            await(pong);
            pong.clear();
            sum += i;
        }
        return sum + await(ponger);
    }

    @Coroutine
    static long ponger(Event ping, Event pong, int rounds) {
        long n = 0;
        for (int i = 0; i < rounds; i++) {
            await(ping);
            ping.clear();
            pong.set();
            n++;
        }
        return n;
    }

    /** Runs {@code rounds} round trips through a pair of bounded queues of size 1. */
    public static long pingPongQueues(int rounds) {
        return new EventLoop().runUntilComplete(WeftWorkloadsCoroutines.pingPongQueuesMain(rounds));
    }

    @Coroutine
    static long pingPongQueuesMain(int rounds) {
        AsyncQueue<Integer> there = new AsyncQueue<>(1);
        AsyncQueue<Integer> back = new AsyncQueue<>(1);
        Task<Long> echo = spawn(WeftWorkloadsCoroutines.echo(there, back, rounds));
        long sum = 0;
        Integer token = 1;
        for (int i = 0; i < rounds; i++) {
            await(there.put(token));
            token = await(back.get());
            sum += token;
        }
        return sum + await(echo);
    }

    @Coroutine
    static long echo(AsyncQueue<Integer> there, AsyncQueue<Integer> back, int rounds) {
        long n = 0;
        for (int i = 0; i < rounds; i++) {
            Integer token = await(there.get());
            await(back.put(token));
            n++;
        }
        return n;
    }

    // ------------------------------------------------------------------ 2. producer/consumer

    /** {@code producers} and {@code consumers} move {@code items} items through a queue of {@code capacity}. */
    public static long producerConsumer(int producers, int consumers, int items, int capacity) {
        return new EventLoop().runUntilComplete(
                WeftWorkloadsCoroutines.producerConsumerMain(producers, consumers, items, capacity));
    }

    @Coroutine
    static long producerConsumerMain(int producers, int consumers, int items, int capacity) {
        AsyncQueue<Integer> queue = new AsyncQueue<>(capacity);
        Task<?>[] producing = new Task<?>[producers];
        for (int p = 0; p < producers; p++) {
            producing[p] = spawn(WeftWorkloadsCoroutines.producer(queue, items / producers));
        }
        @SuppressWarnings("unchecked")
        Task<Long>[] consuming = new Task[consumers];
        for (int c = 0; c < consumers; c++) {
            consuming[c] = spawn(WeftWorkloadsCoroutines.consumer(queue, items / consumers));
        }
        long sum = 0;
        for (int c = 0; c < consumers; c++) {
            sum += await(consuming[c]);
        }
        for (int p = 0; p < producers; p++) {
            await(producing[p]);
        }
        return sum;
    }

    @Coroutine
    static void producer(AsyncQueue<Integer> queue, int count) {
        for (int i = 0; i < count; i++) {
            await(queue.put(i & 1023));
        }
    }

    @Coroutine
    static long consumer(AsyncQueue<Integer> queue, int count) {
        long sum = 0;
        for (int i = 0; i < count; i++) {
            sum += await(queue.get());
        }
        return sum;
    }

    // ------------------------------------------------------------------ 3. spawn and join

    /** Spawns {@code count} trivial tasks, then joins each one. */
    public static long spawnJoin(int count) {
        return new EventLoop().runUntilComplete(WeftWorkloadsCoroutines.spawnJoinMain(count));
    }

    @Coroutine
    static long spawnJoinMain(int count) {
        @SuppressWarnings("unchecked")
        Task<Integer>[] tasks = new Task[count];
        for (int i = 0; i < count; i++) {
            tasks[i] = spawn(WeftWorkloadsCoroutines.trivial(i));
        }
        long sum = 0;
        for (int i = 0; i < count; i++) {
            sum += await(tasks[i]);
        }
        return sum;
    }

    @Coroutine
    static int trivial(int i) {
        return i;
    }

    // ------------------------------------------------------------------ 4. lock contention

    /**
     * {@code tasks} tasks each take one lock {@code times} times, yielding while they hold it so
     * that the others queue up behind it.
     */
    public static long contention(int tasks, int times) {
        return new EventLoop().runUntilComplete(WeftWorkloadsCoroutines.contentionMain(tasks, times));
    }

    @Coroutine
    static long contentionMain(int tasks, int times) {
        Lock lock = new Lock();
        long[] counter = new long[1];
        Task<?>[] all = new Task<?>[tasks];
        for (int i = 0; i < tasks; i++) {
            all[i] = spawn(WeftWorkloadsCoroutines.locker(lock, times, counter));
        }
        for (int i = 0; i < tasks; i++) {
            await(all[i]);
        }
        return counter[0];
    }

    @Coroutine
    static void locker(Lock lock, int times, long[] counter) {
        for (int i = 0; i < times; i++) {
            try (Lock.Held held = await(lock.acquire())) {
                counter[0]++;
                await(yieldNow());
            }
        }
    }

    // ------------------------------------------------------------------ 6. sub-coroutines

    /** {@code steps} times, calls a coroutine that calls itself {@code depth} deep, inline. */
    public static long deepCalls(int steps, int depth) {
        return new EventLoop().runUntilComplete(WeftWorkloadsCoroutines.deepCallsMain(steps, depth));
    }

    @Coroutine
    static long deepCallsMain(int steps, int depth) {
        long sum = 0;
        for (int i = 0; i < steps; i++) {
            sum += depth(depth, i);
        }
        return sum;
    }

    /** A coroutine {@code n} calls deep; each level could suspend (it awaits its callee). */
    @Coroutine
    static int depth(int n, int value) {
        if (n <= 1) {
            return value;
        }
        return depth(n - 1, value) + 1;
    }

    // ------------------------------------------------------------------ 5. memory

    /**
     * Spawns {@code count} {@link #waiter} tasks on one event, lets them all suspend, and returns
     * the growth of the used heap after GC while they wait (reachable through the event).
     */
    public static long suspendedMany(int count) {
        return new EventLoop().runUntilComplete(WeftWorkloadsCoroutines.suspendedManyMain(count));
    }

    @Coroutine
    static long suspendedManyMain(int count) {
        Event event = new Event();
        long before = Heap.usedAfterGc();
        for (int i = 0; i < count; i++) {
            spawn(WeftWorkloadsCoroutines.waiter(event));
        }
        await(yieldNow()); // every waiter takes its first step and suspends on the event
        long after = Heap.usedAfterGc();
        if (event.isSet()) {
            throw new IllegalStateException("the event must still be clear");
        }
        event.set();
        return after - before;
    }

    /** The smallest useful coroutine: it waits for an event. */
    @Coroutine
    static void waiter(Event event) {
        await(event);
    }
}
