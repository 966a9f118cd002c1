package dev.weft;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletionStage;

/**
 * A coroutine object: the state machine of one call of a {@link Coroutine @Coroutine} method.
 *
 * <p>The Weft processor generates one subclass per coroutine method; its factory
 * ({@code XCoroutines.m(...)}) returns a fresh frame. A frame runs once, either as its own task
 * ({@link Weft#spawn(CoroutineFrame)}, {@link EventLoop#runUntilComplete(CoroutineFrame)}) or
 * inline inside the task that awaits it, like a call. Because every task is a frame, a spawned
 * frame is also the {@link Task} handle for it.
 *
 * <h2>The protocol generated code implements</h2>
 * <ul>
 *   <li>The runtime calls {@link #resume(Object, Throwable)} to run the coroutine from where it
 *       stopped. {@link #state} says where: 0 on the first call; generated code sets it before it
 *       suspends and dispatches on it when resumed ({@code switch (state)}).
 *   <li>To wait for something, {@code resume} stores the state to continue at and returns the
 *       awaitable (through {@link #suspendOn(Awaitable)}). That is the only way it suspends: the
 *       runtime does all waiting, waking and scheduling.
 *   <li>When the wait is over the runtime calls {@code resume} again with the outcome: the value
 *       in {@code awaited}, or the exception to throw at the suspension point in {@code failure}
 *       ({@code null} when the wait succeeded). Generated code throws {@code failure} first.
 *   <li>If what was awaited is already available (a set event, a free lock, a done task) the
 *       runtime calls {@code resume} again at once, in a loop: no trip through the ready queue, no
 *       allocation, no growth of the Java stack however many times a loop awaits.
 *   <li>Returning a frame that has not started pushes it: it runs inline in the same task, and
 *       its result (or exception) becomes the outcome of the caller's suspension. Returning a
 *       started frame waits for that task to finish instead.
 *   <li>To finish, {@code resume} returns {@link #complete(Object)}; to fail, it throws. A
 *       {@link CancelledException} that escapes makes the task cancelled.
 *   <li>{@code resume} is never called again once the frame has finished, and never twice for
 *       one suspension.
 * </ul>
 * The protected static helpers below let generated code keep javac's own typing of the user's
 * expressions across suspension points without knowing those types: the processor passes a
 * <em>witness</em>, an expression javac types but the program never evaluates.
 *
 * @param <T> the coroutine's result type (boxed; {@link Void} for {@code void} methods)
 */
public abstract class CoroutineFrame<T> extends Task<T> {
    /** Where {@link #resume} continues: 0 at the start; otherwise owned by generated code. */
    protected int state;

    /** For generated subclasses. */
    protected CoroutineFrame() {
    }

    /**
     * Runs the coroutine until it suspends or finishes.
     *
     * @param awaited the value of the awaited thing, when resuming after a suspension
     * @param failure the exception to throw at the suspension point, or {@code null}
     * @return the awaitable to wait on, or {@code null} (from {@link #complete(Object)}) when done
     * @throws Throwable whatever the coroutine throws: the frame then fails with it
     */
    protected abstract Awaitable<?> resume(Object awaited, Throwable failure) throws Throwable;

    /**
     * Records the coroutine's result; {@code return complete(value);} ends {@link #resume}.
     *
     * @param result the result
     * @return {@code null}, which tells the runtime the frame is done
     */
    protected final Awaitable<?> complete(T result) {
        value = result;
        return null;
    }

    // ------------------------------------------------------------------ helpers for generated code

    /**
     * What {@code await(awaitable)} suspends on.
     *
     * @param awaitable what the coroutine awaits
     * @param <V> its value type
     * @return {@code awaitable}
     */
    protected static <V> Awaitable<V> suspendOn(Awaitable<V> awaitable) {
        if (awaitable == null) {
            throw new NullPointerException("await(null): nothing to await");
        }
        return awaitable;
    }

