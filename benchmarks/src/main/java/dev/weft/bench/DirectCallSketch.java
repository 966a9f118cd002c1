package dev.weft.bench;

import dev.weft.Awaitable;
import dev.weft.EventLoop;
import dev.weft.GeneratedFrame;

/**
 * A sketch, written by hand on the real runtime, of what generated code could do for the nested
 * calls of workload 6 ({@code WeftWorkloads.depth}): the caller keeps the callee's frame for its
 * call site, runs the callee's {@code resume} directly on the Java stack and reads an unboxed
 * result from the callee's field ({@link #deepCalls}), or its boxed outcome as today's frames hand it
 * over ({@link #deepCallsBoxed}). It measures the upside of such a fast path for calls that do not
 * suspend; it is not a complete one (a callee that suspends would have to hand its chain of frames
 * to the driver, and the Java stack would need a bound), so it throws if a callee ever suspends.
 */
final class DirectCallSketch {
    private DirectCallSketch() {
    }

    static long deepCalls(int steps, int depth) {
        return new EventLoop().runUntilComplete(new Main(steps, depth));
    }

    static long deepCallsBoxed(int steps, int depth) {
        return new EventLoop().runUntilComplete(new BoxedMain(steps, depth));
    }

    private static final class Main extends GeneratedFrame<Long> {
        private final int steps;
        private final int depth;
        private Depth call;

        Main(int steps, int depth) {
            this.steps = steps;
            this.depth = depth;
        }

        @Override
        protected Awaitable<?> resume(Object awaited, Throwable failure) throws Throwable {
            long sum = 0;
            for (int i = 0; i < steps; i++) {
                call = Depth.call(call, depth, i);
                sum += call.result;
            }
            return complete(sum);
        }
    }

    private static final class Depth extends GeneratedFrame<Integer> {
        private int n;
        private int value;
        private int result;
        private Depth call;

        /** Runs {@code depth(n, value)} in {@code kept} (or a new frame) directly; returns the frame. */
        static Depth call(Depth kept, int n, int value) throws Throwable {
            Depth f = kept == null ? new Depth() : kept;
            f.state = 0;
            f.n = n;
            f.value = value;
            if (f.resume(null, null) != null) {
                throw new IllegalStateException("the sketch handles only callees that do not suspend");
            }
            return f;
        }

        @Override
        protected Awaitable<?> resume(Object awaited, Throwable failure) throws Throwable {
            if (n <= 1) {
                result = value;
            } else {
                call = call(call, n - 1, value);
                result = call.result + 1;
            }
            return null;
        }
    }

    private static final class BoxedMain extends GeneratedFrame<Long> {
        private final int steps;
        private final int depth;
        private BoxedDepth call;

        BoxedMain(int steps, int depth) {
            this.steps = steps;
            this.depth = depth;
        }

        @Override
        protected Awaitable<?> resume(Object awaited, Throwable failure) throws Throwable {
            long sum = 0;
            for (int i = 0; i < steps; i++) {
                call = BoxedDepth.call(call, depth, i);
                sum += (Integer) call.result;
            }
            return complete(sum);
        }
    }

    /** {@link Depth} with its result boxed, as a frame's outcome is. */
    private static final class BoxedDepth extends GeneratedFrame<Integer> {
        private int n;
        private int value;
        private Object result;
        private BoxedDepth call;

        static BoxedDepth call(BoxedDepth kept, int n, int value) throws Throwable {
            BoxedDepth f = kept == null ? new BoxedDepth() : kept;
            f.state = 0;
            f.n = n;
            f.value = value;
            if (f.resume(null, null) != null) {
                throw new IllegalStateException("the sketch handles only callees that do not suspend");
            }
            return f;
        }

        @Override
        protected Awaitable<?> resume(Object awaited, Throwable failure) throws Throwable {
            if (n <= 1) {
                result = value;
            } else {
                call = call(call, n - 1, value);
                result = (Integer) call.result + 1;
            }
            return null;
        }
    }
}
