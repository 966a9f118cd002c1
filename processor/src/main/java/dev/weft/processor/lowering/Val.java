package dev.weft.processor.lowering;

import dev.weft.processor.emission.Code;
import dev.weft.processor.model.LocalVar;
import java.util.Set;
import java.util.function.Function;

/** A value computed by lowered code: an expression valid in the current state. */
final class Val {
    final Code code;
    /** Safe to evaluate later instead of now: nothing can change it or observe the delay. */
    final boolean stable;
    /** What to store in a field to keep the value across a suspension. */
    final Code raw;
    /** The typed expression for a value kept in the given field. */
    final Function<Code, Code> restore;
    /** Hoisted locals that lambda or class bodies in the code read: they need snapshots. */
    final Set<LocalVar> captures;

    Val(Code code, boolean stable, Code raw, Function<Code, Code> restore, Set<LocalVar> captures) {
        this.code = code;
        this.stable = stable;
        this.raw = raw;
        this.restore = restore;
        this.captures = captures;
    }

    /** The value kept in {@code field}: stable, typed again by {@code restore}. */
    static Val keptIn(Code field, Function<Code, Code> restore) {
        return new Val(restore.apply(field), true, field, restore, Set.of());
    }
}
