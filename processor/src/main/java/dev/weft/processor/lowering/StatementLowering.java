package dev.weft.processor.lowering;

import dev.weft.processor.model.Trees2;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.tree.YieldTree;
import dev.weft.processor.analysis.Analysis;
import dev.weft.processor.analysis.Reachability;
import dev.weft.processor.emission.Code;
import dev.weft.processor.emission.CodePrinter;
import dev.weft.processor.emission.Deferral;
import dev.weft.processor.emission.Protocol;
import dev.weft.processor.model.LocalVar;
import dev.weft.processor.model.ProcessingFailure;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lowers statements: a statement without a suspension point is printed natively; one with a
 * suspension point becomes states (locals, expression statements, {@code if}, the loops, labeled
 * statements, {@code return}, {@code throw}, {@code yield}; switches and tries have their own
 * classes).
 */
final class StatementLowering {
    private final Lowerer l;
    private final Analysis a;
    private final Machine m;
    /** The labeled statement whose loop or switch is being lowered, if any. */
    private LabeledStatementTree labeledStatement;

    StatementLowering(Lowerer l) {
        this.l = l;
        this.a = l.a;
        this.m = l.m;
    }

    void statements(List<? extends StatementTree> statements) {
        for (StatementTree s : statements) {
            if (!m.reachable()) {
                // Java rejects unreachable statements, so only empty ones can follow here.
                break;
            }
            statement(s);
        }
    }

    void statement(StatementTree s) {
        long mark = l.temps.mark();
        try {
            if (!(s instanceof BlockTree) && !(s instanceof LabeledStatementTree)) {
                m.comment(l.source.describe(s), l.source.line(s));
            }
            if (!a.suspends(s)) {
                nativeStatement(s);
                return;
            }
            lowerStatement(s, null);
        } finally {
            l.temps.release(mark);
        }
    }

    /** A statement without a suspension point, printed as written. */
    private void nativeStatement(StatementTree s) {
        if (s.getKind() == Tree.Kind.EMPTY_STATEMENT) {
            return;
        }
        if (s instanceof VariableTree) {
            VariableTree v = (VariableTree) s;
            LocalVar local = a.declarations.get(v);
            if (local != null && local.hoisted) {
                // a constant is a static final field of the frame, initialized there
                if (v.getInitializer() != null && !local.constant) {
                    Val init = l.expressions.initializerValue(v);
                    m.line(Code.of(local.emittedName, " = ", init.code, ";"), init.captures);
                }
                return;
            }
        }
        emitNative(s, Map.of(), Set.of());
    }

    /**
     * Prints {@code s} natively, some subtrees replaced by lowered code, and ends the state if
     * {@code s} cannot complete normally. Jumps that leave it through a native finally block are
     * deferred to after it (see {@link Deferral}).
     */
    void emitNative(StatementTree s, Map<Tree, Code> replacements, Set<LocalVar> captures) {
        Deferral deferral = new Deferral(m.machineLabel, a.names.fresh("jumpTo"),
                a.names.fresh("leave"));
        CodePrinter p = l.printer(replacements).deferring(deferral);
        Code code = p.statement(s);
        Reachability.Completion completes = l.reachability.canCompleteNormally(s);
        if (completes == Reachability.Completion.MAYBE) {
            // The statement may loop forever by a constant javac knows and the processor cannot
            // evaluate; "if (true)" keeps what follows reachable either way.
            code = Code.block("if (true)", code);
        }
        if (deferral.used) {
            code = deferred(deferral, code, completes == Reachability.Completion.NO);
        }
        m.line(code, Lowerer.union(captures, p.captures()));
        if (completes == Reachability.Completion.NO) {
            m.terminate();
        }
    }

    /**
     * {@code int jumpTo = -1; leave: { CODE } if (jumpTo >= 0) goto jumpTo}: native code whose
     * jumps were deferred until its finally blocks have run. If the code cannot end normally,
     * reaching its end means a jump was taken.
     */
    Code deferred(Deferral d, Code code, boolean onlyByJump) {
        Code go = Code.of(Protocol.STATE, " = ", d.variable, "; continue ", m.machineLabel, ";");
        return Code.of("int ", d.variable, " = -1;\n", Code.block(d.label + ":", code), "\n",
                onlyByJump ? go : Code.block("if (" + d.variable + " >= 0)", go));
    }

    void block(BlockTree b) {
        statements(b.getStatements());
        if (m.reachable()) {
            release(b.getStatements());
        }
    }

    /**
     * Where the scope of the locals that {@code declarations} declare ends: the fields that kept
     * those of a reference type across suspensions let go of their objects, which a plain Java
     * local would no longer keep alive either (a suspended frame does not hold dead objects).
     * Called at the end of a block when it is reached, and where a loop exits (breaks too).
     */
    private void release(List<? extends Tree> declarations) {
        for (Tree d : declarations) {
            if (d instanceof VariableTree) {
                LocalVar v = a.declarations.get(d);
                if (v != null && v.hoisted && !v.constant && v.primitiveKind() == null) {
                    // (qualified: a lambda's snapshot of the local may have its name here)
                    m.line(Code.of("this.", v.emittedName, " = null;"));
                }
            }
        }
    }

