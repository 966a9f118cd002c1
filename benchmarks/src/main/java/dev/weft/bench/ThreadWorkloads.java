package dev.weft.bench;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The workloads with threads, virtual or platform (the factory decides), written as a Java
 * programmer would: semaphores for signals, {@link ArrayBlockingQueue} for queues, a
 * {@link ReentrantLock}. Every workload runs its own "main" in a thread of the factory too, so
 * that with virtual threads everything is a virtual thread.
 */
public final class ThreadWorkloads {
    private final ThreadFactory factory;

    /**
     * Workloads on threads from {@code factory}.
     *
     * @param factory virtual or platform threads
     */
    public ThreadWorkloads(ThreadFactory factory) {
        this.factory = factory;
    }

    /** Threads made with {@code Thread.ofVirtual()}. */
    public static ThreadWorkloads virtual() {
        return new ThreadWorkloads(Thread.ofVirtual().factory());
    }

    /** Threads made with {@code Thread.ofPlatform()}. */
    public static ThreadWorkloads platform() {
        return new ThreadWorkloads(Thread.ofPlatform().factory());
    }

    private interface Body {
        long run() throws Exception;
    }

    /** Runs {@code body} in a thread of the factory and returns its result. */
    private long inThread(Body body) {
        long[] result = new long[1];
        Throwable[] failure = new Throwable[1];
        Thread t = factory.newThread(() -> {
            try {
                result[0] = body.run();
            } catch (Throwable e) {
                failure[0] = e;
            }
        });
        t.start();
        joinUninterruptibly(t);
        if (failure[0] != null) {
            throw new IllegalStateException(failure[0]);
        }
        return result[0];
    }

    private static void joinUninterruptibly(Thread t) {
        for (;;) {
            try {
                t.join();
                return;
            } catch (InterruptedException e) {
                // keep waiting: the workload owns the thread
            }
        }
    }

    private Thread start(Runnable r) {
        Thread t = factory.newThread(r);
        t.start();
        return t;
    }

    // ------------------------------------------------------------------ 1. ping-pong

    /** {@code rounds} round trips (2 switches each) through a pair of semaphores. */
    public long pingPongEvents(int rounds) {
        return inThread(() -> {
            Semaphore ping = new Semaphore(0);
            Semaphore pong = new Semaphore(0);
            AtomicLong n = new AtomicLong();
            Thread ponger = start(() -> {
                for (int i = 0; i < rounds; i++) {
                    ping.acquireUninterruptibly();
                    pong.release();
                    n.lazySet(n.get() + 1);
                }
            });
            long sum = 0;
            for (int i = 0; i < rounds; i++) {
                ping.release();
                pong.acquireUninterruptibly();
                sum += i;
            }
            joinUninterruptibly(ponger);
            return sum + n.get();
        });
    }

    /** {@code rounds} round trips through a pair of {@link ArrayBlockingQueue}s of size 1. */
    public long pingPongQueues(int rounds) {
        return inThread(() -> {
            ArrayBlockingQueue<Integer> there = new ArrayBlockingQueue<>(1);
            ArrayBlockingQueue<Integer> back = new ArrayBlockingQueue<>(1);
            Thread echo = start(() -> {
                try {
                    for (int i = 0; i < rounds; i++) {
                        back.put(there.take());
                    }
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            long sum = 0;
            Integer token = 1;
            for (int i = 0; i < rounds; i++) {
                there.put(token);
                token = back.take();
                sum += token;
            }
            joinUninterruptibly(echo);
            return sum;
        });
    }

    // ------------------------------------------------------------------ 2. producer/consumer

    /** {@code producers} and {@code consumers} move {@code items} items through a queue of {@code capacity}. */
    public long producerConsumer(int producers, int consumers, int items, int capacity) {
        return inThread(() -> {
            ArrayBlockingQueue<Integer> queue = new ArrayBlockingQueue<>(capacity);
            Thread[] threads = new Thread[producers + consumers];
            long[] sums = new long[consumers];
            for (int p = 0; p < producers; p++) {
                int count = items / producers;
                threads[p] = start(() -> {
                    try {
                        for (int i = 0; i < count; i++) {
                            queue.put(i & 1023);
                        }
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                });
            }
            for (int c = 0; c < consumers; c++) {
                int count = items / consumers;
                int slot = c;
                threads[producers + c] = start(() -> {
                    long sum = 0;
                    try {
                        for (int i = 0; i < count; i++) {
                            sum += queue.take();
                        }
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    sums[slot] = sum;
                });
            }
            long sum = 0;
            for (Thread t : threads) {
                joinUninterruptibly(t);
            }
            for (long s : sums) {
                sum += s;
            }
            return sum;
        });
    }

    // ------------------------------------------------------------------ 3. spawn and join

    /** Starts {@code count} trivial threads, then joins each one. */
    public long spawnJoin(int count) {
        return inThread(() -> {
            Thread[] threads = new Thread[count];
            int[] results = new int[count];
            for (int i = 0; i < count; i++) {
                int k = i;
                threads[i] = start(() -> results[k] = k);
            }
            long sum = 0;
            for (int i = 0; i < count; i++) {
                joinUninterruptibly(threads[i]);
                sum += results[i];
            }
            return sum;
        });
    }

    // ------------------------------------------------------------------ 4. lock contention

    /** {@code threads} threads each take one lock {@code times} times, yielding while they hold it. */
    public long contention(int threads, int times) {
        return inThread(() -> {
            ReentrantLock lock = new ReentrantLock();
            long[] counter = new long[1];
            Thread[] all = new Thread[threads];
            for (int i = 0; i < threads; i++) {
                all[i] = start(() -> {
                    for (int k = 0; k < times; k++) {
                        lock.lock();
                        try {
                            counter[0]++;
                            Thread.yield();
                        } finally {
                            lock.unlock();
                        }
                    }
                });
            }
            for (Thread t : all) {
                joinUninterruptibly(t);
            }
            return counter[0];
        });
    }
}