    /**
     * What {@code await(stage)} suspends on: the stage may complete on any thread.
     *
     * @param stage what the coroutine awaits
     * @param <V> its value type
     * @return an awaitable for the stage's outcome
     */
    protected static <V> Awaitable<V> suspendOn(CompletionStage<V> stage) {
        if (stage == null) {
            throw new NullPointerException("await(null): nothing to await");
        }
        return new StageAwait<>(stage);
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

    /**
     * The left operand of a binary operator whose right operand suspends, converted as Java
     * converts it before the right operand runs: {@code leftOperand(() -> WITNESS).of(left)}. A
     * numeric or boolean operation unboxes it, so that a {@code null} throws
     * {@code NullPointerException} there, before the right operand is evaluated, as in Java; the
     * value itself does not change. The witness is the operation ({@code left + right}, of a
     * primitive type exactly when it unboxes), or for {@code ==} and {@code !=} the right operand
     * (the comparison unboxes the left operand exactly when the right one is primitive).
     *
     * @param witness never run; a primitive type selects unboxing
     * @return the conversion: unboxing
     */
    protected static NumericOperand leftOperand(BooleanWitness witness) {
        return NumericOperand.INSTANCE;
    }

    /**
     * {@link #leftOperand(BooleanWitness)} for an {@code int} witness.
     *
     * @param witness never run
     * @return the conversion: unboxing
     */
    protected static NumericOperand leftOperand(IntWitness witness) {
        return NumericOperand.INSTANCE;
    }

    /**
     * {@link #leftOperand(BooleanWitness)} for a {@code long} witness.
     *
     * @param witness never run
     * @return the conversion: unboxing
     */
    protected static NumericOperand leftOperand(LongWitness witness) {
        return NumericOperand.INSTANCE;
    }

    /**
     * {@link #leftOperand(BooleanWitness)} for a {@code float} witness.
     *
     * @param witness never run
     * @return the conversion: unboxing
     */
    protected static NumericOperand leftOperand(FloatWitness witness) {
        return NumericOperand.INSTANCE;
    }

    /**
     * {@link #leftOperand(BooleanWitness)} for a {@code double} witness.
     *
     * @param witness never run
     * @return the conversion: unboxing
     */
    protected static NumericOperand leftOperand(DoubleWitness witness) {
        return NumericOperand.INSTANCE;
    }

    /**
     * {@link #leftOperand(BooleanWitness)} for a witness of a reference type: a string
     * concatenation, or a comparison of references, which convert nothing.
     *
     * @param witness never run
     * @param <V> the witness's type
     * @return no conversion
     */
    protected static <V> ReferenceOperand leftOperand(Witness<V> witness) {
        return ReferenceOperand.INSTANCE;
    }

    /**
     * An operand Java unboxes as soon as it has evaluated it (an array index or dimension, an
     * element of a primitive array, an argument of a primitive parameter), kept across a later
     * suspension: {@code unboxed().of(operand)} unboxes it now, so that a {@code null} throws
     * {@code NullPointerException} where Java throws it; the value does not change.
     *
     * @return the conversion: unboxing
     */
    protected static NumericOperand unboxed() {
        return NumericOperand.INSTANCE;
    }

    /**
     * The operand of a numeric or boolean operation: {@code of} unboxes a boxed operand (overload
     * resolution picks the primitive type of its box) and returns primitives as they are.
     */
    protected static final class NumericOperand {
        static final NumericOperand INSTANCE = new NumericOperand();

        private NumericOperand() {
        }

        /**
         * A {@code byte} operand.
         *
         * @param operand the operand, unboxed by the call
         * @return {@code operand}
         */
        public byte of(byte operand) {
            return operand;
        }

        /**
         * A {@code short} operand.
         *
         * @param operand the operand, unboxed by the call
         * @return {@code operand}
         */
        public short of(short operand) {
            return operand;
        }

        /**
         * A {@code char} operand.
         *
         * @param operand the operand, unboxed by the call
         * @return {@code operand}
         */
        public char of(char operand) {
            return operand;
        }

        /**
         * An {@code int} operand.
         *
         * @param operand the operand, unboxed by the call
         * @return {@code operand}
         */
        public int of(int operand) {
            return operand;
        }

        /**
         * A {@code long} operand.
         *
         * @param operand the operand, unboxed by the call
         * @return {@code operand}
         */
        public long of(long operand) {
            return operand;
        }

        /**
         * A {@code float} operand.
         *
         * @param operand the operand, unboxed by the call
         * @return {@code operand}
         */
        public float of(float operand) {
            return operand;
        }

        /**
         * A {@code double} operand.
         *
         * @param operand the operand, unboxed by the call
         * @return {@code operand}
         */
        public double of(double operand) {
            return operand;
        }

        /**
         * A {@code boolean} operand.
         *
         * @param operand the operand, unboxed by the call
         * @return {@code operand}
         */
        public boolean of(boolean operand) {
            return operand;
        }
    }

    /** The operand of an operation on references: {@code of} returns it as it is. */
    protected static final class ReferenceOperand {
        static final ReferenceOperand INSTANCE = new ReferenceOperand();

        private ReferenceOperand() {
        }

        /**
         * The operand, unchanged.
         *
         * @param operand the operand
         * @param <V> its type
         * @return {@code operand}
         */
        public <V> V of(V operand) {
            return operand;
        }
    }

    /**
     * The cursor of an enhanced {@code for} loop whose body suspends: it evaluates the iterable or
     * array once, as Java does, and reads each element when asked.
     */
    protected abstract static class ForEach {
        ForEach() {
        }

        /**
         * Whether another element follows.
         *
         * @return {@code true} if {@link #next()} has an element
         */
        public abstract boolean hasNext();

        /**
         * The next element, boxed.
         *
         * @return the element
         */
        public abstract Object next();

        /**
         * The next element of a primitive array, unboxed (ints, shorts, bytes, chars).
         *
         * @return the element
         */
        public int nextInt() {
            throw new UnsupportedOperationException();
        }

        /**
         * The next element of a {@code long[]}.
         *
         * @return the element
         */
        public long nextLong() {
            throw new UnsupportedOperationException();
        }

        /**
         * The next element of a {@code float[]} or {@code double[]}.
         *
         * @return the element
         */
        public double nextDouble() {
            throw new UnsupportedOperationException();
        }

        /**
         * The next element of a {@code boolean[]}.
         *
         * @return the element
         */
        public boolean nextBoolean() {
            throw new UnsupportedOperationException();
        }
    }

    /**
     * Starts an enhanced {@code for} over an {@link Iterable}: calls {@code iterator()} once.
     *
     * @param iterable the loop's expression
     * @return the cursor
     */
    protected static ForEach forEach(Iterable<?> iterable) {
        final Iterator<?> it = iterable.iterator();
        return new ForEach() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public Object next() {
                return it.next();
            }
        };
    }

