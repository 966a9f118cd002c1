package dev.weft.bench;

import dev.weft.Coroutine;
import dev.weft.EventLoop;
import dev.weft.Task;

import static dev.weft.Weft.await;
import static dev.weft.Weft.spawn;
import static dev.weft.Weft.yieldNow;

/**
 * Features of Weft measured against their plain forms, in the same coroutine loop: a private
 * field (reached through the generated class's accessors over method handles) against a
 * package-private one, a virtual coroutine call (through an interface, dispatched on the
 * receiver's class) against a static one, and an exception whose trace is mapped to the user's
 * lines against one left as the JVM made it.
 */
public final class FeatureWorkloads {
    private long privateTotal;
    long packageTotal;

    /** Adds {@code 0..n-1} to a private field in a coroutine loop that yields every 1024 steps. */
    public static long privateField(int n) {
        return new EventLoop().runUntilComplete(FeatureWorkloadsCoroutines.privateLoop(new FeatureWorkloads(), n));
    }

    /** The same loop over a package-private field. */
    public static long packageField(int n) {
        return new EventLoop().runUntilComplete(FeatureWorkloadsCoroutines.packageLoop(new FeatureWorkloads(), n));
    }

    @Coroutine
    long privateLoop(int n) {
        for (int i = 0; i < n; i++) {
            privateTotal += i ^ privateTotal;
            if ((i & 1023) == 0) {
                await(yieldNow());
            }
        }
        return privateTotal;
    }

    @Coroutine
    long packageLoop(int n) {
        for (int i = 0; i < n; i++) {
            packageTotal += i ^ packageTotal;
            if ((i & 1023) == 0) {
                await(yieldNow());
            }
        }
        return packageTotal;
    }

    /** A coroutine interface with two implementations. */
    interface Step {
        @Coroutine
        int step(int i);
    }

    static final class AddOne implements Step {
        @Coroutine
        public int step(int i) {
            return i + 1;
        }
    }

    static final class AddTwo implements Step {
        @Coroutine
        public int step(int i) {
            return i + 2;
        }
    }

    /** Calls a static coroutine {@code n} times from a coroutine loop. */
    public static long staticCall(int n) {
        return new EventLoop().runUntilComplete(FeatureWorkloadsCoroutines.staticLoop(n));
    }

    /** Calls a coroutine through an interface {@code n} times, always on the same class. */
    public static long virtualCall(int n) {
        return new EventLoop().runUntilComplete(FeatureWorkloadsCoroutines.virtualLoop(new AddOne(), new AddOne(), n));
    }

    /** Calls a coroutine through an interface {@code n} times, alternating between two classes. */
    public static long virtualCallTwoClasses(int n) {
        return new EventLoop().runUntilComplete(FeatureWorkloadsCoroutines.virtualLoop(new AddOne(), new AddTwo(), n));
    }

    @Coroutine
    static int addOne(int i) {
        return i + 1;
    }

    @Coroutine
    static long staticLoop(int n) {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            sum += addOne(i);
            if ((i & 1023) == 0) {
                await(yieldNow());
            }
        }
        return sum;
    }

    @Coroutine
    static long virtualLoop(Step even, Step odd, int n) {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            Step s = (i & 1) == 0 ? even : odd;
            sum += s.step(i);
            if ((i & 1023) == 0) {
                await(yieldNow());
            }
        }
        return sum;
    }

    /**
     * {@code n} times, a task whose coroutine calls itself 10 deep inline and throws at the bottom,
     * awaited by another task that catches the exception and reads its stack trace: with Weft's
     * mapping of the trace to the user's lines, or (run with {@code -Dweft.stackTraces=raw}) without.
     */
    public static long exceptions(int n) {
        return new EventLoop().runUntilComplete(FeatureWorkloadsCoroutines.exceptionsLoop(n));
    }

    @Coroutine
    static int failDeep(int depth) {
        if (depth == 1) {
            throw new IllegalStateException("failed " + depth);
        }
        return failDeep(depth - 1) + 1;
    }

    @Coroutine
    static long exceptionsLoop(int n) {
        long elements = 0;
        for (int i = 0; i < n; i++) {
            Task<Integer> task = spawn(FeatureWorkloadsCoroutines.failDeep(10));
            try {
                await(task);
            } catch (IllegalStateException e) {
                elements += e.getStackTrace().length;
            }
        }
        return elements;
    }
}
