package dev.weft;

import java.util.Objects;

/**
 * How one awaitable of {@link Weft#gatherOutcomes(Awaitable[])} ended: with a value, or with an
 * exception (a {@link CancelledException} if it was cancelled). This is the element type of the
 * list that asyncio's {@code gather(..., return_exceptions=True)} returns, where values and
 * exceptions are mixed in one list.
 *
 * <p>Outcomes are equal when their values are equal, or when they hold the same exception object.
 *
 * @param <T> the type of the value
 */
public final class Outcome<T> {
    private final T value;
    private final Throwable failure;

    private Outcome(T value, Throwable failure) {
        this.value = value;
        this.failure = failure;
    }

    /**
     * An outcome with a value.
     *
     * @param value the value, may be {@code null}
     * @param <T> its type
     * @return the outcome
     */
    public static <T> Outcome<T> success(T value) {
        return new Outcome<>(value, null);
    }

    /**
     * An outcome with an exception.
     *
     * @param failure the exception
     * @param <T> the type a value would have had
     * @return the outcome
     */
    public static <T> Outcome<T> failure(Throwable failure) {
        if (failure == null) {
            throw new NullPointerException("failure");
        }
        return new Outcome<>(null, failure);
    }

    /**
     * Whether it ended with a value.
     *
     * @return {@code true} if there is no exception
     */
    public boolean isSuccess() {
        return failure == null;
    }

    /**
     * Whether it ended with an exception, including a cancellation.
     *
     * @return {@code true} if there is an exception
     */
    public boolean isFailure() {
        return failure != null;
    }

    /**
     * Whether it was cancelled: the exception is a {@link CancelledException}.
     *
     * @return {@code true} if cancelled
     */
    public boolean isCancelled() {
        return failure instanceof CancelledException;
    }

    /**
     * The value.
     *
     * @return the value, or {@code null} if it ended with an exception
     */
    public T value() {
        return value;
    }

    /**
     * The exception.
     *
     * @return the exception, or {@code null} if it ended with a value
     */
    public Throwable failure() {
        return failure;
    }

    /**
     * The value, or the exception thrown.
     *
     * @return the value
     * @throws CancelledException if it was cancelled; other unchecked exceptions as they are,
     *     checked ones wrapped in {@link TaskFailedException}
     */
    public T get() {
        if (failure != null) {
            throw TaskFailedException.rethrow("gathered awaitable", failure);
        }
        return value;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Outcome)) {
            return false;
        }
        Outcome<?> other = (Outcome<?>) o;
        return failure == other.failure && Objects.equals(value, other.value);
    }

    @Override
    public int hashCode() {
        return failure != null ? System.identityHashCode(failure) : Objects.hashCode(value);
    }

    @Override
    public String toString() {
        return failure != null ? "Outcome[failed: " + failure + "]" : "Outcome[" + value + "]";
    }
}
