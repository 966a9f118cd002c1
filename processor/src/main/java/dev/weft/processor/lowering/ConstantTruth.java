package dev.weft.processor.lowering;

import dev.weft.processor.model.Trees2;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreeScanner;
import dev.weft.processor.analysis.Analysis;
import dev.weft.processor.analysis.Reachability;
import dev.weft.processor.model.LocalVar;
import dev.weft.processor.resolution.Member;
import dev.weft.processor.resolution.NameResolver;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.VariableElement;

/**
 * Whether a loop condition is the constant {@code true} in generated code, for reachability
 * (JLS 14.22): literal {@code true} is; an expression that is not a constant expression (it reads
 * a variable, calls a method...) is not; a constant expression the processor does not evaluate
 * may be.
 */
final class ConstantTruth {
    private final Analysis a;
    private final NameResolver resolver;

    ConstantTruth(Analysis a, NameResolver resolver) {
        this.a = a;
        this.resolver = resolver;
    }

    Reachability.Completion of(ExpressionTree condition) {
        ExpressionTree c = Trees2.unparen(condition);
        if (Reachability.isLiteralTrue(c)) {
            return Reachability.Completion.YES;
        }
        if (c instanceof IdentifierTree && a.references.get(c) == null) {
            Member f = resolver.resolveField(((IdentifierTree) c).getName().toString());
            if (f != null) {
                Object value = f.elements.get(0) instanceof VariableElement
                        ? ((VariableElement) f.elements.get(0)).getConstantValue() : null;
                return Boolean.TRUE.equals(value) ? Reachability.Completion.YES : Reachability.Completion.NO;
            }
        }
        return mayBeConstant(c) ? Reachability.Completion.MAYBE : Reachability.Completion.NO;
    }

    /**
     * Whether {@code e} may be a constant expression in the generated code: made of literals,
     * operators, constant fields, constant locals (a hoisted one is a constant of the frame) and
     * final locals that stay locals (other hoisted ones are fields, never constants there). A
     * method call, an allocation or a plain variable makes it no constant.
     */
    private boolean mayBeConstant(ExpressionTree e) {
        e = Trees2.unparen(e);
        if (e instanceof LiteralTree) {
            return true;
        }
        if (e instanceof IdentifierTree) {
            LocalVar v = a.references.get(e);
            if (v != null) {
                return v.constant || !v.hoisted && v.declaration instanceof VariableTree
                        && ((VariableTree) v.declaration).getModifiers().getFlags().contains(Modifier.FINAL);
            }
            return a.constants.isConstant(e) || resolver.resolveField(((IdentifierTree) e).getName().toString()) == null;
        }
        if (e instanceof MemberSelectTree) {
            return a.constants.isConstant(e);
        }
        if (e instanceof BinaryTree) {
            return mayBeConstant(((BinaryTree) e).getLeftOperand()) && mayBeConstant(((BinaryTree) e).getRightOperand());
        }
        if (e instanceof UnaryTree) {
            return mayBeConstant(((UnaryTree) e).getExpression()) && !containsCallOrAllocation(e);
        }
        if (e instanceof ConditionalExpressionTree) {
            ConditionalExpressionTree c = (ConditionalExpressionTree) e;
            return mayBeConstant(c.getCondition()) && mayBeConstant(c.getTrueExpression())
                    && mayBeConstant(c.getFalseExpression());
        }
        if (e instanceof TypeCastTree) {
            return mayBeConstant(((TypeCastTree) e).getExpression());
        }
        return false;
    }

    /** Whether {@code e} calls, allocates, assigns or tests types: then it is no constant. */
    private static boolean containsCallOrAllocation(ExpressionTree e) {
        boolean[] found = {false};
        new TreeScanner<Void, Void>() {
            @Override
            public Void scan(Tree tree, Void p) {
                if (tree != null) {
                    switch (tree.getKind()) {
                        case METHOD_INVOCATION:
                        case NEW_CLASS:
                        case INSTANCE_OF:
                        case ASSIGNMENT:
                            found[0] = true;
                            return null;
                        default:
                            break;
                    }
                }
                return super.scan(tree, p);
            }
        }.scan(e, null);
        return found[0];
    }
}
