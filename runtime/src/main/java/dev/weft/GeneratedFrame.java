package dev.weft;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletionStage;

/**
 * The superclass of the state machines the Weft processor generates, with the helpers that only
 * generated code calls. Users hold coroutine objects as {@link CoroutineFrame}s and never need
 * this class.
 *
 * <p>The helpers keep javac's own typing of the user's expressions across suspension points
 * without the processor knowing those types: the processor passes a <em>witness</em>, an
 * expression javac types but the program never evaluates ({@code restore(() -> EXPR, kept)},
 * {@code resultOf(false ? await(x) : null, awaited)}). Others convert a kept operand where Java
 * converts it ({@code leftOperand}, {@code unboxed}), walk an enhanced {@code for} whose body
 * suspends ({@code forEach}), give an awaited expression the type of its context
 * ({@code targeted}), and join the parts of a machine split across methods
 * ({@code continueMachine}).
 *
 * @param <T> the coroutine's result type (boxed; {@link Void} for {@code void} methods)
 */
public abstract class GeneratedFrame<T> extends CoroutineFrame<T> {
    /** For generated subclasses. */
    protected GeneratedFrame() {
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
}
