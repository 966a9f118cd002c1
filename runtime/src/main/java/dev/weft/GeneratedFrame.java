package dev.weft;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The superclass of the state machines the Weft processor generates, with the helpers that only
 * generated code calls. Users hold coroutine objects as {@link CoroutineFrame}s and never need
 * this class.
 *
 * <p>Its helpers come in three parts, one class each: {@link TypingFrame} keeps javac's typing of
 * the user's expressions across suspension points (witnesses), {@link OperandFrame} converts
 * operands kept across them, and this class walks an enhanced {@code for} whose body suspends
 * ({@code forEach}) and joins the parts of a machine split across methods
 * ({@code continueMachine}).
 *
 * @param <T> the coroutine's result type (boxed; {@link Void} for {@code void} methods)
 */
public abstract class GeneratedFrame<T> extends OperandFrame<T> {
    /** For generated subclasses. */
    protected GeneratedFrame() {
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