    /**
     * Starts an enhanced {@code for} over an array of references.
     *
     * @param array the loop's expression
     * @return the cursor
     */
    protected static ForEach forEach(Object[] array) {
        return new ArrayCursor(array, array.length) {
            @Override
            public Object next() {
                return array[advance()];
            }
        };
    }

    /**
     * Starts an enhanced {@code for} over an {@code int[]}.
     *
     * @param array the loop's expression
     * @return the cursor
     */
    protected static ForEach forEach(int[] array) {
        return new ArrayCursor(array, array.length) {
            @Override
            public int nextInt() {
                return array[advance()];
            }
        };
    }

    /**
     * Starts an enhanced {@code for} over a {@code long[]}.
     *
     * @param array the loop's expression
     * @return the cursor
     */
    protected static ForEach forEach(long[] array) {
        return new ArrayCursor(array, array.length) {
            @Override
            public long nextLong() {
                return array[advance()];
            }
        };
    }

    /**
     * Starts an enhanced {@code for} over a {@code double[]}.
     *
     * @param array the loop's expression
     * @return the cursor
     */
    protected static ForEach forEach(double[] array) {
        return new ArrayCursor(array, array.length) {
            @Override
            public double nextDouble() {
                return array[advance()];
            }
        };
    }

    /**
     * Starts an enhanced {@code for} over a {@code float[]}.
     *
     * @param array the loop's expression
     * @return the cursor
     */
    protected static ForEach forEach(float[] array) {
        return new ArrayCursor(array, array.length) {
            @Override
            public double nextDouble() {
                return array[advance()];
            }
        };
    }

