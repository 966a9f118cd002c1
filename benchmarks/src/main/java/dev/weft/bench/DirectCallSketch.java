package dev.weft.bench;

import dev.weft.Awaitable;
import dev.weft.EventLoop;
import dev.weft.GeneratedFrame;

/**
 * A sketch, written by hand on the real runtime, of the nested calls of workload 6
 * ({@code WeftWorkloads.depth}) with less than generated code does: the callee's {@code resume}
 * runs directly on the Java stack and the caller reads an unboxed result from the callee's field,
 * with the callee's frame kept for its call site ({@link #deepCalls}) or a new one per call
 * ({@link #deepCallsFresh}), or with frames kept and the result boxed ({@link #deepCallsBoxed}).
 * Generated code now calls directly too ({@code callInline}); what it does beyond the sketch is
 * the protocol a callee that suspends needs (the chain handed to the driver, a bound on the Java
 * stack), which the sketch leaves out: it throws if a callee ever suspends.
 */
final class DirectCallSketch {
    private DirectCallSketch() {
    }

    static long deepCalls(int steps, int depth) {
        return new EventLoop().runUntilComplete(new Main(steps, depth, false));
    }

    /** Direct and unboxed like {@link #deepCalls}, but a new frame for every call. */
    static long deepCallsFresh(int steps, int depth) {
        return new EventLoop().runUntilComplete(new Main(steps, depth, true));
    }

    static long deepCallsBoxed(int steps, int depth) {
        return new EventLoop().runUntilComplete(new BoxedMain(steps, depth));
    }

    /** The loop of steps; {@code fresh}: a new frame for every call instead of the one kept. */
    private static final class Main extends GeneratedFrame<Long> {
        private final int steps;
        private final int depth;
        private final boolean fresh;
        private Depth call;

        Main(int steps, int depth, boolean fresh) {
            this.steps = steps;
            this.depth = depth;
            this.fresh = fresh;
        }

        @Override
        protected Awaitable<?> resume(Object awaited, Throwable failure) throws Throwable {
            long sum = 0;
            for (int i = 0; i < steps; i++) {
                Depth d = Depth.call(fresh ? null : call, depth, i, fresh);
                if (!fresh) {
                    call = d;
                }
                sum += d.result;
            }
            return complete(sum);
        }
    }

    private static final class Depth extends GeneratedFrame<Integer> {
        private int n;
        private int value;
        private int result;
        private Depth call;
        /** Whether its callees get new frames rather than the one kept for the call site. */
        private boolean fresh;

        /** Runs {@code depth(n, value)} in {@code kept} (or a new frame) directly; returns the frame. */
        static Depth call(Depth kept, int n, int value, boolean fresh) throws Throwable {
            Depth f = kept == null ? new Depth() : kept;
            f.fresh = fresh;
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
                if (fresh) {
                    result = call(null, n - 1, value, true).result + 1;
                } else {
                    call = call(call, n - 1, value, false);
                    result = call.result + 1;
                }
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
