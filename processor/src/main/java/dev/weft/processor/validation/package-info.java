/**
 * Whether Weft can compile each coroutine, decided for every coroutine of a round before any is
 * lowered (Dagger's validation report): the class that declares it and its declaration
 * ({@link dev.weft.processor.validation.DeclarationChecks}), and, on the analyzed body, every
 * name the generated class must reach, {@code this} and {@code super} where the state machine
 * has none, enclosing instances it cannot reach, and constructs it cannot lower
 * ({@link dev.weft.processor.validation.Validator}). Each problem is reported once, at the
 * user's code, saying what to do; a coroutine with a problem is not lowered.
 */
package dev.weft.processor.validation;
