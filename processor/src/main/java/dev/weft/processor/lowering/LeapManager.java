package dev.weft.processor.lowering;

import dev.weft.processor.model.Trees2;
import com.palantir.javapoet.TypeName;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.YieldTree;
import dev.weft.processor.analysis.Analysis;
import dev.weft.processor.emission.Code;
import dev.weft.processor.emission.Exits;
import dev.weft.processor.emission.Exit;
import dev.weft.processor.emission.Protocol;
import dev.weft.processor.model.LocalVar;
import dev.weft.processor.model.ProcessingFailure;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Where lowered code goes when it leaves a statement: the one place that knows the targets of
 * {@code break} and {@code continue} (loops, switches, labeled statements), the switch
 * expressions {@code yield} gives a value to, the {@code return} of the coroutine, and the
 * lowered {@code finally} blocks each of those passes on its way (regenerator's leap manager).
 * A jump through finally blocks records, in each block's exit field, where to go after it, and
 * starts the innermost one; native code asks it through {@link Exits}.
 */
final class LeapManager implements Exits {
    /** Where break/continue of a lowered statement go. */
    private static final class Target {
        final Tree statement;
        final String label;
        final Machine.Label breakTo;
        final Machine.Label continueTo;
        final int finallyDepth;

        Target(Tree statement, String label, Machine.Label breakTo, Machine.Label continueTo, int finallyDepth) {
            this.statement = statement;
            this.label = label;
            this.breakTo = breakTo;
            this.continueTo = continueTo;
            this.finallyDepth = finallyDepth;
        }
    }

    /** A lowered finally block: where it starts, and the fields that say where it goes on. */
    static final class Finally {
        final Machine.Label start;
        final Machine.Label rethrow;
        final Code exitField;
        final Code exceptionField;

        Finally(Machine.Label start, Machine.Label rethrow, Code exitField, Code exceptionField) {
            this.start = start;
            this.rethrow = rethrow;
            this.exitField = exitField;
            this.exceptionField = exceptionField;
        }
    }

    /** A lowered switch expression that yields into a field. */
    static final class YieldTarget {
        final Tree switchExpression;
        final Code field;
        /** The int field that says which yield stored the value. */
        final Code which;
        final Machine.Label end;
        final int finallyDepth;
        final Map<YieldTree, Integer> indexes = new IdentityHashMap<>();

        YieldTarget(Tree switchExpression, Code field, Code which, Machine.Label end, int finallyDepth) {
            this.switchExpression = switchExpression;
            this.field = field;
            this.which = which;
            this.end = end;
            this.finallyDepth = finallyDepth;
        }

        int indexOf(YieldTree y) {
            return indexes.computeIfAbsent(y, k -> indexes.size());
        }
    }

    private final Machine m;
    private final Temps temps;
    private final Analysis a;
    private final TypeMirror returnType;
    private final Deque<Target> targets = new ArrayDeque<>();
    private final List<Finally> finallies = new ArrayList<>();
    private final Deque<YieldTarget> yields = new ArrayDeque<>();
    private Machine.Label returnLabel;
    private Code returnValueField;

    LeapManager(Machine m, Temps temps, Analysis a, TypeMirror returnType) {
        this.m = m;
        this.temps = temps;
        this.a = a;
        this.returnType = returnType;
    }

    // ------------------------------------------------------------------ targets

    /** Runs {@code body} with {@code statement} as the target of break (and continue, if given). */
    void withTarget(Tree statement, String label, Machine.Label breakTo, Machine.Label continueTo, Runnable body) {
        targets.push(new Target(statement, label, breakTo, continueTo, finallies.size()));
        try {
            body.run();
        } finally {
            targets.pop();
        }
    }

    /** Runs {@code body} with {@code target} taking the yields of its switch expression. */
    void withYieldTarget(YieldTarget target, Runnable body) {
        yields.push(target);
        try {
            body.run();
        } finally {
            yields.pop();
        }
    }

    /** How many lowered finally blocks the code being lowered is inside. */
    int finallyDepth() {
        return finallies.size();
    }

    /** Runs {@code body} inside the try (or a catch) of the lowered finally block {@code f}. */
    void insideFinally(Finally f, Runnable body) {
        finallies.add(f);
        try {
            body.run();
        } finally {
            finallies.remove(finallies.size() - 1);
        }
    }

    // ------------------------------------------------------------------ exits

    /** Goes to {@code target}, running the lowered finally blocks inside {@code targetDepth} first. */
    Exit through(Machine.Label target, int targetDepth, Code setup) {
        Code.Builder b = new Code.Builder().add(setup);
        Machine.Label next = target;
        for (int i = targetDepth; i < finallies.size(); i++) {
            Finally f = finallies.get(i);
            b.add(Code.of(f.exitField, " = ", next, ";\n"));
            next = f.start;
        }
        return m.exitTo(b.build(), next);
    }

    /** Leaves a try or catch block normally: through its finally block {@code fin}, if any, to {@code after}. */
    Exit leaveTry(Finally fin, Machine.Label after) {
        return fin == null ? m.exitTo(Code.EMPTY, after)
                : m.exitTo(Code.of(fin.exitField, " = ", after, ";\n"), fin.start);
    }

    @Override
    public Exit returnFrom(ReturnTree ret, Code value) {
        Code v = value == null ? Code.of("null")
                : converted(ret == null ? null : ret.getExpression(), value);
        if (finallies.isEmpty()) {
            return Exit.direct(Code.of("return ", Protocol.completion(returnType, v), ";"));
        }
        if (returnLabel == null) {
            returnLabel = m.newLabel();
            returnValueField = temps.field("returnValue", Protocol.returnValueType(returnType),
                    "the value returned while finally blocks run");
        }
        return through(returnLabel, 0, Code.of(returnValueField, " = ", v, ";\n"));
    }

    /** Where a return through finally blocks ends: the coroutine completes with the value kept. */
    void finishReturns() {
        if (returnLabel != null) {
            m.start(returnLabel);
            m.line(Code.of("return ", Protocol.completion(returnType, returnValueField), ";"));
            m.terminate();
        }
    }

    /**
     * A primitive result is converted as the method's {@code return} would convert it, before
     * it is boxed: {@code (long) (n)} for an {@code int} in a method returning {@code long}. A
     * literal or a local of the return type needs no cast.
     */
    private Code converted(ExpressionTree returned, Code value) {
        if (!returnType.getKind().isPrimitive() || returned != null && hasReturnType(returned)) {
            return value;
        }
        return Code.of("(", returnType.toString(), ") (", value, ")");
    }

    private boolean hasReturnType(ExpressionTree e) {
        e = Trees2.unparen(e);
        TypeKind kind = returnType.getKind();
        if (e instanceof UnaryTree && (e.getKind() == Tree.Kind.UNARY_MINUS || e.getKind() == Tree.Kind.UNARY_PLUS)) {
            e = Trees2.unparen(((UnaryTree) e).getExpression());
            if (!(e instanceof LiteralTree)) {
                return false;
            }
        }
        if (e instanceof LiteralTree) {
            switch (e.getKind()) {
                case INT_LITERAL:
                    return kind == TypeKind.INT;
                case LONG_LITERAL:
                    return kind == TypeKind.LONG;
                case BOOLEAN_LITERAL:
                    return kind == TypeKind.BOOLEAN;
                default:
                    return false;
            }
        }
        LocalVar v = e instanceof IdentifierTree ? a.references.get(e) : null;
        return v != null && v.primitiveKind() == kind;
    }

    @Override
    public Exit jump(Tree jump, String label, boolean isContinue) {
        for (Target t : targets) {
            boolean matches = label != null ? label.equals(t.label)
                    : isContinue ? t.continueTo != null : !(t.statement instanceof LabeledStatementTree);
            if (matches) {
                Machine.Label to = isContinue ? t.continueTo : t.breakTo;
                if (to == null) {
                    throw new ProcessingFailure(jump, "continue needs a loop");
                }
                return through(to, t.finallyDepth, Code.EMPTY);
            }
        }
        throw new ProcessingFailure(jump, "Weft could not find where this jump goes");
    }

    @Override
    public Exit yieldTo(YieldTree yield, Code value) {
        YieldTarget t = yields.peek();
        if (t == null) {
            throw new ProcessingFailure(yield, "Weft could not find the switch expression of this yield");
        }
        return through(t.end, t.finallyDepth,
                Code.of(t.field, " = ", value, ";\n", t.which, " = ", Integer.toString(t.indexOf(yield)), ";\n"));
    }

    /** The field of the value returned through finally blocks, or {@code null} if there is none. */
    Code returnValueField() {
        return returnValueField;
    }

    /** The type of a value returned through finally blocks. */
    static TypeName returnFieldType(TypeMirror returnType) {
        return Protocol.returnValueType(returnType);
    }
}