    /** The locals a loop's body block declares at its top, released where the loop exits. */
    private static List<? extends StatementTree> bodyDeclarations(StatementTree body) {
        return body instanceof BlockTree ? ((BlockTree) body).getStatements() : List.of();
    }

    /**
     * The body of a lowered if, loop, catch or finally: a block's statements are emitted without
     * their braces, since nothing else in the state follows them but a jump.
     */
    void body(StatementTree s) {
        if (s instanceof BlockTree) {
            block((BlockTree) s);
        } else {
            statement(s);
        }
    }

    private void lowerStatement(StatementTree s, String label) {
        switch (s.getKind()) {
            case BLOCK:
                block((BlockTree) s);
                return;
            case VARIABLE:
                localVariable((VariableTree) s);
                return;
            case EXPRESSION_STATEMENT:
                expressionStatement(((ExpressionStatementTree) s).getExpression());
                return;
            case IF:
                ifStatement((IfTree) s);
                return;
            case WHILE_LOOP:
                whileLoop((WhileLoopTree) s, label);
                return;
            case DO_WHILE_LOOP:
                doWhileLoop((DoWhileLoopTree) s, label);
                return;
            case FOR_LOOP:
                forLoop((ForLoopTree) s, label);
                return;
            case ENHANCED_FOR_LOOP:
                enhancedFor((EnhancedForLoopTree) s, label);
                return;
            case LABELED_STATEMENT:
                labeled((LabeledStatementTree) s);
                return;
            case SWITCH:
                l.switches.switchStatement((SwitchTree) s, label);
                return;
            case TRY:
                l.tries.tryStatement((TryTree) s);
                return;
            case RETURN: {
                ReturnTree r = (ReturnTree) s;
                Val v = l.expressions.value(r.getExpression());
                m.line(l.leaps.returnFrom(r, v.code).code(), v.captures);
                m.terminate();
                return;
            }
            case THROW: {
                Val v = l.expressions.value(((ThrowTree) s).getExpression());
                m.line(Code.of("throw ", v.code, ";"), v.captures);
                m.terminate();
                return;
            }
            case YIELD: {
                YieldTree y = (YieldTree) s;
                Val v = l.expressions.value(y.getValue());
                m.line(l.leaps.yieldTo(y, v.code).code(), v.captures);
                m.terminate();
                return;
            }
            case SYNCHRONIZED:
                throw new ProcessingFailure(a.firstSuspensionIn(s), "Weft cannot suspend in the lock expression of a"
                        + " synchronized statement; await into a local variable first and synchronize on that");
            default:
                MethodInvocationTree first = a.firstSuspensionIn(s);
                throw new ProcessingFailure(first != null ? first : s, "Weft cannot suspend inside a "
                        + s.getKind().toString().toLowerCase().replace('_', ' ') + " statement yet");
        }
    }

    private void localVariable(VariableTree v) {
        LocalVar local = a.declarations.get(v);
        Val init = l.expressions.castIfAwaitedIntoReference(v.getInitializer(), local);
        if (init == null) {
            init = l.expressions.initializerValue(v);
        }
        if (local.hoisted) {
            m.line(Code.of(local.emittedName, " = ", init.code, ";"), init.captures);
        } else {
            Map<Tree, Code> r = new IdentityHashMap<>();
            r.put(v.getInitializer(), init.code);
            CodePrinter p = l.printer(r);
            Code code = p.statement(v);
            m.line(code, Lowerer.union(init.captures, p.captures()));
        }
    }

    void expressionStatement(ExpressionTree e) {
        ExpressionTree inner = Trees2.unparen(e);
        if (inner instanceof MethodInvocationTree && a.suspensions.containsKey(inner)) {
            // The value of a suspension used as a statement is dropped.
            l.expressions.suspend(a.suspensions.get(inner));
            return;
        }
        Val v = l.expressions.value(e);
        m.line(Code.of(v.code, ";"), v.captures);
    }

    private void ifStatement(IfTree s) {
        Val cond = l.expressions.value(Trees2.unparen(s.getCondition()));
        if (!a.suspends(s.getThenStatement()) && !a.suspends(s.getElseStatement())) {
            Map<Tree, Code> r = new IdentityHashMap<>();
            r.put(Trees2.unparen(s.getCondition()), cond.code);
            emitNativeWith(s, r, cond.captures);
            return;
        }
        Machine.Label otherwise = m.newLabel();
        Machine.Label end = s.getElseStatement() == null ? otherwise : m.newLabel();
        m.jumpUnless(cond.code, otherwise, cond.captures);
        body(s.getThenStatement());
        if (s.getElseStatement() != null) {
            if (m.reachable()) {
                m.jump(end);
            }
            m.start(otherwise);
            body(s.getElseStatement());
        }
        m.start(end);
    }

