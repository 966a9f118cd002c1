package dev.weft;

/**
 * The second part of the support of generated state machines (see {@link GeneratedFrame}): an
 * operand kept in a field across the suspension of the operand after it is converted where Java
 * converts it ({@code leftOperand}, {@code unboxed}), so that {@code a + await(b)} computes what
 * it computes in plain Java. Only generated code uses this class.
 *
 * @param <T> the coroutine's result type (boxed; {@link Void} for {@code void} methods)
 */
public abstract class OperandFrame<T> extends TypingFrame<T> {
    /** For {@link GeneratedFrame}. */
    OperandFrame() {
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
}
