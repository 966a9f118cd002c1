package dev.weft.bench;

import dev.weft.Coroutine;
import dev.weft.EventLoop;
import dev.weft.Semaphore;
import dev.weft.Task;
import dev.weft.TimerHandle;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static dev.weft.Weft.await;
import static dev.weft.Weft.sleep;
import static dev.weft.Weft.spawn;
import static dev.weft.Weft.yieldNow;

/**
 * The scale workloads ({@link ScaleMain}): each keeps {@code n} tasks, timers or waiters alive at
 * once and returns the nanoseconds its measured part took, or the growth of the used heap at the
 * peak when asked for it.
 */
public final class ScaleWorkloads {
    private ScaleWorkloads() {
    }

    /** What a workload returns: the time of its measured part, or the heap at its peak. */
    enum Measure { TIME, HEAP }

    // ------------------------------------------------------------------ spawn and join

    /** Spawns {@code n} tasks that each yield once, then joins them all: n live tasks at the peak. */
    static long spawnJoin(int n, Measure measure) {
        return new EventLoop().runUntilComplete(ScaleWorkloadsCoroutines.spawnJoinMain(n, measure));
    }

    @Coroutine
    static long spawnJoinMain(int n, Measure measure) {
        long before = measure == Measure.HEAP ? Heap.usedAfterGc() : 0;
        long start = System.nanoTime();
        List<Task<Integer>> tasks = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            tasks.add(spawn(ScaleWorkloadsCoroutines.child(i)));
        }
        long peak = 0;
        if (measure == Measure.HEAP) {
            await(yieldNow()); // every child has taken its first step and waits in the ready queue
            peak = Heap.usedAfterGc() - before;
        }
        long sum = 0;
        for (int i = 0; i < n; i++) {
            sum += await(tasks.get(i));
        }
        long elapsed = System.nanoTime() - start;
        if (sum != (long) n * (n - 1) / 2) {
            throw new IllegalStateException("wrong sum " + sum);
        }
        return measure == Measure.HEAP ? peak : elapsed;
    }

    @Coroutine
    static int child(int i) {
        await(yieldNow());
        return i;
    }

    // ------------------------------------------------------------------ timers

    private static long fired;

    private static final Runnable FIRE = () -> fired++;

    /**
     * On a virtual-time loop: schedules {@code n} timers at random instants of the next second,
     * cancels every other one and lets the rest fire: n live timers at the peak.
     */
    static long timers(int n, long seed, Measure measure) {
        return EventLoop.withVirtualTime().runUntilComplete(ScaleWorkloadsCoroutines.timersMain(n, seed, measure));
    }

    @Coroutine
    static long timersMain(int n, long seed, Measure measure) {
        EventLoop loop = EventLoop.current();
        SplittableRandom random = new SplittableRandom(seed);
        double[] when = new double[n];
        for (int i = 0; i < n; i++) {
            when[i] = loop.time() + random.nextDouble();
        }
        TimerHandle[] handles = new TimerHandle[n];
        long before = measure == Measure.HEAP ? Heap.usedAfterGc() : 0;
        long firedBefore = fired;
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            handles[i] = loop.callAt(when[i], FIRE);
        }
        long peak = measure == Measure.HEAP ? Heap.usedAfterGc() - before : 0;
        for (int i = 1; i < n; i += 2) {
            handles[i].cancel();
        }
        await(sleep(2_000)); // virtual time: every timer left fires before the sleep ends
        long elapsed = System.nanoTime() - start;
        if (fired - firedBefore != (n + 1) / 2) {
            throw new IllegalStateException((fired - firedBefore) + " timers fired of " + (n + 1) / 2);
        }
        return measure == Measure.HEAP ? peak : elapsed;
    }

    // ------------------------------------------------------------------ a wait queue

    /**
     * {@code n} tasks wait on one semaphore; {@code rounds} times, all of them are woken one by one
     * (a release each) and wait again: n waiters in the queue at the peak. The time counts the
     * rounds only, not the spawning.
     */
    static long waitWake(int n, int rounds, Measure measure) {
        return new EventLoop().runUntilComplete(ScaleWorkloadsCoroutines.waitWakeMain(n, rounds, measure));
    }

    @Coroutine
    static long waitWakeMain(int n, int rounds, Measure measure) {
        Semaphore semaphore = new Semaphore(0);
        long[] woken = {0};
        long before = measure == Measure.HEAP ? Heap.usedAfterGc() : 0;
        for (int i = 0; i < n; i++) {
            spawn(ScaleWorkloadsCoroutines.waiterLoop(semaphore, rounds, woken));
        }
        await(yieldNow()); // every waiter waits on the semaphore
        long peak = measure == Measure.HEAP ? Heap.usedAfterGc() - before : 0;
        long start = System.nanoTime();
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < n; i++) {
                semaphore.release();
            }
            await(yieldNow()); // the woken waiters run, each waits again
        }
        long elapsed = System.nanoTime() - start;
        if (woken[0] != (long) n * rounds) {
            throw new IllegalStateException(woken[0] + " wake-ups, expected " + (long) n * rounds);
        }
        return measure == Measure.HEAP ? peak : elapsed;
    }

    @Coroutine
    static void waiterLoop(Semaphore semaphore, int rounds, long[] woken) {
        for (int r = 0; r < rounds; r++) {
            await(semaphore.acquire());
            woken[0]++;
        }
    }
}
