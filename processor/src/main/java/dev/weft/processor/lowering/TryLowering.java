package dev.weft.processor.lowering;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import dev.weft.processor.analysis.Analysis;
import dev.weft.processor.analysis.Reachability;
import dev.weft.processor.emission.Code;
import dev.weft.processor.emission.CodePrinter;
import dev.weft.processor.emission.Deferral;
import dev.weft.processor.emission.Protocol;
import dev.weft.processor.model.LocalVar;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lowers try statements whose blocks suspend into exception regions: an exception thrown in a
 * state of the try block goes to the catch dispatch (or the finally block), one of a catch block
 * to the finally block; a finally block ends by going where its exit field says (JLS 14.20.2).
 * A try-with-resources is the basic try of JLS 14.20.3.1 for each resource.
 */
final class TryLowering {
    /** A catch clause of a lowered try. */
    private static final class CatchPart {
        final Code types;
        /** The user's catch parameter, or null for a synthetic catch. */
        final LocalVar param;
        final BlockTree body;
        /** For a synthetic catch: the parameter name and native body. */
        final String syntheticName;
        final Code syntheticBody;

        CatchPart(Code types, LocalVar param, BlockTree body, String syntheticName, Code syntheticBody) {
            this.types = types;
            this.param = param;
            this.body = body;
            this.syntheticName = syntheticName;
            this.syntheticBody = syntheticBody;
        }
    }

    private final Lowerer l;
    private final Analysis a;
    private final Machine m;

    TryLowering(Lowerer l) {
        this.l = l;
        this.a = l.a;
        this.m = l.m;
    }

    void tryStatement(TryTree t) {
        List<CatchPart> catches = new ArrayList<>();
        for (CatchTree c : t.getCatches()) {
            VariableTree p = c.getParameter();
            catches.add(new CatchPart(l.printer(Map.of()).type(p.getType()), a.declarations.get(p), c.getBlock(),
                    null, null));
        }
        Runnable finallyBody = t.getFinallyBlock() == null ? null : () -> l.statements.body(t.getFinallyBlock());
        if (t.getResources().isEmpty()) {
            lowerTry(() -> l.statements.body(t.getBlock()), catches, finallyBody, l.source.position(t));
        } else if (catches.isEmpty() && finallyBody == null) {
            resources(t, 0);
        } else {
            lowerTry(() -> resources(t, 0), catches, finallyBody, l.source.position(t));
        }
    }

    /**
     * The basic try-with-resources of JLS 14.20.3.1 for resources {@code i..}: the resource, a
     * try whose catch-all records the primary exception, and a finally that closes the resource,
     * adding a close failure to the primary exception as suppressed.
     */
    private void resources(TryTree t, int i) {
        if (i == t.getResources().size()) {
            l.statements.body(t.getBlock());
            return;
        }
        Tree r = t.getResources().get(i);
        Code resource;
        m.comment(l.source.describe(r), l.source.line(r));
        if (r instanceof VariableTree && a.declarations.get(r).hoisted) {
            VariableTree v = (VariableTree) r;
            LocalVar local = a.declarations.get(v);
            Val init = l.expressions.value(v.getInitializer());
            resource = Code.of(local.emittedName);
            m.line(Code.of(resource, " = ", init.code, ";"), init.captures);
        } else {
            // an expression, or an unnamed variable (kept like an expression: only closing reads it)
            Val expr = l.expressions.value(r instanceof VariableTree ? ((VariableTree) r).getInitializer()
                    : (ExpressionTree) r);
            resource = l.temps.field("resource" + l.temps.next("resource"), TypeName.get(AutoCloseable.class),
                    "a resource of the try at " + l.source.position(t));
            m.line(Code.of(resource, " = ", expr.code, ";"), expr.captures);
        }
        Code primary = l.temps.field("primary" + l.temps.next("primary"), TypeName.get(Throwable.class),
                "the exception that ends the body of the try at " + l.source.position(t) + ", if any");
        m.line(Code.of(primary, " = null;"));
        String thrown = a.names.fresh("thrown");
        String suppressed = a.names.fresh("suppressed");
        ClassName throwable = Protocol.lang("Throwable");
        Code close = Code.block(Code.of("if (", resource, " != null)"),
                Code.block(Code.of("if (", primary, " != null)"),
                        Code.block("try", Code.of(resource, ".close();"),
                                Code.of("catch (", throwable, " ", suppressed, ")"),
                                Code.of(primary, ".addSuppressed(", suppressed, ");")),
                        "else", Code.of(resource, ".close();")));
        List<CatchPart> catchAll = List.of(new CatchPart(Code.of(throwable), null, null, thrown,
                Code.of(primary, " = ", thrown, ";\nthrow ", thrown, ";")));
        lowerTry(() -> resources(t, i + 1), catchAll, () -> m.line(close), l.source.position(r));
    }

