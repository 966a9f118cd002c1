package dev.weft.bench;

import java.util.ArrayDeque;

/**
 * The physical-limit baseline: the same workloads as hand-written state machines stepped by a
 * plain {@link ArrayDeque} loop. No library, no cancellation, no error paths, no thread checks:
 * only what each workload needs to hand control from one machine to another.
 */
public final class Baseline {
    private Baseline() {
    }

    /** A hand-written coroutine: {@link #step()} runs it until it waits or ends. */
    abstract static class Machine {
        int state;
        boolean done;

        abstract void step();
    }

    /** The scheduler: a FIFO of machines to step. */
    static final class Loop {
        final ArrayDeque<Machine> ready = new ArrayDeque<>();

        void run() {
            Machine m;
            while ((m = ready.poll()) != null) {
                m.step();
            }
        }
    }

    /** A flag one machine waits for (the analog of an event with one waiter). */
    static final class Signal {
        boolean set;
        Machine waiter;

        void set(Loop loop) {
            if (!set) {
                set = true;
                Machine w = waiter;
                if (w != null) {
                    waiter = null;
                    loop.ready.add(w);
                }
            }
        }
    }

    // ------------------------------------------------------------------ 1. ping-pong

    /** Runs {@code rounds} round trips (2 switches each) through a pair of flags. */
    public static long pingPongEvents(int rounds) {
        Loop loop = new Loop();
        Signal ping = new Signal();
        Signal pong = new Signal();
        Pinger pinger = new Pinger(loop, ping, pong, rounds);
        Ponger ponger = new Ponger(loop, ping, pong, rounds);
        loop.ready.add(pinger);
        loop.ready.add(ponger);
        loop.run();
        return pinger.sum + ponger.count;
    }

    static final class Pinger extends Machine {
        final Loop loop;
        final Signal ping;
        final Signal pong;
        final int rounds;
        int i;
        long sum;

        Pinger(Loop loop, Signal ping, Signal pong, int rounds) {
            this.loop = loop;
            this.ping = ping;
            this.pong = pong;
            this.rounds = rounds;
        }

        @Override
        void step() {
            for (;;) {
                if (state == 0) {
                    if (i == rounds) {
                        done = true;
                        return;
                    }
                    ping.set(loop);
                    state = 1;
                    if (!pong.set) {
                        pong.waiter = this;
                        return;
                    }
                }
                pong.set = false;
                sum += i++;
                state = 0;
            }
        }
    }

    static final class Ponger extends Machine {
        final Loop loop;
        final Signal ping;
        final Signal pong;
        final int rounds;
        int i;
        long count;

        Ponger(Loop loop, Signal ping, Signal pong, int rounds) {
            this.loop = loop;
            this.ping = ping;
            this.pong = pong;
            this.rounds = rounds;
        }

        @Override
        void step() {
            for (;;) {
                if (state == 0) {
                    if (i == rounds) {
                        done = true;
                        return;
                    }
                    state = 1;
                    if (!ping.set) {
                        ping.waiter = this;
                        return;
                    }
                }
                ping.set = false;
                pong.set(loop);
                count++;
                i++;
                state = 0;
            }
        }
    }

    /** A bounded FIFO whose full and empty states park machines, woken one per slot or item. */
    static final class BoundedQueue {
        final Loop loop;
        final int capacity;
        final ArrayDeque<Object> items = new ArrayDeque<>();
        final ArrayDeque<Machine> getters = new ArrayDeque<>();
        final ArrayDeque<Machine> putters = new ArrayDeque<>();

        BoundedQueue(Loop loop, int capacity) {
            this.loop = loop;
            this.capacity = capacity;
        }

        /** Puts {@code item} and returns true, or parks {@code m} and returns false. */
        boolean offer(Object item, Machine m) {
            if (items.size() >= capacity) {
                putters.add(m);
                return false;
            }
            items.add(item);
            Machine g = getters.poll();
            if (g != null) {
                loop.ready.add(g);
            }
            return true;
        }

