package dev.weft.processor.lowering;

import dev.weft.processor.model.OwnCodeScanner;
import com.palantir.javapoet.TypeName;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.YieldTree;
import dev.weft.processor.analysis.Analysis;
import dev.weft.processor.emission.Code;
import dev.weft.processor.emission.CodePrinter;
import dev.weft.processor.emission.Protocol;
import dev.weft.processor.model.ProcessingFailure;
import dev.weft.processor.model.Trees2;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lowers switch statements and switch expressions whose cases suspend: a native switch on the
 * selector dispatches to the states of the case bodies. A switch expression's yields store their
 * values, and the expression is then written again over the kept selector, each case giving back
 * what it yielded, so that javac types it in its context as it typed the original.
 */
final class SwitchLowering {
    private final Lowerer l;
    private final Analysis a;
    private final Machine m;

    SwitchLowering(Lowerer l) {
        this.l = l;
        this.a = l.a;
        this.m = l.m;
    }

    void switchStatement(SwitchTree s, String label) {
        Val selector = l.expressions.value(Trees2.unparen(s.getExpression()));
        if (!casesSuspend(s.getCases())) {
            Map<Tree, Code> r = new IdentityHashMap<>();
            r.put(Trees2.unparen(s.getExpression()), selector.code);
            l.statements.emitNativeWith(s, r, selector.captures);
            return;
        }
        Machine.Label end = m.newLabel();
        List<Machine.Label> bodies = dispatch(s.getCases(), selector, end, false);
        l.leaps.withTarget(s, label, end, null, () -> caseBodies(s.getCases(), bodies, end, null, null));
        m.start(end);
    }

    private boolean casesSuspend(List<? extends CaseTree> cases) {
        for (CaseTree c : cases) {
            if (a.suspends(c)) {
                return true;
            }
        }
        return false;
    }

    /** Emits the dispatching native switch; returns the label of each case's body. */
    private List<Machine.Label> dispatch(List<? extends CaseTree> cases, Val selector, Machine.Label end,
            boolean exhaustiveExpression) {
        List<Machine.Label> bodies = new ArrayList<>();
        List<Code> arms = new ArrayList<>();
        boolean hasDefault = false;
        CodePrinter p = l.printer(Map.of());
        for (CaseTree c : cases) {
            if (Trees2.hasPatternLabel(c)) {
                throw new ProcessingFailure(c, "Weft cannot compile a switch with pattern labels that suspends yet;"
                        + " use if/instanceof instead");
            }
            Machine.Label body = m.newLabel();
            bodies.add(body);
            hasDefault |= Trees2.isDefault(c);
            arms.add(Code.of(caseHead(p, c), ": ", m.jumpCode(body)));
        }
        if (!hasDefault) {
            arms.add(Code.of("default: ", exhaustiveExpression
                    ? Code.of("throw new ", Protocol.lang("IncompatibleClassChangeError"), "();") : m.jumpCode(end)));
        }
        m.line(Code.block(Code.of("switch (", selector.code, ")"), Code.join("\n", arms)), selector.captures);
        m.terminate();
        return bodies;
    }

    /** {@code case A, B}, {@code default} or {@code case A, default}. */
    private static Code caseHead(CodePrinter p, CaseTree c) {
        if (Trees2.isDefault(c) && c.getExpressions().isEmpty()) {
            return Code.of("default");
        }
        return Code.of("case ", caseLabels(p, c), Trees2.isDefault(c) ? ", default" : "");
    }

    private static Code caseLabels(CodePrinter p, CaseTree c) {
        List<Code> labels = new ArrayList<>();
        for (ExpressionTree label : c.getExpressions()) {
            labels.add(p.caseLabelText(label));
        }
        return Code.join(", ", labels);
    }

    /** The bodies of the cases of a lowered switch; old-style groups fall through in order. */
    private void caseBodies(List<? extends CaseTree> cases, List<Machine.Label> bodies, Machine.Label end,
            LeapManager.YieldTarget yieldTarget, Map<CaseTree, Code> armValues) {
        for (int i = 0; i < cases.size(); i++) {
            CaseTree c = cases.get(i);
            m.start(bodies.get(i));
            if (c.getCaseKind() == CaseTree.CaseKind.RULE) {
                Tree body = c.getBody();
                if (body instanceof ExpressionTree) {
                    m.comment(l.source.describe(body), l.source.line(body));
                    if (yieldTarget == null) {
                        l.statements.expressionStatement((ExpressionTree) body);
                    } else if (a.suspends(body)) {
                        // evaluated now; the final switch expression reads the value back
                        Val v = l.expressions.value((ExpressionTree) body);
                        m.line(Code.of(yieldTarget.field, " = ", v.raw, ";"), v.captures);
                        armValues.put(c, v.restore.apply(yieldTarget.field));
                    }
                    // an arm without suspension is evaluated by the final switch expression
                } else {
                    l.statements.statement((StatementTree) body);
                }
                if (m.reachable()) {
                    m.jump(end);
                }
            } else {
                l.statements.statements(c.getStatements());
                if (m.reachable()) {
                    m.jump(i + 1 < cases.size() ? bodies.get(i + 1) : end);
                }
            }
        }
    }

