package dev.weft;

import java.util.concurrent.CompletionStage;

/**
 * The first part of the support of generated state machines (see {@link GeneratedFrame}): the
 * helpers that keep javac's own typing of the user's expressions across suspension points
 * without the processor knowing those types. The processor passes a <em>witness</em>, an
 * expression javac types but the program never evaluates ({@code restore(() -> EXPR, kept)},
 * {@code resultOf(false ? await(x) : null, awaited)}), and gives an awaited expression the type
 * of its context ({@code targeted}). Only generated code uses this class.
 *
 * @param <T> the coroutine's result type (boxed; {@link Void} for {@code void} methods)
 */
public abstract class TypingFrame<T> extends CoroutineFrame<T> {
    /** For {@link GeneratedFrame}. */
    TypingFrame() {
    }

    /**
     * What an {@code await} waits for, given the type the await's context gives it: generated
     * code writes {@code Frame.<T>targeted(e)} where the typing of {@code e} (a lambda, a method
     * reference, a diamond) depends on the target type {@code T}, as in
     * {@code Map<String, Integer> m = await(later(new TreeMap<>((a, b) -> b.compareTo(a))))}.
     *
     * @param awaitable what the coroutine awaits
     * @param <V> the type the context gives the await
     * @return {@code awaitable}
     */
    protected static <V> Awaitable<? extends V> targeted(Awaitable<? extends V> awaitable) {
        return awaitable;
    }

    /**
     * {@link #targeted(Awaitable)} for a {@link CompletionStage}.
     *
     * @param stage what the coroutine awaits
     * @param <V> the type the context gives the await
     * @return {@code stage}
     */
    protected static <V> CompletionStage<? extends V> targeted(CompletionStage<? extends V> stage) {
        return stage;
    }

    /**
     * {@link Weft#await(Awaitable)}, inherited so that witnesses in generated code can name it
     * unqualified: a witness {@code await(x)} is typed exactly as the user's call was.
     *
     * @param awaitable what is awaited
     * @param <V> its value type
     * @return its value, if complete
     */
    protected static <V> V await(Awaitable<V> awaitable) {
        return Weft.await(awaitable);
    }

    /**
     * {@link Weft#await(CompletionStage)}, inherited for witnesses.
     *
     * @param stage what is awaited
     * @param <V> its value type
     * @return its value, if complete
     */
    protected static <V> V await(CompletionStage<V> stage) {
        return Weft.await(stage);
    }

    /**
     * {@link Weft#await(Awaitable, Class)}, inherited for witnesses.
     *
     * @param awaitable what is awaited
     * @param thrown the checked exception it declares
     * @param <V> its value type
     * @param <X> the exception's type
     * @return its value, if complete
     * @throws X as the awaited thing failed with it
     */
    protected static <V, X extends Throwable> V await(Awaitable<V> awaitable, Class<X> thrown) throws X {
        return Weft.await(awaitable, thrown);
    }

    /**
     * {@link Weft#await(CompletionStage, Class)}, inherited for witnesses.
     *
     * @param stage what is awaited
     * @param thrown the checked exception it declares
     * @param <V> its value type
     * @param <X> the exception's type
     * @return its value, if complete
     * @throws X as the stage failed with it
     */
    protected static <V, X extends Throwable> V await(CompletionStage<V> stage, Class<X> thrown) throws X {
        return Weft.await(stage, thrown);
    }

    /**
     * Copies a pattern binding into the field that keeps it across suspensions:
     * {@code x instanceof String sBound && bind(s = sBound)}.
     *
     * @param assigned the assignment, evaluated for its effect
     * @return {@code true}
     */
    protected static boolean bind(Object assigned) {
        return true;
    }

    /**
     * The value of a suspension, typed like the expression that suspended.
     * Generated code passes {@code false ? await(x) : null} as the witness: javac gives it the
     * type of the original {@code await(x)} and never evaluates it.
     *
     * @param witness never evaluated; gives the result its type
     * @param awaited the {@code awaited} argument of {@link #resume}
     * @param <V> the type of the original expression
     * @return {@code awaited}
     */
    @SuppressWarnings("unchecked")
    protected static <V> V resultOf(V witness, Object awaited) {
        return (V) awaited;
    }

    /** An expression whose type a spilled value takes back; never called. */
    @FunctionalInterface
    protected interface Witness<V> {
        /**
         * Never called.
         *
         * @return the original expression
         * @throws Throwable as the original expression may
         */
        V get() throws Throwable;
    }

    /** A {@code boolean} witness; never called. */
    @FunctionalInterface
    protected interface BooleanWitness {
        /**
         * Never called.
         *
         * @return the original expression
         * @throws Throwable as the original expression may
         */
        boolean get() throws Throwable;
    }

    /** A {@code byte} witness; never called. */
    @FunctionalInterface
    protected interface ByteWitness {
        /**
         * Never called.
         *
         * @return the original expression
         * @throws Throwable as the original expression may
         */
        byte get() throws Throwable;
    }

