package dev.weft.processor.lowering;

import dev.weft.processor.model.Trees2;
import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import dev.weft.processor.analysis.Analysis;
import dev.weft.processor.emission.Code;
import dev.weft.processor.emission.Operators;
import dev.weft.processor.emission.Protocol;
import dev.weft.processor.model.LocalVar;
import dev.weft.processor.emission.CodePrinter;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lowers assignments, compound assignments and increments whose parts suspend: the variable's
 * parts (receiver, array, index) are evaluated first, in Java's order, and a compound assignment
 * reads the variable before its right side runs.
 */
final class Assignments {
    private final Lowerer l;
    private final Analysis a;
    private final Operands operands;

    Assignments(Lowerer l, Operands operands) {
        this.l = l;
        this.a = l.a;
        this.operands = operands;
    }

    Val assignment(AssignmentTree as) {
        ExpressionTree target = Trees2.unparen(as.getVariable());
        List<ExpressionTree> trees = new ArrayList<>(variableParts(target));
        trees.add(as.getExpression());
        // an array index is unboxed before the right side is evaluated
        ExpressionTree index = target instanceof ArrayAccessTree ? ((ArrayAccessTree) target).getIndex() : null;
        List<Val> vals = operands.of(trees, t -> t == index);
        Code variable = variableCode(target, vals);
        Val rhs = vals.get(vals.size() - 1);
        Code store = variablePrinter(target, vals.subList(0, vals.size() - 1))
                .privateStore(target, rhs.code, as.getExpression());
        return operands.composite(as, store != null ? store : Code.of(variable, " = ", rhs.code), Lowerer.union(vals));
    }

    /**
     * {@code v op= e}: Java reads the variable before it evaluates {@code e}, so when {@code e}
     * suspends the old value is kept, and the store converts {@code old op e} to the variable's
     * type as the compound assignment would.
     */
    Val compoundAssignment(CompoundAssignmentTree ca) {
        ExpressionTree target = Trees2.unparen(ca.getVariable());
        String op = Operators.binaryOf(ca.getKind());
        LocalVar local = a.references.get(target);
        boolean rhsSuspends = a.suspends(ca.getExpression());
        // The value read from the variable is converted (unboxed) as in v = (T) (v op e) before e runs.
        Code witness = Code.of(l.witness(target), " ", op, " (", l.witness(ca.getExpression()), ")");
        if (local != null && !a.assigns(ca.getExpression(), local)) {
            // Only this coroutine writes its locals, and e does not: reading it after e is the same.
            if (rhsSuspends) {
                operands.left(l.expressions.value(target), target, ca.getExpression(), witness);
            }
            Val rhs = l.expressions.value(ca.getExpression());
            return operands.composite(ca, Code.of(local.emittedName, " ", Operators.symbol(ca.getKind()), " ", rhs.code),
                    rhs.captures);
        }
        List<Val> vals = new ArrayList<>();
        for (ExpressionTree part : variableParts(target)) {
            Val v = l.expressions.value(part);
            vals.add(v.stable ? v : operands.spill(v));
        }
        Code variable = variableCode(target, vals);
        Code w = l.witness(target);
        Val old = new Val(variable, false, variable, field -> Protocol.restore(w, field), Lowerer.union(vals));
        old = rhsSuspends ? operands.left(old, target, ca.getExpression(), witness) : operands.spill(old);
        Val rhs = l.expressions.value(ca.getExpression());
        Code value = Protocol.restore(w,
                Code.of("(", Protocol.lang("Object"), ") (", old.code, " ", op, " (", rhs.code, "))"));
        Code store = variablePrinter(target, vals).privateStore(target, value, null);
        if (store == null) {
            store = Code.of(variable, " = ", value);
        }
        return operands.composite(ca, store, Lowerer.union(Lowerer.union(vals), rhs.captures));
    }

    Val increment(UnaryTree u) {
        ExpressionTree target = Trees2.unparen(u.getExpression());
        List<Val> vals = operands.of(variableParts(target));
        Code variable = variableCode(target, vals);
        String op = Operators.symbol(u.getKind());
        Code accessor = variablePrinter(target, vals).privateIncrement(target, u.getKind());
        if (accessor != null) {
            return operands.composite(u, accessor, Lowerer.union(vals));
        }
        boolean postfix = u.getKind() == Tree.Kind.POSTFIX_INCREMENT || u.getKind() == Tree.Kind.POSTFIX_DECREMENT;
        return operands.composite(u, postfix ? Code.of(variable, op) : Code.of(op, variable), Lowerer.union(vals));
    }

    /** The subexpressions a variable evaluates before it is read or written: receiver, array, index. */
    private List<ExpressionTree> variableParts(ExpressionTree target) {
        if (target instanceof ArrayAccessTree) {
            ArrayAccessTree aa = (ArrayAccessTree) target;
            return List.of(aa.getExpression(), aa.getIndex());
        }
        if (target instanceof MemberSelectTree && l.expressions.isExpression(((MemberSelectTree) target).getExpression())) {
            return List.of(((MemberSelectTree) target).getExpression());
        }
        return List.of();
    }

    /** A printer of {@code target} whose evaluated parts are replaced by their lowered code. */
    private CodePrinter variablePrinter(ExpressionTree target, List<Val> parts) {
        Map<Tree, Code> r = new IdentityHashMap<>();
        if (target instanceof MemberSelectTree && !parts.isEmpty()) {
            r.put(((MemberSelectTree) target).getExpression(), parts.get(0).code);
        }
        return l.printer(r);
    }

    private Code variableCode(ExpressionTree target, List<Val> parts) {
        if (target instanceof ArrayAccessTree) {
            return Code.of(parts.get(0).code, "[", parts.get(1).code, "]");
        }
        if (target instanceof MemberSelectTree && l.expressions.isExpression(((MemberSelectTree) target).getExpression())) {
            return l.expressions.select((MemberSelectTree) target, parts.get(0).code);
        }
        return l.printer(Map.of()).expression(target);
    }
}