        /** Takes an item, or parks {@code m} and returns {@link #NONE}. */
        Object poll(Machine m) {
            Object item = items.poll();
            if (item == null) {
                getters.add(m);
                return NONE;
            }
            Machine p = putters.poll();
            if (p != null) {
                loop.ready.add(p);
            }
            return item;
        }

        static final Object NONE = new Object();
    }

    /** Runs {@code rounds} round trips through a pair of bounded queues of size 1. */
    public static long pingPongQueues(int rounds) {
        Loop loop = new Loop();
        BoundedQueue there = new BoundedQueue(loop, 1);
        BoundedQueue back = new BoundedQueue(loop, 1);
        QueuePinger pinger = new QueuePinger(there, back, rounds);
        QueueEcho echo = new QueueEcho(there, back, rounds);
        loop.ready.add(pinger);
        loop.ready.add(echo);
        loop.run();
        return pinger.sum + echo.count;
    }

    static final class QueuePinger extends Machine {
        final BoundedQueue there;
        final BoundedQueue back;
        final int rounds;
        int i;
        long sum;
        Integer token = 1;

        QueuePinger(BoundedQueue there, BoundedQueue back, int rounds) {
            this.there = there;
            this.back = back;
            this.rounds = rounds;
        }

        @Override
        void step() {
            for (;;) {
                switch (state) {
                    case 0:
                        if (i == rounds) {
                            done = true;
                            return;
                        }
                        state = 1;
                        // fall through
                    case 1:
                        if (!there.offer(token, this)) {
                            return;
                        }
                        state = 2;
                        // fall through
                    default:
                        Object got = back.poll(this);
                        if (got == BoundedQueue.NONE) {
                            return;
                        }
                        token = (Integer) got;
                        sum += token;
                        i++;
                        state = 0;
                }
            }
        }
    }

    static final class QueueEcho extends Machine {
        final BoundedQueue there;
        final BoundedQueue back;
        final int rounds;
        int i;
        long count;
        Object token;

        QueueEcho(BoundedQueue there, BoundedQueue back, int rounds) {
            this.there = there;
            this.back = back;
            this.rounds = rounds;
        }

        @Override
        void step() {
            for (;;) {
                switch (state) {
                    case 0:
                        if (i == rounds) {
                            done = true;
                            return;
                        }
                        token = there.poll(this);
                        if (token == BoundedQueue.NONE) {
                            state = 1;
                            return;
                        }
                        state = 2;
                        break;
                    case 1:
                        token = there.poll(this);
                        if (token == BoundedQueue.NONE) {
                            return;
                        }
                        state = 2;
                        break;
                    default:
                        if (!back.offer(token, this)) {
                            return;
                        }
                        count++;
                        i++;
                        state = 0;
                }
            }
        }
    }

    // ------------------------------------------------------------------ 2. producer/consumer

    /** {@code producers} and {@code consumers} move {@code items} items through a queue of {@code capacity}. */
    public static long producerConsumer(int producers, int consumers, int items, int capacity) {
        Loop loop = new Loop();
        BoundedQueue queue = new BoundedQueue(loop, capacity);
        Consumer[] cs = new Consumer[consumers];
        for (int p = 0; p < producers; p++) {
            loop.ready.add(new Producer(queue, items / producers));
        }
        for (int c = 0; c < consumers; c++) {
            cs[c] = new Consumer(queue, items / consumers);
            loop.ready.add(cs[c]);
        }
        loop.run();
        long sum = 0;
        for (Consumer c : cs) {
            sum += c.sum;
        }
        return sum;
    }

    static final class Producer extends Machine {
        final BoundedQueue queue;
        final int count;
        int i;

        Producer(BoundedQueue queue, int count) {
            this.queue = queue;
            this.count = count;
        }

        @Override
        void step() {
            while (i < count) {
                if (!queue.offer(i & 1023, this)) {
                    return;
                }
                i++;
            }
            done = true;
        }
    }

    static final class Consumer extends Machine {
        final BoundedQueue queue;
        final int count;
        int i;
        long sum;

        Consumer(BoundedQueue queue, int count) {
            this.queue = queue;
            this.count = count;
        }

