package dev.weft;

/**
 * What {@link Weft#yieldNow()} returns: the awaiting task goes to the back of the ready queue and
 * continues on the next iteration, letting every other ready task run first.
 */
final class YieldNow extends Awaitable<Void> {
    static final YieldNow INSTANCE = new YieldNow();

    private YieldNow() {
    }

    @Override
    Object awaitBegin(Task<?> task) {
        task.beginWait(this);
        task.wake(null);
        return SUSPENDED;
    }

    @Override
    String describeWait() {
        return "yieldNow()";
    }

    @Override
    public String toString() {
        return "yieldNow()";
    }
}