    /**
     * Starts an enhanced {@code for} over a {@code short[]}.
     *
     * @param array the loop's expression
     * @return the cursor
     */
    protected static ForEach forEach(short[] array) {
        return new ArrayCursor(array, array.length) {
            @Override
            public int nextInt() {
                return array[advance()];
            }
        };
    }

    /**
     * Starts an enhanced {@code for} over a {@code byte[]}.
     *
     * @param array the loop's expression
     * @return the cursor
     */
    protected static ForEach forEach(byte[] array) {
        return new ArrayCursor(array, array.length) {
            @Override
            public int nextInt() {
                return array[advance()];
            }
        };
    }

    /**
     * Starts an enhanced {@code for} over a {@code char[]}.
     *
     * @param array the loop's expression
     * @return the cursor
     */
    protected static ForEach forEach(char[] array) {
        return new ArrayCursor(array, array.length) {
            @Override
            public int nextInt() {
                return array[advance()];
            }
        };
    }

    /**
     * Starts an enhanced {@code for} over a {@code boolean[]}.
     *
     * @param array the loop's expression
     * @return the cursor
     */
    protected static ForEach forEach(boolean[] array) {
        return new ArrayCursor(array, array.length) {
            @Override
            public boolean nextBoolean() {
                return array[advance()];
            }
        };
    }

    private abstract static class ArrayCursor extends ForEach {
        private final int length;
        private int index;

        ArrayCursor(Object array, int length) {
            this.length = length;
        }

        @Override
        public final boolean hasNext() {
            return index < length;
        }

        final int advance() {
            if (index >= length) {
                throw new NoSuchElementException();
            }
            return index++;
        }

        @Override
        public Object next() {
            throw new UnsupportedOperationException();
        }
    }

    /**
     * The element type of an enhanced {@code for}, for witnesses only: never called.
     *
     * @param iterable the loop's expression
     * @param <V> its element type
     * @return never returns
     */
    protected static <V> V elementOf(Iterable<V> iterable) {
        throw new AssertionError("witness only");
    }

    /**
     * The element type of an enhanced {@code for} over an array, for witnesses only.
     *
     * @param array the loop's expression
     * @param <V> its element type
     * @return never returns
     */
    protected static <V> V elementOf(V[] array) {
        throw new AssertionError("witness only");
    }

    /**
     * For witnesses only.
     *
     * @param array the loop's expression
     * @return never returns
     */
    protected static int elementOf(int[] array) {
        throw new AssertionError("witness only");
    }

    /**
     * For witnesses only.
     *
     * @param array the loop's expression
     * @return never returns
     */
    protected static long elementOf(long[] array) {
        throw new AssertionError("witness only");
    }

    /**
     * For witnesses only.
     *
     * @param array the loop's expression
     * @return never returns
     */
    protected static double elementOf(double[] array) {
        throw new AssertionError("witness only");
    }

    /**
     * For witnesses only.
     *
     * @param array the loop's expression
     * @return never returns
     */
    protected static float elementOf(float[] array) {
        throw new AssertionError("witness only");
    }

    /**
     * For witnesses only.
     *
     * @param array the loop's expression
     * @return never returns
     */
    protected static short elementOf(short[] array) {
        throw new AssertionError("witness only");
    }

