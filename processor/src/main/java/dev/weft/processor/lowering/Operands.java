package dev.weft.processor.lowering;

import dev.weft.processor.model.Trees2;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.util.TreeScanner;
import dev.weft.processor.analysis.Analysis;
import dev.weft.processor.emission.Code;
import dev.weft.processor.emission.Protocol;
import dev.weft.processor.model.LocalVar;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Operands evaluated before a later suspension point: each is kept in a field unless evaluating
 * it again later gives the same value with no observable difference, and converted where Java
 * converts it as soon as it has it (unboxed, so that a {@code null} box throws there).
 */
final class Operands {
    private final Lowerer l;
    private final Analysis a;
    private final Machine m;

    Operands(Lowerer l) {
        this.l = l;
        this.a = l.a;
        this.m = l.m;
    }

    /**
     * Evaluates operands in order; each one evaluated before a later suspension point is kept in
     * a field unless it is stable, so that the suspension cannot change what it evaluated to.
     */
    List<Val> of(List<? extends ExpressionTree> trees) {
        return of(trees, t -> false);
    }

    /**
     * {@link #of(List)}, where {@code unboxedNow} tells the operands Java unboxes as soon as it
     * has evaluated them: an array index or dimension, an element of a primitive array, an
     * argument of a primitive parameter. One of them that may be a {@code null} box is unboxed
     * before a later operand suspends, through {@code unboxed().of(operand)}, so that it throws
     * where Java does; its value does not change.
     */
    List<Val> of(List<? extends ExpressionTree> trees, Predicate<ExpressionTree> unboxedNow) {
        int last = -1;
        for (int i = 0; i < trees.size(); i++) {
            if (a.suspends(trees.get(i))) {
                last = i;
            }
        }
        List<Val> vals = new ArrayList<>();
        for (int i = 0; i < trees.size(); i++) {
            ExpressionTree tree = trees.get(i);
            Val v = l.expressions.value(tree);
            if (i < last) {
                Code converted = unboxedNow.test(tree) && l.boxed.mayBeNullBox(tree) ? Protocol.unboxed(v.code) : null;
                v = keep(v, !v.stable || assignedLater(trees, i), converted);
            }
            vals.add(v);
        }
        return vals;
    }

    /**
     * The left operand {@code v} of an operation whose right operand suspends: kept in a field
     * unless it is stable, and, if it may be a {@code null} box, converted as the operation
     * converts it, through {@code leftOperand(() -> WITNESS).of(v)}.
     */
    Val left(Val v, ExpressionTree left, ExpressionTree right, Code witness) {
        Code converted = l.boxed.mayBeNullBox(left) ? Protocol.leftOperand(witness, v.code) : null;
        return keep(v, !v.stable || assignedLater(List.of(left, right), 0), converted);
    }

    /**
     * A value evaluated before a later suspension: kept in a field if {@code inField}, else read
     * again after it. {@code converted} is its conversion to do now ({@code null}: none); a value
     * read again is converted now only for the effect (a {@code null} box throws).
     */
    private Val keep(Val v, boolean inField, Code converted) {
        if (inField) {
            return spill(converted != null ? converted : v.raw, v);
        }
        if (converted != null) {
            m.line(Code.of(converted, ";"), v.captures);
        }
        return v;
    }

    /** Keeps {@code v} in a field. */
    Val spill(Val v) {
        return spill(v.raw, v);
    }

    /** Keeps {@code code}, the value of {@code v} (perhaps converted), in a field. */
    private Val spill(Code code, Val v) {
        Code field = l.temps.object();
        m.line(Code.of(field, " = ", code, ";"), v.captures);
        return Val.keptIn(field, v.restore);
    }

    /** A value computed from lowered operands, typed again like the original expression. */
    Val composite(ExpressionTree original, Code code, Set<LocalVar> captures) {
        return new Val(code, false, code, restoreWith(original), captures);
    }

    /** {@code restore(() -> WITNESS, field)}; the witness is printed only if a value is kept. */
    Function<Code, Code> restoreWith(ExpressionTree original) {
        return field -> Protocol.restore(l.witness(original), field);
    }

