package dev.weft;

/**
 * What {@link Weft#sleep(java.time.Duration)} returns: an awaitable that resumes the awaiting
 * task after a delay of loop time. It may be awaited any number of times, by any tasks; each
 * await starts its own timer. A delay of zero or less yields once, as {@code asyncio.sleep(0)}.
 */
final class Sleep extends Awaitable<Void> {
    private final long nanos;

    Sleep(long nanos) {
        this.nanos = nanos;
    }

    @Override
    Object awaitBegin(Task<?> task) {
        if (nanos <= 0) {
            return YieldNow.INSTANCE.awaitBegin(task);
        }
        EventLoop loop = task.loop;
        WakeUp timer = new WakeUp(loop, loop.nanoTime() + nanos, loop.nextTimerSequence(), task);
        loop.addTimer(timer);
        task.beginWait(this);
        task.value = timer; // parked here while waiting, for cancelWait
        return SUSPENDED;
    }

    @Override
    boolean cancelWait(Task<?> task, String message) {
        if (task.isWaitPending() && task.value instanceof WakeUp) {
            ((WakeUp) task.value).cancel();
        }
        return task.cancelPendingWait(message);
    }

    @Override
    String describeWait() {
        return "sleep(" + (nanos / 1_000_000) + " ms)";
    }

    @Override
    public String toString() {
        return describeWait();
    }

    /** The timer of one sleeping task. */
    static final class WakeUp extends TimerHandle {
        final Task<?> task;

        WakeUp(EventLoop loop, long when, long sequence, Task<?> task) {
            super(loop, when, sequence, null);
            this.task = task;
        }

        @Override
        void run() {
            task.wake(null);
        }

        @Override
        public String toString() {
            return "wake-up of " + task.name() + " at " + when();
        }
    }
}
