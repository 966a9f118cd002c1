package dev.weft;

/**
 * What belongs to one event loop (asyncio's {@code _LoopBoundMixin}): a primitive is bound to the
 * loop running in the thread that first changes it or waits on it, and a task to the loop that
 * runs it. Every operation that changes a primitive or waits on it calls {@link #confineToLoop()}
 * first.
 */
abstract class LoopBound {
    /** The loop this belongs to; {@code null} until then. */
    EventLoop loop;

    LoopBound() {
    }

    /**
     * Binds this to the loop running in this thread if it is not bound yet, and throws if another
     * thread's loop, or another loop, owns it (see {@link EventLoop#confine}). Once bound, from the
     * loop's thread, this is one compare.
     */
    final void confineToLoop() {
        loop = Confinement.confine(loop, this);
    }
}