    /** A {@code short} witness; never called. */
    @FunctionalInterface
    protected interface ShortWitness {
        /**
         * Never called.
         *
         * @return the original expression
         * @throws Throwable as the original expression may
         */
        short get() throws Throwable;
    }

    /** A {@code char} witness; never called. */
    @FunctionalInterface
    protected interface CharWitness {
        /**
         * Never called.
         *
         * @return the original expression
         * @throws Throwable as the original expression may
         */
        char get() throws Throwable;
    }

    /** An {@code int} witness; never called. */
    @FunctionalInterface
    protected interface IntWitness {
        /**
         * Never called.
         *
         * @return the original expression
         * @throws Throwable as the original expression may
         */
        int get() throws Throwable;
    }

    /** A {@code long} witness; never called. */
    @FunctionalInterface
    protected interface LongWitness {
        /**
         * Never called.
         *
         * @return the original expression
         * @throws Throwable as the original expression may
         */
        long get() throws Throwable;
    }

    /** A {@code float} witness; never called. */
    @FunctionalInterface
    protected interface FloatWitness {
        /**
         * Never called.
         *
         * @return the original expression
         * @throws Throwable as the original expression may
         */
        float get() throws Throwable;
    }

    /** A {@code double} witness; never called. */
    @FunctionalInterface
    protected interface DoubleWitness {
        /**
         * Never called.
         *
         * @return the original expression
         * @throws Throwable as the original expression may
         */
        double get() throws Throwable;
    }

    /**
     * A value that was kept in an {@code Object} field across a suspension, typed again like the
     * expression that produced it: {@code restore(() -> EXPR, spilled)}. The lambda is never run;
     * javac types its body exactly as it typed the original {@code EXPR} in the same place,
     * including overload resolution and inference from the target type.
     *
     * @param witness never run
     * @param spilled the kept value
     * @param <V> the expression's type
     * @return {@code spilled}
     */
    @SuppressWarnings("unchecked")
    protected static <V> V restore(Witness<V> witness, Object spilled) {
        return (V) spilled;
    }

    /**
     * {@link #restore(Witness, Object)} for a {@code boolean} expression.
     *
     * @param witness never run
     * @param spilled the kept value
     * @return {@code spilled}
     */
    protected static boolean restore(BooleanWitness witness, Object spilled) {
        return (Boolean) spilled;
    }

    /**
     * {@link #restore(Witness, Object)} for a {@code byte} expression; a value kept from a
     * branch of another numeric type is converted as Java's casts convert it.
     *
     * @param witness never run
     * @param spilled the kept value
     * @return {@code spilled}
     */
    protected static byte restore(ByteWitness witness, Object spilled) {
        return spilled instanceof Character ? (byte) ((Character) spilled).charValue()
                : ((Number) spilled).byteValue();
    }

    /**
     * {@link #restore(Witness, Object)} for a {@code short} expression.
     *
     * @param witness never run
     * @param spilled the kept value
     * @return {@code spilled}
     */
    protected static short restore(ShortWitness witness, Object spilled) {
        return spilled instanceof Character ? (short) ((Character) spilled).charValue()
                : ((Number) spilled).shortValue();
    }

    /**
     * {@link #restore(Witness, Object)} for a {@code char} expression.
     *
     * @param witness never run
     * @param spilled the kept value
     * @return {@code spilled}
     */
    protected static char restore(CharWitness witness, Object spilled) {
        return spilled instanceof Character ? (Character) spilled
                : (char) ((Number) spilled).intValue();
    }

    /**
     * {@link #restore(Witness, Object)} for an {@code int} expression.
     *
     * @param witness never run
     * @param spilled the kept value
     * @return {@code spilled}
     */
    protected static int restore(IntWitness witness, Object spilled) {
        return spilled instanceof Character ? (Character) spilled : ((Number) spilled).intValue();
    }

    /**
     * {@link #restore(Witness, Object)} for a {@code long} expression.
     *
     * @param witness never run
     * @param spilled the kept value
     * @return {@code spilled}
     */
    protected static long restore(LongWitness witness, Object spilled) {
        return spilled instanceof Character ? (Character) spilled : ((Number) spilled).longValue();
    }

    /**
     * {@link #restore(Witness, Object)} for a {@code float} expression.
     *
     * @param witness never run
     * @param spilled the kept value
     * @return {@code spilled}
     */
    protected static float restore(FloatWitness witness, Object spilled) {
        return spilled instanceof Character ? (Character) spilled : ((Number) spilled).floatValue();
    }

    /**
     * {@link #restore(Witness, Object)} for a {@code double} expression.
     *
     * @param witness never run
     * @param spilled the kept value
     * @return {@code spilled}
     */
    protected static double restore(DoubleWitness witness, Object spilled) {
        return spilled instanceof Character ? (Character) spilled
                : ((Number) spilled).doubleValue();
    }
}