    /**
     * A switch expression whose cases suspend. The cases run as states, each yield storing its
     * value and its number; then the switch expression is written again over the kept selector,
     * each case giving back the value it yielded, so that javac types the expression in its
     * context as it typed the original.
     */
    Val switchExpression(SwitchExpressionTree s) {
        Operands operands = l.operands;
        Val selector = l.expressions.value(Trees2.unparen(s.getExpression()));
        if (!casesSuspend(s.getCases())) {
            Map<Tree, Code> r = new IdentityHashMap<>();
            r.put(Trees2.unparen(s.getExpression()), selector.code);
            CodePrinter p = l.printer(r);
            Code code = p.expression(s);
            return new Val(code, false, code, operands.restoreWith(s), Lowerer.union(selector.captures, p.captures()));
        }
        Val kept = selector.stable ? selector : operands.spill(selector);
        Code field = l.temps.object();
        Code which = l.temps.field("yielded" + l.temps.next("yielded"), TypeName.INT,
                "which yield of a switch expression gave its value");
        Machine.Label end = m.newLabel();
        List<Machine.Label> bodies = dispatch(s.getCases(), kept, end, true);
        LeapManager.YieldTarget target = new LeapManager.YieldTarget(s, field, which, end, l.leaps.finallyDepth());
        Map<CaseTree, Code> armValues = new IdentityHashMap<>();
        l.leaps.withYieldTarget(target, () -> caseBodies(s.getCases(), bodies, end, target, armValues));
        m.start(end);
        CodePrinter p = l.printer(Map.of());
        List<Code> arms = new ArrayList<>();
        for (CaseTree c : s.getCases()) {
            Code value;
            Code armValue = armValues.get(c);
            if (armValue != null) {
                value = Code.of(armValue, ";");
            } else if (c.getCaseKind() == CaseTree.CaseKind.RULE && c.getBody() instanceof ExpressionTree) {
                value = Code.of(p.expression(c.getBody()), ";");
            } else {
                // A colon-form group may fall through into later groups and yield there.
                boolean colonForm = c.getCaseKind() == CaseTree.CaseKind.STATEMENT;
                value = yieldedValues(colonForm ? s : c, target, operands);
            }
            arms.add(Code.of(caseHead(p, c), " -> ", value));
        }
        Code code = Code.block(Code.of("switch (", kept.code, ")"), Code.join("\n", arms));
        return new Val(code, false, code, operands.restoreWith(s), p.captures());
    }

    /** The case of a final switch expression that gives back what the yields in {@code scope} stored. */
    private Code yieldedValues(Tree scope, LeapManager.YieldTarget target, Operands operands) {
        List<Code> cases = new ArrayList<>();
        for (YieldTree y : yieldsOf(scope, target.switchExpression)) {
            Integer k = target.indexes.get(y);
            if (k == null) {
                continue;
            }
            // A constant is written as it is: a witness of a constant int would fit short, char and
            // byte alike and make restore(...) ambiguous; evaluating a constant again changes nothing.
            Code value = a.constants.isConstant(y.getValue()) ? l.printer(Map.of()).expression(y.getValue())
                    : operands.restoreWith(y.getValue()).apply(target.field);
            cases.add(Code.of("case ", Integer.toString(k), ": yield ", value, ";"));
        }
        cases.add(Code.of("default: throw new ", Protocol.lang("IllegalStateException"), "(\"no yield numbered \" + ",
                target.which, ");"));
        return Code.braces(Code.block(Code.of("switch (", target.which, ")"), Code.join("\n", cases)));
    }

    /** The yields in {@code scope} that belong to {@code switchExpression} (not to a nested one). */
    private static List<YieldTree> yieldsOf(Tree scope, Tree switchExpression) {
        List<YieldTree> found = new ArrayList<>();
        new OwnCodeScanner<Void, Void>() {
            @Override
            public Void visitYield(YieldTree node, Void p) {
                found.add(node);
                return null;
            }

            @Override
            public Void visitSwitchExpression(SwitchExpressionTree node, Void p) {
                return node == switchExpression ? super.visitSwitchExpression(node, p) : null;
            }
        }.scan(scope, null);
        return found;
    }
}
