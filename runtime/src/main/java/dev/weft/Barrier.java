package dev.weft;

import java.util.function.BooleanSupplier;

/**
 * A barrier for a fixed number of tasks (asyncio's {@code Barrier}): each task that awaits it
 * waits until {@link #parties()} tasks are waiting, then all of them continue.
 *
 * <p>Awaiting the barrier is asyncio's {@code await barrier.wait()}: its value is the task's
 * arrival index, from 0 to {@code parties() - 1}, unique within one pass. The barrier is
 * reusable: it fills, then drains (tasks arriving while the previous group leaves wait for it to
 * be empty), then fills again.
 *
 * <p>{@link #reset()} returns the barrier to its empty state, throwing
 * {@link BrokenBarrierException} into the tasks waiting at it; {@link #abort()} breaks it, so
 * that waiting and arriving tasks get {@link BrokenBarrierException} until it is reset. Both are
 * synchronous here, where asyncio's are coroutines: asyncio's only take the barrier's internal
 * lock, which no task ever holds across a suspension, so they never wait, and calling them
 * directly is observably the same.
 *
 * <p>Cancelling a task that waits at the barrier removes it from the count of waiting tasks.
 * The barrier is written like asyncio's, on a {@link Condition}. It belongs to the event loop that
 * runs when it is first used, and to that loop's thread (see {@link EventLoop}).
 */
public final class Barrier extends Awaitable<Integer> {
    private static final int FILLING = 0;
    private static final int DRAINING = 1;
    private static final int RESETTING = 2;
    private static final int BROKEN = 3;
    private static final String[] STATE_NAMES = {"filling", "draining", "resetting", "broken"};

    private final int parties;
    private final Condition cond = new Condition();
    private int phase = FILLING;
    /** The number of tasks inside the barrier (asyncio's {@code _count}). */
    private int count;

    private final BooleanSupplier neitherDrainingNorResetting =
            () -> phase != DRAINING && phase != RESETTING;
    private final BooleanSupplier notFilling = () -> phase != FILLING;

    /**
     * Creates a barrier for {@code parties} tasks.
     *
     * @param parties how many tasks must wait before all continue
     * @throws IllegalArgumentException if {@code parties} is less than 1
     */
    public Barrier(int parties) {
        if (parties < 1) {
            throw new IllegalArgumentException("parties must be > 0");
        }
        this.parties = parties;
    }

    /**
     * The number of tasks needed to pass the barrier.
     *
     * @return the parties
     */
    public int parties() {
        return parties;
    }

    /**
     * The number of tasks waiting at the barrier while it fills (asyncio's {@code n_waiting});
     * 0 while it drains, resets or is broken.
     *
     * @return the number of waiting tasks
     */
    public int waiting() {
        return phase == FILLING ? count : 0;
    }

    /**
     * Whether the barrier is broken (asyncio's {@code broken}), by {@link #abort()}.
     *
     * @return {@code true} if broken
     */
    public boolean isBroken() {
        return phase == BROKEN;
    }

    /**
     * Returns the barrier to its initial, empty state (asyncio's {@code reset()}). Tasks waiting
     * at it get {@link BrokenBarrierException}; while they leave, arriving tasks wait. A broken
     * barrier becomes usable again.
     */
    public void reset() {
        confineToLoop();
        if (count > 0) {
            phase = RESETTING;
        } else {
            phase = FILLING;
        }
        cond.notifyWaiters(Integer.MAX_VALUE);
    }

    /**
     * Breaks the barrier (asyncio's {@code abort()}): waiting tasks, and tasks that await it
     * until it is {@linkplain #reset() reset}, get {@link BrokenBarrierException}.
     */
    public void abort() {
        confineToLoop();
        phase = BROKEN;
        cond.notifyWaiters(Integer.MAX_VALUE);
    }

    /** The number of tasks inside the barrier, waiting or leaving (asyncio's {@code _count}). */
    int count() {
        return count;
    }

    @Override
    Object awaitBegin(Task<?> task) {
        confineToLoop();
        task.value = new WaitFrame(task);
        return RUN_INLINE;
    }

    /** asyncio's {@code _exit()}: the last task to leave lets the barrier fill again. */
    private void exit() {
        if (count == 0) {
            if (phase == RESETTING || phase == DRAINING) {
                phase = FILLING;
            }
            cond.notifyWaiters(Integer.MAX_VALUE);
        }
    }

    @Override
    public String toString() {
        return "Barrier[" + STATE_NAMES[phase]
                + (phase == BROKEN ? "" : ", waiters:" + waiting() + "/" + parties) + "]";
    }

    /** asyncio's {@code Barrier.wait()} as a coroutine run inline in the awaiting task. */
    private final class WaitFrame extends CoroutineFrame<Integer> {
        private static final int ACQUIRE = 0;
        private static final int ENTER = 1;
        private static final int ENTERED = 2;
        private static final int RELEASED = 3;

        private final Task<?> task;
        private int index;

        WaitFrame(Task<?> task) {
            this.task = task;
        }

        @Override
        protected Awaitable<?> resume(Object awaited, Throwable failure) throws Throwable {
            switch (state) {
                case ACQUIRE:
                    state = ENTER;
                    return cond.lock().acquireOp;
                case ENTER:
                    if (failure != null) {
                        throw failure;
                    }
                    // Wait while the barrier drains or resets.
                    state = ENTERED;
                    return cond.waitFor(neitherDrainingNorResetting);
                case ENTERED:
                    if (failure != null) {
                        cond.lock().releaseBy(task);
                        throw failure;
                    }
                    if (phase == BROKEN) {
                        cond.lock().releaseBy(task);
                        throw new BrokenBarrierException("Barrier aborted");
                    }
                    index = count++;
                    if (index + 1 == parties) {
                        // The last one in releases the others.
                        phase = DRAINING;
                        cond.notifyWaiters(Integer.MAX_VALUE);
                        return leave(null);
                    }
                    state = RELEASED;
                    return cond.waitFor(notFilling);
                case RELEASED:
                    if (failure == null
                            && (phase == BROKEN || phase == RESETTING)) {
                        failure = new BrokenBarrierException("Abort or reset of barrier");
                    }
                    return leave(failure);
                default:
                    throw invalidState(state);
            }
        }

        /** The {@code finally} of asyncio's {@code wait()}, then the exit of {@code async with}. */
        private Awaitable<?> leave(Throwable failure) throws Throwable {
            count--;
            exit();
            cond.lock().releaseBy(task);
            if (failure != null) {
                throw failure;
            }
            return complete(index);
        }

        @Override
        public String toString() {
            return "wait at " + Barrier.this;
        }
    }
}
