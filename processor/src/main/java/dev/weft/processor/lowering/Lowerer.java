package dev.weft.processor.lowering;

import com.palantir.javapoet.TypeName;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import dev.weft.processor.analysis.Analysis;
import dev.weft.processor.analysis.AwaitTargets;
import dev.weft.processor.analysis.BoxedValues;
import dev.weft.processor.analysis.Reachability;
import dev.weft.processor.emission.Code;
import dev.weft.processor.emission.CodePrinter;
import dev.weft.processor.emission.PrintMode;
import dev.weft.processor.emission.Protocol;
import dev.weft.processor.model.GeneratedField;
import dev.weft.processor.model.LocalVar;
import dev.weft.processor.model.LoweredBody;
import dev.weft.processor.model.SourceInfo;
import dev.weft.processor.resolution.NameResolver;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.type.TypeMirror;

/**
 * Lowers a coroutine body into the states of a {@link Machine}.
 *
 * <p>Statements without a suspension point are printed as they were written (names rewritten).
 * A statement with one becomes states: its expressions are evaluated in Java's order, saving in
 * fields every value computed before a later suspension point ({@link ExpressionLowering}), and
 * its control flow becomes jumps between states ({@link StatementLowering},
 * {@link SwitchLowering}, {@link TryLowering}), routed by the {@link LeapManager}. Try statements
 * become exception regions; finally blocks record where to go when they end (the next state, a
 * pending exception, a return, or a jump through an outer finally).
 */
public final class Lowerer {
    final Analysis a;
    final NameResolver resolver;
    final SourceInfo source;
    final Machine m;
    final Reachability reachability;
    final BoxedValues boxed;
    final TypeMirror returnType;
    final AwaitTargets awaitTargets;
    /** The simple name of the frame class, which qualifies its inherited helpers where they take type arguments. */
    final String frameName;
    final String awaitedParam;
    final String failureParam;
    final Temps temps;
    final LeapManager leaps;
    final StatementLowering statements;
    final Operands operands;
    final ExpressionLowering expressions;
    final SwitchLowering switches;
    final TryLowering tries;

    /**
     * Lowers the body of {@code method}, whose frame class is {@code frameName}: the states of its
     * machine, rendered, and the fields they need.
     */
    public static LoweredBody lower(Analysis a, NameResolver resolver, SourceInfo source, ExecutableElement method,
            MethodTree tree, String frameName) {
        String awaited = a.names.fresh("awaited");
        String failure = a.names.fresh("failure");
        Lowerer lowerer = new Lowerer(a, resolver, source, method.getReturnType(), frameName, awaited, failure);
        lowerer.lowerBody(tree.getBody());
        Machine.Rendered machine = lowerer.m.render(awaited, failure, a.names.fresh("thrown"),
                a.names.fresh("resumePart"));
        return new LoweredBody(awaited, failure, lowerer.extraFields(), machine.resumeBody, machine.parts,
                machine.lines);
    }

    private Lowerer(Analysis a, NameResolver resolver, SourceInfo source, TypeMirror returnType, String frameName,
            String awaitedParam, String failureParam) {
        this.a = a;
        this.resolver = resolver;
        this.source = source;
        this.returnType = returnType;
        this.frameName = frameName;
        this.awaitedParam = awaitedParam;
        this.failureParam = failureParam;
        this.temps = new Temps(a.names);
        String caught = a.names.fresh("caught");
        this.m = new Machine(a.names.fresh("machine"), caught, this::snapshotDeclaration);
        this.reachability = new Reachability(new ConstantTruth(a, resolver)::of);
        this.boxed = new BoxedValues(a, resolver);
        this.awaitTargets = new AwaitTargets(a, resolver, boxed, returnType);
        this.leaps = new LeapManager(m, temps, a, returnType);
        this.statements = new StatementLowering(this);
        this.operands = new Operands(this);
        this.expressions = new ExpressionLowering(this);
        this.switches = new SwitchLowering(this);
        this.tries = new TryLowering(this);
    }

    /** The fields the lowering added, in the order they were needed. */
    private List<GeneratedField> extraFields() {
        List<GeneratedField> all = new ArrayList<>(temps.fields());
        if (m.hasRegions()) {
            all.add(0, new GeneratedField(m.caughtField, TypeName.get(Throwable.class),
                    "the exception being dispatched to a catch or finally block"));
        }
        return all;
    }

    private void lowerBody(BlockTree body) {
        statements.statements(body.getStatements());
        if (m.reachable()) {
            m.line(Code.of("return ", Protocol.complete(Code.of("null")), ";"));
            m.terminate();
        }
        leaps.finishReturns();
    }

    // ------------------------------------------------------------------ shared helpers

    /** A printer of native code, some subtrees replaced by lowered code; jumps out of it go through the leaps. */
    CodePrinter printer(Map<Tree, Code> replacements) {
        return new CodePrinter(a, resolver, PrintMode.NATIVE, leaps, replacements);
    }

    /** {@code e} as a witness: typed by javac, never run; its suspension points stay as written. */
    Code witness(Tree e) {
        return new CodePrinter(a, resolver, PrintMode.WITNESS, null, Map.of()).expression(e);
    }

    private Code snapshotDeclaration(LocalVar v) {
        return Code.of("final ", printer(Map.of()).localType(v), " ", a.snapshotName(v), " = ", v.emittedName, ";");
    }

    static Set<LocalVar> union(Set<LocalVar> a, Set<LocalVar> b) {
        if (a.isEmpty()) {
            return b;
        }
        if (b.isEmpty()) {
            return a;
        }
        Set<LocalVar> s = new LinkedHashSet<>(a);
        s.addAll(b);
        return s;
    }

    static Set<LocalVar> union(List<Val> vals) {
        Set<LocalVar> s = new LinkedHashSet<>();
        for (Val v : vals) {
            s.addAll(v.captures);
        }
        return s;
    }
}
