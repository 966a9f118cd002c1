package dev.weft;

/**
 * The thread rule of loops, tasks and primitives: each belongs to the thread that runs its loop
 * (asyncio's {@code _LoopBoundMixin}, applied to every operation that changes a primitive or
 * waits on it). Violations throw {@link IllegalStateException}, naming both threads.
 */
final class Confinement {
    private Confinement() {
    }

    /** Throws if {@code loop} is running in another thread. */
    static void check(EventLoop loop, Object what) {
        if (loop != null) {
            Thread owner = loop.runningThread();
            if (owner != null && owner != Thread.currentThread()) {
                throw new IllegalStateException(what + " belongs to the event loop running in thread "
                        + owner.getName() + " and was used from thread "
                        + Thread.currentThread().getName()
                        + "; reach it from other threads with loop.callSoonThreadsafe(...)");
            }
        }
    }

    /**
     * Returns the loop {@code what}, bound to {@code bound} so far ({@code null} while unbound),
     * is bound to from now on, which the caller stores:
     * <ul>
     *   <li>bound to the loop running in this thread: nothing to do (the hot path: one compare);
     *   <li>not bound yet: binds to the loop running in this thread, if any; with no running loop
     *       (setup code before a loop starts) it stays unbound;
     *   <li>bound to a loop that runs in another thread: throws, naming both threads;
     *   <li>bound to a loop that is not running, while another loop runs in this thread: throws;
     *   <li>bound to a loop that is not running, with no loop running in this thread (code before,
     *       between or after runs): allowed.
     * </ul>
     */
    static EventLoop confine(EventLoop bound, Object what) {
        if (bound != null && bound.runningThread() == Thread.currentThread()) {
            return bound;
        }
        return confineSlowly(bound, what);
    }

    private static EventLoop confineSlowly(EventLoop bound, Object what) {
        EventLoop running = EventLoop.currentOrNull();
        if (bound == null) {
            return running;
        }
        check(bound, what);
        if (running != null) {
            throw new IllegalStateException(what + " is bound to a different event loop");
        }
        return bound;
    }
}