    /**
     * For witnesses only.
     *
     * @param array the loop's expression
     * @return never returns
     */
    protected static byte elementOf(byte[] array) {
        throw new AssertionError("witness only");
    }

    /**
     * For witnesses only.
     *
     * @param array the loop's expression
     * @return never returns
     */
    protected static char elementOf(char[] array) {
        throw new AssertionError("witness only");
    }

    /**
     * For witnesses only.
     *
     * @param array the loop's expression
     * @return never returns
     */
    protected static boolean elementOf(boolean[] array) {
        throw new AssertionError("witness only");
    }

    /**
     * The next element of an enhanced {@code for}, typed by the witness
     * {@code () -> elementOf(EXPR)}.
     *
     * @param witness never run
     * @param cursor the loop's cursor
     * @param <V> the element type
     * @return the element
     */
    @SuppressWarnings("unchecked")
    protected static <V> V nextElement(Witness<V> witness, ForEach cursor) {
        return (V) cursor.next();
    }

    /**
     * The next {@code int} element.
     *
     * @param witness never run
     * @param cursor the loop's cursor
     * @return the element
     */
    protected static int nextElement(IntWitness witness, ForEach cursor) {
        return cursor.nextInt();
    }

    /**
     * The next {@code long} element.
     *
     * @param witness never run
     * @param cursor the loop's cursor
     * @return the element
     */
    protected static long nextElement(LongWitness witness, ForEach cursor) {
        return cursor.nextLong();
    }

    /**
     * The next {@code double} element.
     *
     * @param witness never run
     * @param cursor the loop's cursor
     * @return the element
     */
    protected static double nextElement(DoubleWitness witness, ForEach cursor) {
        return cursor.nextDouble();
    }

    /**
     * The next {@code float} element.
     *
     * @param witness never run
     * @param cursor the loop's cursor
     * @return the element
     */
    protected static float nextElement(FloatWitness witness, ForEach cursor) {
        return (float) cursor.nextDouble();
    }

    /**
     * The next {@code short} element.
     *
     * @param witness never run
     * @param cursor the loop's cursor
     * @return the element
     */
    protected static short nextElement(ShortWitness witness, ForEach cursor) {
        return (short) cursor.nextInt();
    }

    /**
     * The next {@code byte} element.
     *
     * @param witness never run
     * @param cursor the loop's cursor
     * @return the element
     */
    protected static byte nextElement(ByteWitness witness, ForEach cursor) {
        return (byte) cursor.nextInt();
    }

    /**
     * The next {@code char} element.
     *
     * @param witness never run
     * @param cursor the loop's cursor
     * @return the element
     */
    protected static char nextElement(CharWitness witness, ForEach cursor) {
        return (char) cursor.nextInt();
    }

    /**
     * The next {@code boolean} element.
     *
     * @param witness never run
     * @param cursor the loop's cursor
     * @return the element
     */
    protected static boolean nextElement(BooleanWitness witness, ForEach cursor) {
        return cursor.nextBoolean();
    }

    /** See {@link #continueMachine()}. */
    private static final Awaitable<Void> CONTINUE_MACHINE = new Promise<>();

    /**
     * What a part of a state machine split across methods returns when the next state is in
     * another part: {@code resume} then calls that part. Never returned to the runtime.
     *
     * @return a sentinel, compared by identity
     */
    protected static Awaitable<?> continueMachine() {
        return CONTINUE_MACHINE;
    }

    /**
     * The error for a {@code switch (state)} that meets a state it does not know.
     *
     * @param state the state
     * @return the error to throw
     */
    protected static IllegalStateException invalidState(int state) {
        return new IllegalStateException("coroutine resumed in unknown state " + state);
    }

    // ------------------------------------------------------------------ the driver