    /**
     * A lowered try: the body runs in a region whose exceptions go to the catch dispatch (or the
     * finally); catch bodies run in a region whose exceptions go to the finally; the finally runs
     * in the enclosing region and ends by going wherever its exit field says.
     */
    private void lowerTry(Runnable body, List<CatchPart> catches, Runnable finallyBody, String where) {
        Machine.Region outer = m.region();
        Machine.Label after = m.newLabel();
        LeapManager.Finally fin = null;
        Machine.Label finallyOnException = null;
        if (finallyBody != null) {
            int n = l.temps.next("finally");
            Code exit = l.temps.field("finally" + n + "Exit", TypeName.INT, "the state after the finally block at " + where);
            Code exception = l.temps.field("finally" + n + "Exception", TypeName.get(Throwable.class),
                    "the exception the finally block at " + where + " rethrows, if any");
            fin = new LeapManager.Finally(m.newLabel(), m.newLabel(), exit, exception);
            finallyOnException = m.newLabel();
        }
        Machine.Label dispatch = catches.isEmpty() ? null : m.newLabel();
        Machine.Region tryRegion = m.newRegion(dispatch != null ? dispatch : finallyOnException);
        Machine.Region catchRegion = m.newRegion(finallyOnException);
        LeapManager.Finally f = fin;
        Runnable blocks = () -> {
            // try block
            m.setRegion(tryRegion);
            m.start(m.newLabel());
            body.run();
            if (m.reachable()) {
                leaveTryNormally(f, after);
            }
            // catch dispatch and bodies
            m.setRegion(catchRegion);
            if (dispatch != null) {
                catches(catches, dispatch, f, after);
            }
        };
        if (fin != null) {
            l.leaps.insideFinally(fin, blocks);
        } else {
            blocks.run();
        }
        m.setRegion(outer);
        if (fin != null) {
            m.start(finallyOnException);
            m.line(Code.of(fin.exceptionField, " = ", m.caughtField, ";"));
            m.line(Code.of(fin.exitField, " = ", fin.rethrow, ";"));
            m.jump(fin.start);
            m.start(fin.start);
            finallyBody.run();
            if (m.reachable()) {
                m.line(Code.of(Protocol.STATE, " = ", fin.exitField, "; continue ", m.machineLabel, ";"));
                m.terminate();
            }
            m.start(fin.rethrow);
            m.line(Code.of("throw ", fin.exceptionField, ";"));
            m.terminate();
        }
        m.start(after);
    }

    /**
     * The catch dispatch, {@code try { throw caught; } catch (E e) {...}}: a catch block without a
     * suspension point runs there; one with a suspension point jumps to its own states.
     */
    private void catches(List<CatchPart> catches, Machine.Label dispatch, LeapManager.Finally fin,
            Machine.Label after) {
        m.start(dispatch);
        List<Machine.Label> loweredBodies = new ArrayList<>();
        List<Object> blocks = new ArrayList<>(List.of("try", Code.of("throw ", m.caughtField, ";")));
        Set<LocalVar> captures = new LinkedHashSet<>();
        for (CatchPart c : catches) {
            if (c.body != null && a.suspends(c.body)) {
                Machine.Label lowered = m.newLabel();
                loweredBodies.add(lowered);
                if (c.param.hoisted) {
                    String local = a.names.fresh(c.param.name + "Caught");
                    blocks.add(Code.of("catch (", c.types, " ", local, ")"));
                    blocks.add(Code.of(c.param.emittedName, " = ", local, ";\n", m.jumpCode(lowered)));
                } else {
                    blocks.add(Code.of("catch (", c.types, " ", c.param.emittedName, ")"));
                    blocks.add(m.jumpCode(lowered));
                }
                continue;
            }
            loweredBodies.add(null);
            String name;
            Code code;
            boolean completes;
            if (c.body == null) {
                name = c.syntheticName;
                code = c.syntheticBody;
                completes = false;
            } else {
                name = c.param.emittedName;
                Deferral deferral = new Deferral(m.machineLabel, a.names.fresh("jumpTo"),
                        a.names.fresh("leave"));
                CodePrinter p = l.printer(Map.of()).deferring(deferral);
                List<Code> printed = new ArrayList<>();
                for (StatementTree st : c.body.getStatements()) {
                    printed.add(p.statement(st));
                }
                captures.addAll(p.captures());
                code = Code.join("\n", printed);
                completes = l.reachability.canCompleteNormally(c.body) != Reachability.Completion.NO;
                if (deferral.used) {
                    code = l.statements.deferred(deferral, code, !completes);
                }
            }
            if (completes) {
                Code leave = l.leaps.leaveTry(fin, after).code();
                code = code.isEmpty() ? leave : Code.of(code, "\n", leave);
            }
            blocks.add(Code.of("catch (", c.types, " ", name, ")"));
            blocks.add(code);
        }
        m.line(Code.block(blocks.toArray()), captures);
        m.terminate();
        for (int i = 0; i < catches.size(); i++) {
            Machine.Label lowered = loweredBodies.get(i);
            if (lowered != null) {
                m.start(lowered);
                l.statements.body(catches.get(i).body);
                if (m.reachable()) {
                    leaveTryNormally(fin, after);
                }
            }
        }
    }

    private void leaveTryNormally(LeapManager.Finally fin, Machine.Label after) {
        if (fin == null) {
            m.jump(after);
        } else {
            m.line(Code.of(fin.exitField, " = ", after, ";"));
            m.jump(fin.start);
        }
    }
}