    /** Whether a local read by operand {@code i} is assigned by a later operand before its use. */
    boolean assignedLater(List<? extends ExpressionTree> trees, int i) {
        for (LocalVar v : localsReadBy(trees.get(i))) {
            for (int j = i + 1; j < trees.size(); j++) {
                if (a.assigns(trees.get(j), v)) {
                    return true;
                }
            }
        }
        return false;
    }

    private Set<LocalVar> localsReadBy(Tree tree) {
        Set<LocalVar> found = new LinkedHashSet<>();
        new TreeScanner<Void, Void>() {
            @Override
            public Void visitIdentifier(IdentifierTree node, Void p) {
                LocalVar v = a.references.get(node);
                if (v != null) {
                    found.add(v);
                }
                return null;
            }
        }.scan(tree, null);
        return found;
    }

    /**
     * Whether evaluating {@code e} later gives the same value with no observable difference:
     * literals, {@code this}, class literals, lambdas, and locals (only this coroutine writes its
     * locals; {@link #of} checks that no later operand does).
     */
    boolean isStable(ExpressionTree e) {
        e = Trees2.unparen(e);
        if (e instanceof LiteralTree || e instanceof LambdaExpressionTree || a.constants.isConstant(e)
                || isPrimitiveArithmetic(e)) {
            return true;
        }
        if (e instanceof IdentifierTree) {
            return a.references.get(e) != null || ((IdentifierTree) e).getName().contentEquals("this");
        }
        if (e instanceof MemberSelectTree) {
            MemberSelectTree ms = (MemberSelectTree) e;
            return ms.getIdentifier().contentEquals("class") || ms.getIdentifier().contentEquals("this");
        }
        if (e instanceof MemberReferenceTree) {
            ExpressionTree q = ((MemberReferenceTree) e).getQualifierExpression();
            return !l.expressions.isExpression(q) || isStable(q);
        }
        return false;
    }

    /**
     * Whether {@code e} computes on primitive locals and literals with operators that can neither
     * throw nor have effects ({@code acc * 2}, {@code i + 1 < n}; not {@code /} or {@code %},
     * which may divide by zero): computing it later gives the same value and nothing observes the
     * difference, so it need not be kept across a suspension.
     */
    private boolean isPrimitiveArithmetic(ExpressionTree e) {
        e = Trees2.unparen(e);
        if (e instanceof LiteralTree) {
            return true;
        }
        if (e instanceof IdentifierTree) {
            LocalVar v = a.references.get(e);
            return v != null && v.primitiveKind() != null;
        }
        switch (e.getKind()) {
            case PLUS:
            case MINUS:
            case MULTIPLY:
            case LEFT_SHIFT:
            case RIGHT_SHIFT:
            case UNSIGNED_RIGHT_SHIFT:
            case AND:
            case OR:
            case XOR:
            case CONDITIONAL_AND:
            case CONDITIONAL_OR:
            case LESS_THAN:
            case LESS_THAN_EQUAL:
            case GREATER_THAN:
            case GREATER_THAN_EQUAL:
            case EQUAL_TO:
            case NOT_EQUAL_TO: {
                BinaryTree b = (BinaryTree) e;
                return isPrimitiveArithmetic(b.getLeftOperand()) && isPrimitiveArithmetic(b.getRightOperand());
            }
            case UNARY_PLUS:
            case UNARY_MINUS:
            case BITWISE_COMPLEMENT:
            case LOGICAL_COMPLEMENT:
                return isPrimitiveArithmetic(((UnaryTree) e).getExpression());
            case CONDITIONAL_EXPRESSION: {
                ConditionalExpressionTree c = (ConditionalExpressionTree) e;
                return isPrimitiveArithmetic(c.getCondition()) && isPrimitiveArithmetic(c.getTrueExpression())
                        && isPrimitiveArithmetic(c.getFalseExpression());
            }
            case TYPE_CAST:
                return ((TypeCastTree) e).getType() instanceof PrimitiveTypeTree
                        && isPrimitiveArithmetic(((TypeCastTree) e).getExpression());
            default:
                return false;
        }
    }
}
