package dev.weft;

/**
 * A hand-written coroutine for runtime tests, built from steps: the state machine the processor
 * would generate, written as lambdas. Step {@code i} runs with the outcome of what step
 * {@code i - 1} returned (an awaitable, awaited by the runtime); {@link #value()} returns it or
 * throws its failure. A step that returns {@code null} falls through to the next one;
 * {@link #done(Object)} finishes; {@link #goTo(int)} picks the step that runs next.
 */
final class Script<T> extends CoroutineFrame<T> {
    @FunctionalInterface
    interface Step {
        Awaitable<?> run(Script<?> s) throws Throwable;
    }

    private final Step[] steps;
    private Object awaited;
    private Throwable failure;
    private boolean finished;
    private Object result;

    private Script(Step[] steps) {
        this.steps = steps;
    }

    @SafeVarargs
    static <T> Script<T> of(Step... steps) {
        return new Script<>(steps);
    }

    @Override
    @SuppressWarnings("unchecked")
    protected Awaitable<?> resume(Object awaited, Throwable failure) throws Throwable {
        this.awaited = awaited;
        this.failure = failure;
        for (;;) {
            int i = state;
            if (i >= steps.length) {
                if (this.failure != null) {
                    throw this.failure;
                }
                return complete(null);
            }

            state = i + 1;
            Awaitable<?> next = steps[i].run(this);
            if (this.failure != null) {
                // Like generated code: an outcome's failure is thrown unless the step handled it.
                Throwable f = this.failure;
                this.failure = null;
                throw f;
            }
            if (finished) {
                return complete((T) result);
            }
            if (next != null) {
                return next;
            }
            this.awaited = null;
            this.failure = null;
        }
    }

    /** The outcome of the previous step's await: its value, or its failure thrown. */
    Object value() throws Throwable {
        Throwable f = failure;
        if (f != null) {
            failure = null;
            throw f;
        }
        return awaited;
    }

    /** The failure the previous await ended with, or null; consumes it. */
    Throwable failure() {
        Throwable f = failure;
        failure = null;
        return f;
    }

    /** Finishes the coroutine with {@code value}. */
    Awaitable<?> done(Object value) {
        finished = true;
        result = value;
        return null;
    }

    /** Makes step {@code index} the next to run. */
    void goTo(int index) {
        state = index;
    }
}