    /**
     * A loop or switch printed natively once its suspending expression is lowered; with its label
     * if it has one, so that its own labeled jumps stay native.
     */
    void emitNativeWith(StatementTree s, Map<Tree, Code> replacements, Set<LocalVar> captures) {
        LabeledStatementTree labeled = labeledStatement != null && labeledStatement.getStatement() == s
                ? labeledStatement : null;
        emitNative(labeled != null ? labeled : s, replacements, captures);
    }

    private void whileLoop(WhileLoopTree s, String label) {
        Machine.Label top = m.newLabel();
        Machine.Label end = m.newLabel();
        m.start(top);
        Val cond = l.expressions.value(Trees2.unparen(s.getCondition()));
        if (!Reachability.isLiteralTrue(s.getCondition())) {
            m.jumpUnless(cond.code, end, cond.captures);
        }
        loopBody(s, label, s.getStatement(), end, top);
        if (m.reachable()) {
            m.jump(top);
        }
        m.start(end);
        release(bodyDeclarations(s.getStatement()));
    }

    private void doWhileLoop(DoWhileLoopTree s, String label) {
        Machine.Label body = m.newLabel();
        Machine.Label cond = m.newLabel();
        Machine.Label end = m.newLabel();
        m.start(body);
        loopBody(s, label, s.getStatement(), end, cond);
        m.start(cond);
        Val c = l.expressions.value(Trees2.unparen(s.getCondition()));
        m.line(Code.block(Code.of("if (", c.code, ")"), m.jumpCode(body)), c.captures);
        m.jump(end);
        m.start(end);
        release(bodyDeclarations(s.getStatement()));
    }

    private void forLoop(ForLoopTree s, String label) {
        for (StatementTree init : s.getInitializer()) {
            statement(init);
        }
        Machine.Label top = m.newLabel();
        Machine.Label update = m.newLabel();
        Machine.Label end = m.newLabel();
        m.start(top);
        if (s.getCondition() != null && !Reachability.isLiteralTrue(s.getCondition())) {
            Val cond = l.expressions.value(s.getCondition());
            m.jumpUnless(cond.code, end, cond.captures);
        }
        loopBody(s, label, s.getStatement(), end, update);
        m.start(update);
        for (ExpressionStatementTree u : s.getUpdate()) {
            statement(u);
        }
        m.jump(top);
        m.start(end);
        release(s.getInitializer());
        release(bodyDeclarations(s.getStatement()));
    }

    private void enhancedFor(EnhancedForLoopTree s, String label) {
        Val iterable = l.expressions.value(s.getExpression());
        if (!a.suspends(s.getStatement())) {
            Map<Tree, Code> r = new IdentityHashMap<>();
            r.put(s.getExpression(), iterable.code);
            emitNativeWith(s, r, iterable.captures);
            return;
        }
        Code cursor = l.temps.field("cursor" + l.temps.next("cursor"), Protocol.FOR_EACH,
                "the cursor of the for loop at " + l.source.position(s));
        m.line(Code.of(cursor, " = ", Protocol.forEach(iterable.code), ";"), iterable.captures);
        Machine.Label next = m.newLabel();
        Machine.Label end = m.newLabel();
        m.start(next);
        m.line(Code.block(Code.of("if (!", cursor, ".hasNext())"), m.jumpCode(end)));
        LocalVar v = a.declarations.get(s.getVariable());
        Code element = Protocol.nextElement(l.witness(s.getExpression()), cursor);
        if (v.hoisted) {
            m.line(Code.of(v.emittedName, " = ", element, ";"));
        } else {
            // an unnamed variable: declared, so that the element converts to its type as in Java
            m.line(Code.of(l.printer(Map.of()).declaration(s.getVariable()), " = ", element, ";"));
        }
        loopBody(s, label, s.getStatement(), end, next);
        if (m.reachable()) {
            m.jump(next);
        }
        m.start(end);
        m.line(Code.of(cursor, " = null;"));
        release(List.of(s.getVariable()));
        release(bodyDeclarations(s.getStatement()));
    }

    private void loopBody(Tree loop, String label, StatementTree body, Machine.Label breakTo, Machine.Label continueTo) {
        l.leaps.withTarget(loop, label, breakTo, continueTo, () -> {
            body(body);
            if (m.reachable()) {
                m.jump(continueTo);
            }
        });
    }

    private void labeled(LabeledStatementTree s) {
        String label = s.getLabel().toString();
        StatementTree body = s.getStatement();
        m.comment(l.source.describe(s), l.source.line(s));
        switch (body.getKind()) {
            case WHILE_LOOP:
            case DO_WHILE_LOOP:
            case FOR_LOOP:
            case ENHANCED_FOR_LOOP:
            case SWITCH:
                labeledStatement = s;
                try {
                    lowerStatement(body, label);
                } finally {
                    labeledStatement = null;
                }
                return;
            default: {
                Machine.Label end = m.newLabel();
                l.leaps.withTarget(s, label, end, null, () -> statement(body));
                m.start(end);
            }
        }
    }
}