        @Override
        void step() {
            while (i < count) {
                Object item = queue.poll(this);
                if (item == BoundedQueue.NONE) {
                    return;
                }
                sum += (Integer) item;
                i++;
            }
            done = true;
        }
    }

    // ------------------------------------------------------------------ 3. spawn and join

    /** Spawns {@code count} trivial machines, then joins each one. */
    public static long spawnJoin(int count) {
        Loop loop = new Loop();
        Joiner main = new Joiner(loop, count);
        loop.ready.add(main);
        loop.run();
        return main.sum;
    }

    static final class Trivial extends Machine {
        final int value;
        int result;
        Machine joiner;
        final Loop loop;

        Trivial(Loop loop, int value) {
            this.loop = loop;
            this.value = value;
        }

        @Override
        void step() {
            result = value;
            done = true;
            if (joiner != null) {
                loop.ready.add(joiner);
            }
        }
    }

    static final class Joiner extends Machine {
        final Loop loop;
        final Trivial[] tasks;
        int i;
        long sum;

        Joiner(Loop loop, int count) {
            this.loop = loop;
            this.tasks = new Trivial[count];
        }

        @Override
        void step() {
            if (state == 0) {
                for (int k = 0; k < tasks.length; k++) {
                    Trivial t = new Trivial(loop, k);
                    tasks[k] = t;
                    loop.ready.add(t);
                }
                state = 1;
            }
            while (i < tasks.length) {
                Trivial t = tasks[i];
                if (!t.done) {
                    t.joiner = this;
                    return;
                }
                sum += t.result;
                i++;
            }
            done = true;
        }
    }

    // ------------------------------------------------------------------ 4. lock contention

    /** A FIFO lock that hands itself to the next waiter on release. */
    static final class FifoLock {
        final Loop loop;
        boolean locked;
        final ArrayDeque<Machine> waiters = new ArrayDeque<>();

        FifoLock(Loop loop) {
            this.loop = loop;
        }

        boolean tryAcquire(Machine m) {
            if (!locked) {
                locked = true;
                return true;
            }
            waiters.add(m);
            return false;
        }

        void release() {
            Machine next = waiters.poll();
            if (next == null) {
                locked = false;
            } else {
                loop.ready.add(next);
            }
        }
    }

    /** {@code tasks} machines each take one lock {@code times} times, yielding while they hold it. */
    public static long contention(int tasks, int times) {
        Loop loop = new Loop();
        FifoLock lock = new FifoLock(loop);
        long[] counter = new long[1];
        for (int i = 0; i < tasks; i++) {
            loop.ready.add(new Locker(loop, lock, times, counter));
        }
        loop.run();
        return counter[0];
    }

    static final class Locker extends Machine {
        final Loop loop;
        final FifoLock lock;
        final int times;
        final long[] counter;
        int i;

        Locker(Loop loop, FifoLock lock, int times, long[] counter) {
            this.loop = loop;
            this.lock = lock;
            this.times = times;
            this.counter = counter;
        }

        @Override
        void step() {
            for (;;) {
                switch (state) {
                    case 0:
                        if (i == times) {
                            done = true;
                            return;
                        }
                        state = 1;
                        if (!lock.tryAcquire(this)) {
                            return; // woken holding the lock
                        }
                        // fall through
                    case 1:
                        counter[0]++;
                        state = 2;
                        loop.ready.add(this); // yield while holding the lock
                        return;
                    default:
                        lock.release();
                        i++;
                        state = 0;
                }
            }
        }
    }

    // ------------------------------------------------------------------ 6. nested calls

    /** {@code steps} times, calls a plain method that calls itself {@code depth} deep. */
    public static long deepCalls(int steps, int depth) {
        long sum = 0;
        for (int i = 0; i < steps; i++) {
            sum += depth(depth, i);
        }
        return sum;
    }

    static int depth(int n, int value) {
        if (n <= 1) {
            return value;
        }
        return depth(n - 1, value) + 1;
    }

    // ------------------------------------------------------------------ 5. memory

    /** A minimal suspended machine: it waits for a signal. */
    static final class Waiter extends Machine {
        @Override
        void step() {
            done = true;
        }
    }
}