    /** Takes one step of this task: runs its frames until the task suspends or finishes. */
    final void step() {
        int s = status;
        if ((s & MUST_CANCEL) != 0) {
            // asyncio: a pending cancellation replaces whatever outcome the task resumes with.
            setFailure(takeCancelRequest());
            s = status;
        }
        status = (s & ~PHASE) | RUNNING;
        Awaitable<?> waited = waitingOn;
        if (waited != null) {
            waitingOn = null;
            if (!waited.awaitEnd(this)) {
                return; // the awaitable made the task wait again
            }
        }
        Object awaited;
        Throwable failure;
        if ((status & OUTCOME_ERROR) != 0) {
            awaited = null;
            failure = (Throwable) value;
        } else {
            awaited = value;
            failure = null;
        }
        value = null;
        status &= ~(OUTCOME_ERROR | WAIT_CANCELLED);
        if ((status & STARTED) == 0) {
            status |= STARTED;
            if (failure != null) {
                // Cancelled before its first step: the body never runs.
                finish(failure instanceof CancelledException ? CANCELLED : FAILED, failure);
                return;
            }
        }
        CoroutineFrame<?> top = link;
        drive(top == null ? this : top, awaited, failure);
    }

    private void drive(CoroutineFrame<?> frame, Object awaited, Throwable failure) {
        CoroutineFrame<?> f = frame;
        Object v = awaited;
        Throwable err = failure;
        for (;;) {
            Awaitable<?> command;
            try {
                command = f.resume(v, err);
            } catch (Throwable thrown) {
                if (f == this) {
                    finish(thrown instanceof CancelledException ? CANCELLED : FAILED, thrown);
                    return;
                }
                CoroutineFrame<?> caller = f.link;
                f.finishInline(thrown instanceof CancelledException ? CANCELLED : FAILED, thrown);
                f = caller;
                v = null;
                err = thrown;
                continue;
            }
            if (command == null) {
                if (f == this) {
                    if ((status & MUST_CANCEL) != 0) {
                        // asyncio: cancelled right before the coroutine returned.
                        finish(CANCELLED, takeCancelRequest());
                    } else {
                        finish(DONE, value);
                    }
                    return;
                }
                CoroutineFrame<?> caller = f.link;
                v = f.value;
                err = null;
                f.finishInline(DONE, v);
                f = caller;
                continue;
            }
            Object outcome;
            if (command instanceof CoroutineFrame && (((CoroutineFrame<?>) command).status & PHASE) == NEW) {
                outcome = RUN_INLINE;
                value = command;
            } else {
                try {
                    outcome = command.awaitBegin(this);
                } catch (Throwable thrown) {
                    v = null;
                    err = thrown;
                    continue;
                }
            }
            if (outcome == RUN_INLINE) {
                CoroutineFrame<?> child = (CoroutineFrame<?>) value;
                value = null;
                child.loop = loop;
                child.link = f;
                if ((child.status & MUST_CANCEL) != 0) {
                    // Cancelled before it started: it never runs, its caller sees the cancellation.
                    CancelledException cancelled = child.takeCancelRequest();
                    child.finishInline(CANCELLED, cancelled);
                    v = null;
                    err = cancelled;
                    continue;
                }
                child.status = (child.status & ~PHASE) | INLINE | STARTED;
                f = child;
                v = null;
                err = null;
                continue;
            }
            if (outcome != SUSPENDED) {
                v = outcome;
                err = null;
                continue;
            }
            link = f == this ? null : f;
            if ((status & MUST_CANCEL) != 0 && (status & PHASE) == WAITING) {
                String message = extras == null ? null : extras.cancelMessage;
                if (waitingOn.cancelWait(this, message)) {
                    status &= ~MUST_CANCEL;
                    if (extras != null) {
                        extras.cancelMessage = null;
                    }
                }
            }
            return;
        }
    }

    /**
     * Ends a frame that ran inline: its outcome went to its caller, so a failure counts as
     * retrieved; it keeps the outcome for {@link #result()}.
     */
    private void finishInline(int phase, Object outcome) {
        status |= RETRIEVED;
        finish(phase, outcome);
    }
}
