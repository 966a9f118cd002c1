package dev.weft.processor.lowering;

import dev.weft.processor.analysis.Analysis;
import dev.weft.processor.analysis.AwaitTargets;
import dev.weft.processor.analysis.BoxedValues;
import dev.weft.processor.analysis.Reachability;
import dev.weft.processor.emission.CodePrinter;
import dev.weft.processor.emission.FrameTypes;
import dev.weft.processor.emission.JavaLangNames;
import dev.weft.processor.emission.Operators;
import dev.weft.processor.model.LocalVar;
import dev.weft.processor.model.ProcessingFailure;
import dev.weft.processor.model.SourceInfo;
import dev.weft.processor.model.Suspension;
import dev.weft.processor.model.Trees2;
import dev.weft.processor.resolution.NameResolver;

import com.palantir.javapoet.TypeName;
import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.UnionTypeTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.tree.YieldTree;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/**
 * Lowers a coroutine body into the states of a {@link Machine}.
 *
 * <p>Statements without a suspension point are printed as they were written (names rewritten).
 * A statement with one becomes states: its expressions are evaluated in Java's order, saving in
 * fields every value computed before a later suspension point, and its control flow becomes jumps
 * between states. Try statements become exception regions; finally blocks record where to go when
 * they end (the next state, a pending exception, a return, or a jump through an outer finally).
 */
public final class Lowerer implements CodePrinter.Exits {
    /** A value computed by lowered code: an expression valid in the current state. */
    static final class Val {
        final String code;
        /** Safe to evaluate later instead of now: nothing can change it or observe the delay. */
        final boolean stable;
        /** What to store in a field to keep the value across a suspension. */
        final String raw;
        /** The typed expression for a value kept in the given field. */
        final Function<String, String> restore;
        final Set<LocalVar> captures;

        Val(String code, boolean stable, String raw, Function<String, String> restore, Set<LocalVar> captures) {
            this.code = code;
            this.stable = stable;
            this.raw = raw;
            this.restore = restore;
            this.captures = captures;
        }

        Val withCode(String newCode, boolean newStable) {
            return new Val(newCode, newStable, newCode, restore, captures);
        }
    }

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

    /** A lowered finally block. */
    private static final class Finally {
        final Machine.Label start;
        final Machine.Label rethrow;
        final String exitField;
        final String exceptionField;

        Finally(Machine.Label start, Machine.Label rethrow, String exitField, String exceptionField) {
            this.start = start;
            this.rethrow = rethrow;
            this.exitField = exitField;
            this.exceptionField = exceptionField;
        }
    }

    /** A lowered switch expression that yields into a field. */
    private static final class YieldTarget {
        final Tree switchExpression;
        final String field;
        /** The int field that says which yield stored the value. */
        final String which;
        final Machine.Label end;
        final int finallyDepth;
        final Map<YieldTree, Integer> indexes = new IdentityHashMap<>();

        YieldTarget(Tree switchExpression, String field, String which, Machine.Label end, int finallyDepth) {
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

    /** A catch clause of a lowered try. */
    private static final class CatchPart {
        final String types;
        /** The user's catch parameter, or null for a synthetic catch. */
        final LocalVar param;
        final BlockTree body;
        /** For a synthetic catch: the parameter name and native body. */
        final String syntheticName;
        final String syntheticBody;

        CatchPart(String types, LocalVar param, BlockTree body, String syntheticName, String syntheticBody) {
            this.types = types;
            this.param = param;
            this.body = body;
            this.syntheticName = syntheticName;
            this.syntheticBody = syntheticBody;
        }
    }

    /** A field the lowering needs besides parameters and hoisted locals. */
    public static final class ExtraField {
        public final String name;
        public final TypeName type;
        public final String comment;

        ExtraField(String name, TypeName type, String comment) {
            this.name = name;
            this.type = type;
            this.comment = comment;
        }
    }

    private final Analysis a;
    private final NameResolver resolver;
    private final SourceInfo source;
    private final Machine m;
    private final Reachability reachability;
    private final BoxedValues boxed;
    private final TypeMirror returnType;
    private final AwaitTargets awaitTargets;
    /** The simple name of the frame class, which qualifies its inherited helpers where they take type arguments. */
    private final String frameName;
    private final String awaitedParam;
    private final String failureParam;

    private final List<ExtraField> extraFields = new ArrayList<>();
    private final Deque<Target> targets = new ArrayDeque<>();
    private final List<Finally> finallies = new ArrayList<>();
    private final Deque<YieldTarget> yields = new ArrayDeque<>();
    /** The array type of each bare array initializer ({@code {1, 2}}) to lower, by its context. */
    private final Map<NewArrayTree, Tree> initializerTypes = new IdentityHashMap<>();
    private final List<String> objectTemps = new ArrayList<>();
    private int objectTempsInUse;
    private final List<String> booleanTemps = new ArrayList<>();
    private int booleanTempsInUse;
    private Machine.Label returnLabel;
    private String returnValueField;
    private int finallyCount;
    private int primaryCount;
    private int cursorCount;
    private int resourceCount;
    private int yieldCount;
    /** The labeled statement whose loop or switch is being lowered, if any. */
    private LabeledStatementTree labeledStatement;

    public Lowerer(Analysis a, NameResolver resolver, SourceInfo source, TypeMirror returnType, String frameName,
            String awaitedParam, String failureParam) {
        this.a = a;
        this.resolver = resolver;
        this.source = source;
        this.returnType = returnType;
        this.frameName = frameName;
        this.awaitedParam = awaitedParam;
        this.failureParam = failureParam;
        String caught = a.names.fresh("caught");
        this.m = new Machine(a.names.fresh("machine"), caught, this::snapshotDeclaration);
        this.reachability = new Reachability(this::constantTruth);
        this.boxed = new BoxedValues(a, resolver);
        this.awaitTargets = new AwaitTargets(a, resolver, boxed, returnType, type -> printer(Map.of()).type(type));
    }

    public Machine machine() {
        return m;
    }

    public List<ExtraField> extraFields() {
        List<ExtraField> all = new ArrayList<>(extraFields);
        if (m.hasRegions()) {
            all.add(0, new ExtraField(m.caughtField, TypeName.get(Throwable.class),
                    "the exception being dispatched to a catch or finally block"));
        }
        return all;
    }

    /** Lowers the method body. */
    public void lowerBody(BlockTree body) {
        statements(body.getStatements());
        if (m.reachable()) {
            m.line("return complete(null);");
            m.terminate();
        }
        if (returnLabel != null) {
            m.start(returnLabel);
            m.line("return complete(" + returnValueField + ");");
            m.terminate();
        }
    }

    // ------------------------------------------------------------------ statements

    private void statements(List<? extends StatementTree> statements) {
        for (StatementTree s : statements) {
            if (!m.reachable()) {
                // Java rejects unreachable statements, so only empty ones can follow here.
                break;
            }
            statement(s);
        }
    }

    private void statement(StatementTree s) {
        int objectMark = objectTempsInUse;
        int booleanMark = booleanTempsInUse;
        try {
            if (!(s instanceof BlockTree) && !(s instanceof LabeledStatementTree)) {
                m.comment(source.describe(s));
            }
            if (!a.suspends(s)) {
                nativeStatement(s);
                return;
            }
            lowerStatement(s, null);
        } finally {
            objectTempsInUse = objectMark;
            booleanTempsInUse = booleanMark;
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
                    Val init = initializerValue(v);
                    m.line(local.emittedName + " = " + init.code + ";", init.captures);
                }
                return;
            }
        }
        emitNative(s, Map.of(), Set.of());
    }

    /**
     * Prints {@code s} natively, some subtrees replaced by lowered code, and ends the state if
     * {@code s} cannot complete normally. Jumps that leave it through a native finally block are
     * deferred to after it (see {@link CodePrinter.Deferral}).
     */
    private void emitNative(StatementTree s, Map<Tree, String> replacements, Set<LocalVar> captures) {
        CodePrinter.Deferral deferral = new CodePrinter.Deferral(m.machineLabel, a.names.fresh("jumpTo"),
                a.names.fresh("leave"));
        CodePrinter p = printer(replacements).deferring(deferral);
        String text = p.statement(s);
        Reachability.Completion completes = reachability.canCompleteNormally(s);
        if (completes == Reachability.Completion.MAYBE) {
            // The statement may loop forever by a constant javac knows and the processor cannot
            // evaluate; "if (true)" keeps what follows reachable either way.
            text = "if (true) {\n" + indent(text) + "\n}";
        }
        if (deferral.used) {
            text = deferred(deferral, text, completes == Reachability.Completion.NO);
        }
        m.line(text, union(captures, p.captures()));
        if (completes == Reachability.Completion.NO) {
            m.terminate();
        }
    }

    /**
     * {@code int jumpTo = -1; leave: { TEXT } if (jumpTo >= 0) goto jumpTo}: native code whose
     * jumps were deferred until its finally blocks have run. If the code cannot end normally,
     * reaching its end means a jump was taken.
     */
    private String deferred(CodePrinter.Deferral d, String text, boolean onlyByJump) {
        String go = "state = " + d.variable + "; continue " + m.machineLabel + ";";
        return "int " + d.variable + " = -1;\n" + d.label + ": {\n" + indent(text) + "\n}\n"
                + (onlyByJump ? go : "if (" + d.variable + " >= 0) {\n" + CodePrinter.INDENT + go + "\n}");
    }

    private void block(BlockTree b) {
        statements(b.getStatements());
    }

    /**
     * The body of a lowered if, loop, catch or finally: a block's statements are emitted without
     * their braces, since nothing else in the state follows them but a jump.
     */
    private void body(StatementTree s) {
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
                switchStatement((SwitchTree) s, label);
                return;
            case TRY:
                tryStatement((TryTree) s);
                return;
            case RETURN: {
                ExpressionTree e = ((ReturnTree) s).getExpression();
                Val v = value(e);
                returnWith(v.code, v.captures);
                return;
            }
            case THROW: {
                Val v = value(((ThrowTree) s).getExpression());
                m.line("throw " + v.code + ";", v.captures);
                m.terminate();
                return;
            }
            case YIELD: {
                YieldTree y = (YieldTree) s;
                Val v = value(y.getValue());
                m.line(yieldTo(y, v.code), v.captures);
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
        Val init = castIfAwaitedIntoReference(v.getInitializer(), local);
        if (init == null) {
            init = initializerValue(v);
        }
        if (local.hoisted) {
            m.line(local.emittedName + " = " + init.code + ";", init.captures);
        } else {
            Map<Tree, String> r = new IdentityHashMap<>();
            r.put(v.getInitializer(), init.code);
            CodePrinter p = printer(r);
            String text = p.statement(v);
            m.line(text, union(init.captures, p.captures()));
        }
    }

    /**
     * {@code T x = await(e)} with a reference type {@code T}: once suspended, the value is simply
     * cast to {@code T}, which is what assigning the typed result would do at run time; no witness
     * is needed (javac types less). Not for primitive types: the awaited value's box may need a
     * widening conversion a cast would not make. Returns {@code null} if not applicable.
     */
    private Val castIfAwaitedIntoReference(ExpressionTree init, LocalVar local) {
        ExpressionTree e = unparen(init);
        Suspension s = e instanceof MethodInvocationTree ? a.suspensions.get(e) : null;
        if (s == null || local.typeTree == null || local.typeTree instanceof com.sun.source.tree.PrimitiveTypeTree
                || s.kind == Suspension.Kind.COROUTINE_CALL && s.callee.getReturnType().getKind().isPrimitive()) {
            return null;
        }
        suspend(s);
        String code = "(" + printer(Map.of()).type(local.typeTree) + ") " + awaitedParam;
        return new Val(code, false, awaitedParam, field -> "(" + printer(Map.of()).type(local.typeTree) + ") " + field,
                Set.of());
    }

    /** The value of a local's initializer; a bare array initializer takes the declared type. */
    private Val initializerValue(VariableTree v) {
        if (isBareInitializer(v.getInitializer())) {
            initializerTypes.put((NewArrayTree) v.getInitializer(), v.getType());
        }
        return value(v.getInitializer());
    }

    /** An array initializer without {@code new T[]}: {@code {1, 2}}. */
    private static boolean isBareInitializer(Tree e) {
        return e instanceof NewArrayTree && ((NewArrayTree) e).getType() == null;
    }

    /**
     * A bare array initializer, written with its array type: once it initializes a field, or is
     * kept across a suspension as an element of an enclosing initializer, it is an expression of
     * its own, which Java allows only as {@code new T[]{...}}. The type is the declared type of
     * the local, or the element type of the enclosing array; a kept value is cast back to it.
     */
    private Val typedInitializer(NewArrayTree na) {
        Tree arrayType = initializerTypes.get(na);
        if (arrayType == null) {
            throw new ProcessingFailure(na, "Weft cannot tell the type of this array initializer; write it as"
                    + " new T[] {...}");
        }
        Tree elementType = elementType(arrayType, na);
        nestedInitializerTypes(na, elementType);
        String type = printer(Map.of()).type(arrayType);
        String elements;
        Set<LocalVar> captures;
        if (a.suspends(na)) {
            Val v = withOperands(na, new ArrayList<>(na.getInitializers()), primitiveElements(elementType));
            elements = v.code;
            captures = v.captures;
        } else {
            CodePrinter p = printer(Map.of());
            elements = p.expression(na);
            captures = p.captures();
        }
        String code = "new " + type + elements;
        return new Val(code, false, code, field -> "(" + type + ") " + field, captures);
    }

    /** Records the array type of the bare initializers among the elements of an array initializer. */
    private void nestedInitializerTypes(NewArrayTree na, Tree elementType) {
        for (ExpressionTree element : na.getInitializers()) {
            if (isBareInitializer(element)) {
                initializerTypes.put((NewArrayTree) element, elementType);
            }
        }
    }

    /** The element type of an array type as written: {@code int[]} of {@code int[][]}. */
    private static Tree elementType(Tree arrayType, NewArrayTree where) {
        Tree t = arrayType instanceof com.sun.source.tree.AnnotatedTypeTree
                ? ((com.sun.source.tree.AnnotatedTypeTree) arrayType).getUnderlyingType() : arrayType;
        if (!(t instanceof com.sun.source.tree.ArrayTypeTree)) {
            throw new ProcessingFailure(where, "Weft cannot tell the type of this array initializer; write it as"
                    + " new T[] {...}");
        }
        return ((com.sun.source.tree.ArrayTypeTree) t).getType();
    }

    private void expressionStatement(ExpressionTree e) {
        ExpressionTree inner = unparen(e);
        if (inner instanceof MethodInvocationTree && a.suspensions.containsKey(inner)) {
            // The value of a suspension used as a statement is dropped.
            suspend(a.suspensions.get(inner));
            return;
        }
        Val v = value(e);
        m.line(v.code + ";", v.captures);
    }

    private void ifStatement(IfTree s) {
        Val cond = value(unparen(s.getCondition()));
        if (!a.suspends(s.getThenStatement()) && !a.suspends(s.getElseStatement())) {
            Map<Tree, String> r = new IdentityHashMap<>();
            r.put(unparen(s.getCondition()), cond.code);
            emitNativeWith(s, r, cond.captures);
            return;
        }
        Machine.Label otherwise = m.newLabel();
        Machine.Label end = s.getElseStatement() == null ? otherwise : m.newLabel();
        m.jumpUnless(cond.code, otherwise);
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

    /** Prints {@code s} natively with some subtrees replaced by lowered code. */
    /**
     * A loop or switch printed natively once its suspending expression is lowered; with its label
     * if it has one, so that its own labeled jumps stay native.
     */
    private void emitNativeWith(StatementTree s, Map<Tree, String> replacements, Set<LocalVar> captures) {
        LabeledStatementTree labeled = labeledStatement != null && labeledStatement.getStatement() == s
                ? labeledStatement : null;
        emitNative(labeled != null ? labeled : s, replacements, captures);
    }

    private void whileLoop(WhileLoopTree s, String label) {
        Machine.Label top = m.newLabel();
        Machine.Label end = m.newLabel();
        m.start(top);
        Val cond = value(unparen(s.getCondition()));
        if (!Reachability.isLiteralTrue(s.getCondition())) {
            m.line("if (!(" + cond.code + ")) {\n" + CodePrinter.INDENT + m.jumpText(end) + "\n}", cond.captures);
        }
        loopBody(s, label, s.getStatement(), end, top);
        if (m.reachable()) {
            m.jump(top);
        }
        m.start(end);
    }

    private void doWhileLoop(DoWhileLoopTree s, String label) {
        Machine.Label body = m.newLabel();
        Machine.Label cond = m.newLabel();
        Machine.Label end = m.newLabel();
        m.start(body);
        loopBody(s, label, s.getStatement(), end, cond);
        m.start(cond);
        Val c = value(unparen(s.getCondition()));
        m.line("if (" + c.code + ") {\n" + CodePrinter.INDENT + m.jumpText(body) + "\n}", c.captures);
        m.jump(end);
        m.start(end);
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
            Val cond = value(s.getCondition());
            m.line("if (!(" + cond.code + ")) {\n" + CodePrinter.INDENT + m.jumpText(end) + "\n}", cond.captures);
        }
        loopBody(s, label, s.getStatement(), end, update);
        m.start(update);
        for (ExpressionStatementTree u : s.getUpdate()) {
            statement(u);
        }
        m.jump(top);
        m.start(end);
    }

    private void enhancedFor(EnhancedForLoopTree s, String label) {
        Val iterable = value(s.getExpression());
        if (!a.suspends(s.getStatement())) {
            Map<Tree, String> r = new IdentityHashMap<>();
            r.put(s.getExpression(), iterable.code);
            emitNativeWith(s, r, iterable.captures);
            return;
        }
        String cursor = a.names.fresh("cursor" + (++cursorCount));
        extraFields.add(new ExtraField(cursor, FrameTypes.FOR_EACH, "the cursor of the for loop at "
                + source.position(s)));
        m.line(cursor + " = forEach(" + iterable.code + ");", iterable.captures);
        Machine.Label next = m.newLabel();
        Machine.Label end = m.newLabel();
        m.start(next);
        m.line("if (!" + cursor + ".hasNext()) {\n" + CodePrinter.INDENT + m.jumpText(end) + "\n}");
        LocalVar v = a.declarations.get(s.getVariable());
        String element = "nextElement(() -> elementOf(" + witness(s.getExpression()) + "), " + cursor + ")";
        if (v.hoisted) {
            m.line(v.emittedName + " = " + element + ";");
        } else {
            // an unnamed variable: declared, so that the element converts to its type as in Java
            m.line(printer(Map.of()).declaration(s.getVariable()) + " = " + element + ";");
        }
        loopBody(s, label, s.getStatement(), end, next);
        if (m.reachable()) {
            m.jump(next);
        }
        m.start(end);
        m.line(cursor + " = null;");
    }

    private void loopBody(Tree loop, String label, StatementTree body, Machine.Label breakTo, Machine.Label continueTo) {
        targets.push(new Target(loop, label, breakTo, continueTo, finallies.size()));
        try {
            body(body);
            if (m.reachable()) {
                m.jump(continueTo);
            }
        } finally {
            targets.pop();
        }
    }

    private void labeled(LabeledStatementTree s) {
        String label = s.getLabel().toString();
        StatementTree body = s.getStatement();
        m.comment(source.describe(s));
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
                targets.push(new Target(s, label, end, null, finallies.size()));
                try {
                    statement(body);
                } finally {
                    targets.pop();
                }
                m.start(end);
            }
        }
    }

    // ------------------------------------------------------------------ switch

    private void switchStatement(SwitchTree s, String label) {
        Val selector = value(unparen(s.getExpression()));
        boolean casesSuspend = false;
        for (CaseTree c : s.getCases()) {
            casesSuspend |= a.suspends(c);
        }
        if (!casesSuspend) {
            Map<Tree, String> r = new IdentityHashMap<>();
            r.put(unparen(s.getExpression()), selector.code);
            emitNativeWith(s, r, selector.captures);
            return;
        }
        Machine.Label end = m.newLabel();
        List<Machine.Label> bodies = dispatch(s.getCases(), selector, end, false);
        targets.push(new Target(s, label, end, null, finallies.size()));
        try {
            caseBodies(s.getCases(), bodies, end, null, null);
        } finally {
            targets.pop();
        }
        m.start(end);
    }

    /** Emits the dispatching native switch; returns the label of each case's body. */
    private List<Machine.Label> dispatch(List<? extends CaseTree> cases, Val selector, Machine.Label end,
            boolean exhaustiveExpression) {
        List<Machine.Label> bodies = new ArrayList<>();
        StringBuilder sw = new StringBuilder("switch (").append(selector.code).append(") {");
        boolean hasDefault = false;
        CodePrinter p = printer(Map.of());
        for (CaseTree c : cases) {
            if (Trees2.hasPatternLabel(c)) {
                throw new ProcessingFailure(c, "Weft cannot compile a switch with pattern labels that suspends yet;"
                        + " use if/instanceof instead");
            }
            Machine.Label body = m.newLabel();
            bodies.add(body);
            sw.append('\n').append(CodePrinter.INDENT);
            if (Trees2.isDefault(c)) {
                hasDefault = true;
                if (!c.getExpressions().isEmpty()) {
                    sw.append("case ").append(caseLabels(p, c)).append(", default");
                } else {
                    sw.append("default");
                }
            } else {
                sw.append("case ").append(caseLabels(p, c));
            }
            sw.append(": ").append(m.jumpText(body));
        }
        if (!hasDefault) {
            sw.append('\n').append(CodePrinter.INDENT).append("default: ");
            sw.append(exhaustiveExpression ? "throw new " + lang("IncompatibleClassChangeError") + "();" : m.jumpText(end));
        }
        sw.append("\n}");
        m.line(sw.toString(), selector.captures);
        m.terminate();
        return bodies;
    }

    private String caseLabels(CodePrinter p, CaseTree c) {
        StringBuilder sb = new StringBuilder();
        for (ExpressionTree label : c.getExpressions()) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(p.caseLabelText(label));
        }
        return sb.toString();
    }

    /** The bodies of the cases of a lowered switch; old-style groups fall through in order. */
    private void caseBodies(List<? extends CaseTree> cases, List<Machine.Label> bodies, Machine.Label end,
            YieldTarget yieldTarget, Map<CaseTree, String> armValues) {
        for (int i = 0; i < cases.size(); i++) {
            CaseTree c = cases.get(i);
            m.start(bodies.get(i));
            if (c.getCaseKind() == CaseTree.CaseKind.RULE) {
                Tree body = c.getBody();
                if (body instanceof ExpressionTree) {
                    m.comment(source.describe(body));
                    if (yieldTarget == null) {
                        expressionStatement((ExpressionTree) body);
                    } else if (a.suspends(body)) {
                        // evaluated now; the final switch expression reads the value back
                        Val v = value((ExpressionTree) body);
                        m.line(yieldTarget.field + " = " + v.raw + ";", v.captures);
                        armValues.put(c, v.restore.apply(yieldTarget.field));
                    }
                    // an arm without suspension is evaluated by the final switch expression
                } else {
                    statement((StatementTree) body);
                }
                if (m.reachable()) {
                    m.jump(end);
                }
            } else {
                statements(c.getStatements());
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
    private Val switchExpression(SwitchExpressionTree s) {
        Val selector = value(unparen(s.getExpression()));
        boolean casesSuspend = false;
        for (CaseTree c : s.getCases()) {
            casesSuspend |= a.suspends(c);
        }
        if (!casesSuspend) {
            Map<Tree, String> r = new IdentityHashMap<>();
            r.put(unparen(s.getExpression()), selector.code);
            CodePrinter p = printer(r);
            String code = p.expression(s);
            return new Val(code, false, code, restoreWith(s), union(selector.captures, p.captures()));
        }
        Val kept = selector.stable ? selector : spill(selector);
        String field = objectTemp();
        String which = intTemp();
        Machine.Label end = m.newLabel();
        List<Machine.Label> bodies = dispatch(s.getCases(), kept, end, true);
        YieldTarget target = new YieldTarget(s, field, which, end, finallies.size());
        yields.push(target);
        Map<CaseTree, String> armValues = new IdentityHashMap<>();
        try {
            caseBodies(s.getCases(), bodies, end, target, armValues);
        } finally {
            yields.pop();
        }
        m.start(end);
        StringBuilder sw = new StringBuilder("switch (").append(kept.code).append(") {");
        CodePrinter p = printer(Map.of());
        for (CaseTree c : s.getCases()) {
            sw.append('\n').append(CodePrinter.INDENT);
            if (Trees2.isDefault(c)) {
                sw.append(c.getExpressions().isEmpty() ? "default" : "case " + caseLabels(p, c) + ", default");
            } else {
                sw.append("case ").append(caseLabels(p, c));
            }
            sw.append(" -> ");
            String armValue = armValues.get(c);
            if (armValue != null) {
                sw.append(armValue).append(';');
            } else if (c.getCaseKind() == CaseTree.CaseKind.RULE && c.getBody() instanceof ExpressionTree) {
                sw.append(p.expression(c.getBody())).append(';');
            } else {
                // A colon-form group may fall through into later groups and yield there.
                boolean colonForm = c.getCaseKind() == CaseTree.CaseKind.STATEMENT;
                sw.append(yieldedValues(colonForm ? s : c, target));
            }
        }
        sw.append("\n}");
        return new Val(sw.toString(), false, sw.toString(), restoreWith(s), p.captures());
    }

    /** The case of a final switch expression that gives back what the yields in {@code scope} stored. */
    private String yieldedValues(Tree scope, YieldTarget target) {
        StringBuilder sb = new StringBuilder("{\n").append(CodePrinter.INDENT).append("switch (")
                .append(target.which).append(") {");
        for (YieldTree y : yieldsOf(scope, target.switchExpression)) {
            Integer k = target.indexes.get(y);
            if (k == null) {
                continue;
            }
            // A constant is written as it is: a witness of a constant int would fit short, char and
            // byte alike and make restore(...) ambiguous; evaluating a constant again changes nothing.
            String value = a.constants.isConstant(y.getValue()) ? printer(Map.of()).expression(y.getValue())
                    : restoreWith(y.getValue()).apply(target.field);
            sb.append('\n').append(CodePrinter.INDENT).append(CodePrinter.INDENT).append("case ").append(k)
                    .append(": yield ").append(value).append(';');
        }
        sb.append('\n').append(CodePrinter.INDENT).append(CodePrinter.INDENT)
                .append("default: throw new " + lang("IllegalStateException") + "(\"no yield numbered \" + ").append(target.which)
                .append(");\n").append(CodePrinter.INDENT).append("}\n}");
        return sb.toString();
    }

    /**
     * Whether {@code e} computes on primitive locals and literals with operators that can neither
     * throw nor have effects ({@code acc * 2}, {@code i + 1 < n}; not {@code /} or {@code %},
     * which may divide by zero): computing it later gives the same value and nothing observes the
     * difference, so it need not be kept across a suspension.
     */
    private boolean isPrimitiveArithmetic(ExpressionTree e) {
        e = unparen(e);
        if (e instanceof LiteralTree) {
            return true;
        }
        if (e instanceof IdentifierTree) {
            LocalVar v = a.references.get(e);
            return v != null && v.typeTree instanceof com.sun.source.tree.PrimitiveTypeTree;
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
                return ((TypeCastTree) e).getType() instanceof com.sun.source.tree.PrimitiveTypeTree
                        && isPrimitiveArithmetic(((TypeCastTree) e).getExpression());
            default:
                return false;
        }
    }

    /** The yields in {@code scope} that belong to {@code switchExpression} (not to a nested one). */
    private static List<YieldTree> yieldsOf(Tree scope, Tree switchExpression) {
        List<YieldTree> found = new ArrayList<>();
        new com.sun.source.util.TreeScanner<Void, Void>() {
            @Override
            public Void visitYield(YieldTree node, Void p) {
                found.add(node);
                return null;
            }

            @Override
            public Void visitSwitchExpression(SwitchExpressionTree node, Void p) {
                return node == switchExpression ? super.visitSwitchExpression(node, p) : null;
            }

            @Override
            public Void visitLambdaExpression(LambdaExpressionTree node, Void p) {
                return null;
            }

            @Override
            public Void visitClass(com.sun.source.tree.ClassTree node, Void p) {
                return null;
            }
        }.scan(scope, null);
        return found;
    }

    // ------------------------------------------------------------------ try

    private void tryStatement(TryTree t) {
        List<CatchPart> catches = new ArrayList<>();
        for (CatchTree c : t.getCatches()) {
            VariableTree p = c.getParameter();
            catches.add(new CatchPart(printer(Map.of()).type(p.getType()), a.declarations.get(p), c.getBlock(), null, null));
        }
        Runnable finallyBody = t.getFinallyBlock() == null ? null : () -> body(t.getFinallyBlock());
        if (t.getResources().isEmpty()) {
            lowerTry(() -> body(t.getBlock()), catches, finallyBody, source.position(t));
        } else if (catches.isEmpty() && finallyBody == null) {
            resources(t, 0);
        } else {
            lowerTry(() -> resources(t, 0), catches, finallyBody, source.position(t));
        }
    }

    /**
     * The basic try-with-resources of JLS 14.20.3.1 for resources {@code i..}: the resource, a
     * try whose catch-all records the primary exception, and a finally that closes the resource,
     * adding a close failure to the primary exception as suppressed.
     */
    private void resources(TryTree t, int i) {
        if (i == t.getResources().size()) {
            body(t.getBlock());
            return;
        }
        Tree r = t.getResources().get(i);
        String resource;
        m.comment(source.describe(r));
        if (r instanceof VariableTree && a.declarations.get(r).hoisted) {
            VariableTree v = (VariableTree) r;
            LocalVar local = a.declarations.get(v);
            Val init = value(v.getInitializer());
            m.line(local.emittedName + " = " + init.code + ";", init.captures);
            resource = local.emittedName;
        } else {
            // an expression, or an unnamed variable (kept like an expression: only closing reads it)
            Val expr = value(r instanceof VariableTree ? ((VariableTree) r).getInitializer() : (ExpressionTree) r);
            resource = a.names.fresh("resource" + (++resourceCount));
            extraFields.add(new ExtraField(resource, TypeName.get(AutoCloseable.class), "a resource of the try at "
                    + source.position(t)));
            m.line(resource + " = " + expr.code + ";", expr.captures);
        }
        String primary = a.names.fresh("primary" + (++primaryCount));
        extraFields.add(new ExtraField(primary, TypeName.get(Throwable.class),
                "the exception that ends the body of the try at " + source.position(t) + ", if any"));
        m.line(primary + " = null;");
        String thrown = a.names.fresh("thrown");
        String suppressed = a.names.fresh("suppressed");
        String close = "if (" + resource + " != null) {\n"
                + CodePrinter.INDENT + "if (" + primary + " != null) {\n"
                + CodePrinter.INDENT + CodePrinter.INDENT + "try {\n"
                + CodePrinter.INDENT + CodePrinter.INDENT + CodePrinter.INDENT + resource + ".close();\n"
                + CodePrinter.INDENT + CodePrinter.INDENT + "} catch (" + lang("Throwable") + " " + suppressed + ") {\n"
                + CodePrinter.INDENT + CodePrinter.INDENT + CodePrinter.INDENT + primary + ".addSuppressed(" + suppressed + ");\n"
                + CodePrinter.INDENT + CodePrinter.INDENT + "}\n"
                + CodePrinter.INDENT + "} else {\n"
                + CodePrinter.INDENT + CodePrinter.INDENT + resource + ".close();\n"
                + CodePrinter.INDENT + "}\n"
                + "}";
        List<CatchPart> catchAll = List.of(new CatchPart(lang("Throwable"), null, null, thrown,
                primary + " = " + thrown + ";\nthrow " + thrown + ";"));
        lowerTry(() -> resources(t, i + 1), catchAll, () -> m.line(close), source.position(r));
    }

    /**
     * A lowered try: the body runs in a region whose exceptions go to the catch dispatch (or the
     * finally); catch bodies run in a region whose exceptions go to the finally; the finally runs
     * in the enclosing region and ends by going wherever its exit field says.
     */
    private void lowerTry(Runnable body, List<CatchPart> catches, Runnable finallyBody, String where) {
        Machine.Region outer = m.region();
        Machine.Label after = m.newLabel();
        Finally fin = null;
        Machine.Label finallyOnException = null;
        if (finallyBody != null) {
            int n = ++finallyCount;
            String exit = a.names.fresh("finally" + n + "Exit");
            String exception = a.names.fresh("finally" + n + "Exception");
            extraFields.add(new ExtraField(exit, TypeName.INT, "the state after the finally block at " + where));
            extraFields.add(new ExtraField(exception, TypeName.get(Throwable.class),
                    "the exception the finally block at " + where + " rethrows, if any"));
            fin = new Finally(m.newLabel(), m.newLabel(), exit, exception);
            finallyOnException = m.newLabel();
        }
        Machine.Label dispatch = catches.isEmpty() ? null : m.newLabel();
        Machine.Region tryRegion = m.newRegion(dispatch != null ? dispatch : finallyOnException);
        Machine.Region catchRegion = m.newRegion(finallyOnException);
        if (fin != null) {
            finallies.add(fin);
        }
        // try block
        m.setRegion(tryRegion);
        m.start(m.newLabel());
        body.run();
        if (m.reachable()) {
            leaveTryNormally(fin, after);
        }
        // catch dispatch and bodies
        m.setRegion(catchRegion);
        if (dispatch != null) {
            m.start(dispatch);
            List<Machine.Label> loweredBodies = new ArrayList<>();
            StringBuilder sb = new StringBuilder("try {\n" + CodePrinter.INDENT + "throw " + m.caughtField + ";\n}");
            Set<LocalVar> captures = new LinkedHashSet<>();
            for (CatchPart c : catches) {
                if (c.body != null && a.suspends(c.body)) {
                    Machine.Label l = m.newLabel();
                    loweredBodies.add(l);
                    if (c.param.hoisted) {
                        String local = a.names.fresh(c.param.name + "Caught");
                        sb.append(" catch (").append(c.types).append(' ').append(local).append(") {\n")
                                .append(CodePrinter.INDENT).append(c.param.emittedName).append(" = ").append(local)
                                .append(";\n");
                    } else {
                        sb.append(" catch (").append(c.types).append(' ').append(c.param.emittedName).append(") {\n");
                    }
                    sb.append(CodePrinter.INDENT).append(m.jumpText(l)).append("\n}");
                } else {
                    loweredBodies.add(null);
                    String name;
                    String code;
                    boolean completes;
                    if (c.body == null) {
                        name = c.syntheticName;
                        code = c.syntheticBody;
                        completes = false;
                    } else {
                        name = c.param.emittedName;
                        CodePrinter.Deferral deferral = new CodePrinter.Deferral(m.machineLabel,
                                a.names.fresh("jumpTo"), a.names.fresh("leave"));
                        CodePrinter p = printer(Map.of()).deferring(deferral);
                        StringBuilder printed = new StringBuilder();
                        for (StatementTree st : c.body.getStatements()) {
                            if (printed.length() > 0) {
                                printed.append('\n');
                            }
                            printed.append(p.statement(st));
                        }
                        captures.addAll(p.captures());
                        code = printed.toString();
                        completes = reachability.canCompleteNormally(c.body) != Reachability.Completion.NO;
                        if (deferral.used) {
                            code = deferred(deferral, code, !completes);
                        }
                    }
                    if (completes) {
                        code = (code.isEmpty() ? "" : code + "\n") + leaveTryText(fin, after);
                    }
                    sb.append(" catch (").append(c.types).append(' ').append(name).append(") {\n")
                            .append(indent(code)).append("\n}");
                }
            }
            m.line(sb.toString(), captures);
            m.terminate();
            for (int i = 0; i < catches.size(); i++) {
                Machine.Label l = loweredBodies.get(i);
                if (l != null) {
                    m.start(l);
                    body(catches.get(i).body);
                    if (m.reachable()) {
                        leaveTryNormally(fin, after);
                    }
                }
            }
        }
        if (fin != null) {
            finallies.remove(finallies.size() - 1);
        }
        m.setRegion(outer);
        if (fin != null) {
            m.start(finallyOnException);
            m.line(fin.exceptionField + " = " + m.caughtField + ";");
            m.line(fin.exitField + " = " + Machine.ref(fin.rethrow) + ";");
            m.jump(fin.start);
            m.start(fin.start);
            finallyBody.run();
            if (m.reachable()) {
                m.line("state = " + fin.exitField + "; continue " + m.machineLabel + ";");
                m.terminate();
            }
            m.start(fin.rethrow);
            m.line("throw " + fin.exceptionField + ";");
            m.terminate();
        }
        m.start(after);
    }

    private void leaveTryNormally(Finally fin, Machine.Label after) {
        if (fin == null) {
            m.jump(after);
        } else {
            m.line(fin.exitField + " = " + Machine.ref(after) + ";");
            m.jump(fin.start);
        }
    }

    private String leaveTryText(Finally fin, Machine.Label after) {
        if (fin == null) {
            return m.jumpText(after);
        }
        return fin.exitField + " = " + Machine.ref(after) + ";\n" + m.jumpText(fin.start);
    }

    // ------------------------------------------------------------------ leaving: return, break, continue, yield

    /** Code that goes to {@code target}, running the lowered finally blocks in between. */
    private String jumpThroughFinally(Machine.Label target, int targetDepth) {
        if (finallies.size() <= targetDepth) {
            return m.jumpText(target);
        }
        StringBuilder sb = new StringBuilder();
        Machine.Label next = target;
        for (int i = targetDepth; i < finallies.size(); i++) {
            Finally f = finallies.get(i);
            sb.append(f.exitField).append(" = ").append(Machine.ref(next)).append(";\n");
            next = f.start;
        }
        sb.append(m.jumpText(next));
        return sb.toString();
    }

    private void returnWith(String value, Set<LocalVar> captures) {
        m.line(returnFrom(null, value), captures);
        m.terminate();
    }

    @Override
    public String returnFrom(ReturnTree ret, String value) {
        String v = value == null ? "null" : castToReturnType(value);
        if (finallies.isEmpty()) {
            return "return complete(" + v + ");";
        }
        if (returnLabel == null) {
            returnLabel = m.newLabel();
            returnValueField = a.names.fresh("returnValue");
            extraFields.add(new ExtraField(returnValueField, FrameTypes.returnValueType(returnType),
                    "the value returned while finally blocks run"));
        }
        return returnValueField + " = " + v + ";\n" + jumpThroughFinally(returnLabel, 0);
    }

    /**
     * A primitive result is converted as the method's {@code return} would convert it, before it is
     * boxed; a local already declared with that type needs no cast.
     */
    private String castToReturnType(String value) {
        if (!returnType.getKind().isPrimitive() || value.equals(returnValueField)
                || value.matches("-?[0-9]+") && returnType.getKind() == TypeKind.INT
                || value.matches("-?[0-9]+L") && returnType.getKind() == TypeKind.LONG
                || value.matches("true|false") && returnType.getKind() == TypeKind.BOOLEAN) {
            return value;
        }
        for (LocalVar v : a.locals) {
            if (v.emittedName.equals(value) && v.typeTree instanceof com.sun.source.tree.PrimitiveTypeTree
                    && ((com.sun.source.tree.PrimitiveTypeTree) v.typeTree).getPrimitiveTypeKind() == returnType.getKind()) {
                return value;
            }
        }
        return "(" + returnType + ") (" + value + ")";
    }

    @Override
    public String jump(Tree jump, String label, boolean isContinue) {
        for (Target t : targets) {
            boolean matches = label != null ? label.equals(t.label)
                    : isContinue ? t.continueTo != null : !(t.statement instanceof LabeledStatementTree);
            if (matches) {
                Machine.Label to = isContinue ? t.continueTo : t.breakTo;
                if (to == null) {
                    throw new ProcessingFailure(jump, "continue needs a loop");
                }
                return jumpThroughFinally(to, t.finallyDepth);
            }
        }
        throw new ProcessingFailure(jump, "Weft could not find where this jump goes");
    }

    @Override
    public String yieldTo(YieldTree yield, String value) {
        YieldTarget t = yields.peek();
        if (t == null) {
            throw new ProcessingFailure(yield, "Weft could not find the switch expression of this yield");
        }
        return t.field + " = " + value + ";\n" + t.which + " = " + t.indexOf(yield) + ";\n"
                + jumpThroughFinally(t.end, t.finallyDepth);
    }

    // ------------------------------------------------------------------ expressions

    /** Lowers {@code e} (may emit code and states) into a value valid in the current state. */
    private Val value(ExpressionTree e) {
        if (isBareInitializer(e)) {
            return typedInitializer((NewArrayTree) e);
        }
        if (!a.suspends(e)) {
            CodePrinter p = printer(Map.of());
            String code = p.expression(e);
            return new Val(code, isStable(e), code, restoreWith(e), p.captures());
        }
        switch (e.getKind()) {
            case PARENTHESIZED: {
                Val v = value(((ParenthesizedTree) e).getExpression());
                return new Val("(" + v.code + ")", v.stable, v.raw, v.restore, v.captures);
            }
            case METHOD_INVOCATION: {
                Suspension s = a.suspensions.get(e);
                return s != null ? suspension(s) : call((MethodInvocationTree) e);
            }
            case NEW_CLASS:
                return newClass((NewClassTree) e);
            case NEW_ARRAY:
                return newArray((NewArrayTree) e);
            case CONDITIONAL_AND:
            case CONDITIONAL_OR:
                return shortCircuit((BinaryTree) e);
            case CONDITIONAL_EXPRESSION:
                return conditional((ConditionalExpressionTree) e);
            case ASSIGNMENT:
                return assignment((AssignmentTree) e);
            case TYPE_CAST: {
                // A kept value is cast again: a cast is typed on its own, in every context.
                TypeCastTree c = (TypeCastTree) e;
                Val v = value(c.getExpression());
                String type = "(" + printer(Map.of()).type(c.getType()) + ") ";
                String code = type + v.code;
                return new Val(code, false, code, field -> type + field, v.captures);
            }
            case INSTANCE_OF: {
                InstanceOfTree i = (InstanceOfTree) e;
                Val v = value(i.getExpression());
                Map<Tree, String> r = new IdentityHashMap<>();
                r.put(i.getExpression(), v.code);
                CodePrinter p = printer(r);
                return composite(e, p.expression(e), union(v.captures, p.captures()));
            }
            case MEMBER_SELECT: {
                MemberSelectTree ms = (MemberSelectTree) e;
                Val v = value(ms.getExpression());
                return composite(e, selectText(ms, v.code), v.captures);
            }
            case ARRAY_ACCESS: {
                ArrayAccessTree aa = (ArrayAccessTree) e;
                List<Val> ops = operands(List.of(aa.getExpression(), aa.getIndex()));
                return composite(e, ops.get(0).code + "[" + ops.get(1).code + "]", union(ops));
            }
            case MEMBER_REFERENCE: {
                MemberReferenceTree mr = (MemberReferenceTree) e;
                Val v = value(mr.getQualifierExpression());
                Map<Tree, String> r = new IdentityHashMap<>();
                r.put(mr.getQualifierExpression(), v.code);
                CodePrinter p = printer(r);
                return composite(e, p.expression(e), union(v.captures, p.captures()));
            }
            case SWITCH_EXPRESSION:
                return switchExpression((SwitchExpressionTree) e);
            case POSTFIX_INCREMENT:
            case POSTFIX_DECREMENT:
            case PREFIX_INCREMENT:
            case PREFIX_DECREMENT:
                return increment((UnaryTree) e);
            case UNARY_PLUS:
            case UNARY_MINUS:
            case BITWISE_COMPLEMENT:
            case LOGICAL_COMPLEMENT: {
                Val v = value(((UnaryTree) e).getExpression());
                String op = Operators.symbol(e.getKind());
                String code = v.code.startsWith(op) || (op.equals("-") || op.equals("+")) && (v.code.startsWith("-")
                        || v.code.startsWith("+")) ? op + " " + v.code : op + v.code;
                return composite(e, code, v.captures);
            }
            case LAMBDA_EXPRESSION:
                throw new IllegalStateException("suspension inside a lambda passed the analysis");
            default:
                if (e instanceof CompoundAssignmentTree) {
                    return compoundAssignment((CompoundAssignmentTree) e);
                }
                if (e instanceof BinaryTree) {
                    return binary((BinaryTree) e);
                }
                throw new ProcessingFailure(e, "Weft cannot suspend inside this kind of expression ("
                        + e.getKind() + ") yet; assign the awaited value to a local first");
        }
    }

    /**
     * {@code left op right}. When the right operand suspends, the left one is kept across the
     * suspension, converted as Java converts it before it evaluates the right operand: a numeric
     * or boolean operation unboxes it then, so a {@code null} throws before the right operand runs.
     */
    private Val binary(BinaryTree b) {
        ExpressionTree left = b.getLeftOperand();
        ExpressionTree right = b.getRightOperand();
        Val l = value(left);
        if (a.suspends(right)) {
            boolean equality = b.getKind() == Tree.Kind.EQUAL_TO || b.getKind() == Tree.Kind.NOT_EQUAL_TO;
            // == unboxes its left operand exactly when the right one is primitive
            l = leftOperand(l, left, right, equality ? witness(right) : witness(b));
        }
        Val r = value(right);
        return composite(b, l.code + " " + Operators.symbol(b.getKind()) + " " + r.code, union(l.captures, r.captures));
    }

    /**
     * The left operand {@code l} of an operation whose right operand suspends: kept in a field
     * unless it is stable, and, if it may be a {@code null} box, converted as the operation
     * converts it, through {@code leftOperand(() -> WITNESS).of(l)} (see {@code CoroutineFrame}).
     */
    private Val leftOperand(Val l, ExpressionTree left, ExpressionTree right, String witness) {
        String converted = boxed.mayBeNullBox(left) ? "leftOperand(() -> " + witness + ").of(" + l.code + ")" : null;
        return keep(l, !l.stable || assignedLater(List.of(left, right), 0), converted);
    }

    /**
     * A value evaluated before a later suspension: kept in a field if {@code inField}, else read
     * again after it. {@code converted} is its conversion to do now ({@code null}: none); a value
     * read again is converted now only for the effect (a {@code null} box throws).
     */
    private Val keep(Val v, boolean inField, String converted) {
        if (inField) {
            return spill(converted != null ? converted : v.raw, v);
        }
        if (converted != null) {
            m.line(converted + ";", v.captures);
        }
        return v;
    }

    /** A value computed from lowered operands, typed again like the original expression. */
    private Val composite(ExpressionTree original, String code, Set<LocalVar> captures) {
        return new Val(code, false, code, restoreWith(original), captures);
    }

    /**
     * Evaluates operands in order; each one evaluated before a later suspension point is kept in
     * a field unless it is stable, so that the suspension cannot change what it evaluated to.
     */
    private List<Val> operands(List<? extends ExpressionTree> trees) {
        return operands(trees, t -> false);
    }

    /**
     * {@link #operands(List)}, where {@code unboxedNow} tells the operands Java unboxes as soon as
     * it has evaluated them: an array index or dimension, an element of a primitive array, an
     * argument of a primitive parameter. One of them that may be a {@code null} box is unboxed
     * before a later operand suspends, through {@code unboxed().of(operand)} (see
     * {@code CoroutineFrame}), so that it throws where Java does; its value does not change.
     */
    private List<Val> operands(List<? extends ExpressionTree> trees, Predicate<ExpressionTree> unboxedNow) {
        int last = -1;
        for (int i = 0; i < trees.size(); i++) {
            if (a.suspends(trees.get(i))) {
                last = i;
            }
        }
        List<Val> vals = new ArrayList<>();
        for (int i = 0; i < trees.size(); i++) {
            ExpressionTree tree = trees.get(i);
            Val v = value(tree);
            if (i < last) {
                String converted = unboxedNow.test(tree) && boxed.mayBeNullBox(tree)
                        ? "unboxed().of(" + v.code + ")" : null;
                v = keep(v, !v.stable || assignedLater(trees, i), converted);
            }
            vals.add(v);
        }
        return vals;
    }

    /** Whether a local read by operand {@code i} is assigned by a later operand before its use. */
    private boolean assignedLater(List<? extends ExpressionTree> trees, int i) {
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
        new com.sun.source.util.TreeScanner<Void, Void>() {
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

    private Val spill(Val v) {
        return spill(v.raw, v);
    }

    /** Keeps {@code code}, the value of {@code v} (perhaps converted), in a field. */
    private Val spill(String code, Val v) {
        String field = objectTemp();
        m.line(field + " = " + code + ";", v.captures);
        return savedIn(field, v.restore);
    }

    private Val savedIn(String field, Function<String, String> restore) {
        return new Val(restore.apply(field), true, field, restore, Set.of());
    }

    /** {@code restore(() -> WITNESS, field)}; the witness is printed only if a value is kept. */
    private Function<String, String> restoreWith(ExpressionTree original) {
        return field -> "restore(() -> " + witness(original) + ", " + field + ")";
    }

    /** An await or a coroutine call: suspend, then the value is the outcome of the suspension. */
    private Val suspension(Suspension s) {
        suspend(s);
        if (s.kind == Suspension.Kind.AWAIT) {
            String w = witness(s.call);
            Function<String, String> restore = field -> "resultOf(false ? " + w + " : null, " + field + ")";
            return new Val(restore.apply(awaitedParam), false, awaitedParam, restore, Set.of());
        }
        if (s.returnsVoid()) {
            return new Val("null", true, "null", f -> "null", Set.of());
        }
        TypeMirror r = s.callee.getReturnType();
        Function<String, String> restore;
        if (FrameTypes.typedResult(r, awaitedParam, resolver.javaLang()) != null) {
            restore = field -> FrameTypes.typedResult(r, field, resolver.javaLang());
        } else {
            String w = witness(s.call);
            restore = field -> "resultOf(false ? " + w + " : null, " + field + ")";
        }
        return new Val(restore.apply(awaitedParam), false, awaitedParam, restore, Set.of());
    }

    /** Suspends on what {@code s} awaits; continues in a new state that rethrows a failure. */
    private void suspend(Suspension s) {
        String awaitable;
        Set<LocalVar> captures;
        if (s.kind == Suspension.Kind.AWAIT) {
            Val arg = value(s.awaited);
            awaitable = "suspendOn(" + targeted(s, arg.code) + ")";
            captures = arg.captures;
        } else {
            List<ExpressionTree> args = new ArrayList<>();
            if (s.receiver != null) {
                args.add(s.receiver);
            }
            args.addAll(s.call.getArguments());
            List<Val> vals = operands(args, unboxedArguments(s.call.getArguments(),
                    resolver.methodsOf((TypeElement) s.callee.getEnclosingElement(), s.callee.getSimpleName().toString())));
            Map<Tree, String> r = new IdentityHashMap<>();
            for (int i = 0; i < args.size(); i++) {
                r.put(args.get(i), vals.get(i).code);
            }
            CodePrinter p = printer(r);
            awaitable = p.factoryCallText(s.call, s);
            captures = union(union(vals), p.captures());
        }
        Machine.Label resume = m.newLabel();
        m.suspend(awaitable, resume, captures);
        m.start(resume);
        m.line("if (" + failureParam + " != null) throw " + failureParam + ";");
    }

    /**
     * The awaited expression {@code code} of {@code s}, given the type its context gives the
     * await where its own typing depends on it ({@link AwaitTargets}):
     * {@code Frame.<Map<String, Integer>>targeted(later(new TreeMap<>(...)))}.
     */
    private String targeted(Suspension s, String code) {
        if (!awaitTargets.dependsOnTarget(s.awaited)) {
            return code;
        }
        AwaitTargets.Target target = awaitTargets.targetOf(s.call);
        if (target == AwaitTargets.Target.UNKNOWN) {
            throw new ProcessingFailure(s.awaited, "Weft evaluates what an await waits for before the await, and"
                    + " there this expression does not get the type that the context of the await gives it in Java;"
                    + " its lambda, method reference or <> needs that type. Declare it first with the type you mean"
                    + " (for example Awaitable<...> pending = ...;), then await(pending)");
        }
        return target.type == null ? code : frameName + ".<" + target.type + ">targeted(" + code + ")";
    }

    private Val call(MethodInvocationTree mi) {
        ExpressionTree select = mi.getMethodSelect();
        List<ExpressionTree> trees = new ArrayList<>();
        if (select instanceof MemberSelectTree && isExpression(((MemberSelectTree) select).getExpression())) {
            trees.add(((MemberSelectTree) select).getExpression());
        }
        trees.addAll(mi.getArguments());
        return withOperands(mi, trees, unboxedArguments(mi.getArguments(), boxed.methodsCalled(mi)));
    }

    private Val newClass(NewClassTree nc) {
        List<ExpressionTree> trees = new ArrayList<>();
        if (nc.getEnclosingExpression() != null) {
            trees.add(nc.getEnclosingExpression());
        }
        trees.addAll(nc.getArguments());
        Tree type = nc.getIdentifier() instanceof com.sun.source.tree.ParameterizedTypeTree
                ? ((com.sun.source.tree.ParameterizedTypeTree) nc.getIdentifier()).getType() : nc.getIdentifier();
        TypeElement created = type instanceof ExpressionTree ? resolver.resolveTypeExpression((ExpressionTree) type) : null;
        List<? extends Element> constructors = created == null ? List.of()
                : ElementFilter.constructorsIn(created.getEnclosedElements());
        return withOperands(nc, trees, unboxedArguments(nc.getArguments(), constructors));
    }

    /** The arguments Java unboxes as it evaluates them: see {@link BoxedValues#primitiveParameters}. */
    private Predicate<ExpressionTree> unboxedArguments(List<? extends ExpressionTree> args,
            List<? extends Element> candidates) {
        Set<Integer> positions = BoxedValues.primitiveParameters(candidates, args.size());
        if (positions.isEmpty()) {
            return t -> false;
        }
        Set<ExpressionTree> unboxed = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i : positions) {
            unboxed.add(args.get(i));
        }
        return unboxed::contains;
    }

    private Val newArray(NewArrayTree na) {
        if (na.getInitializers() == null) {
            // dimensions are unboxed as they are evaluated
            return withOperands(na, new ArrayList<>(na.getDimensions()), t -> true);
        }
        // new T[]{...}: javac's tree holds the element type T
        nestedInitializerTypes(na, na.getType());
        return withOperands(na, new ArrayList<>(na.getInitializers()), primitiveElements(na.getType()));
    }

    /** An element of an array of a primitive type is unboxed as it is stored, before the next one. */
    private static Predicate<ExpressionTree> primitiveElements(Tree elementType) {
        boolean primitive = elementType instanceof com.sun.source.tree.PrimitiveTypeTree;
        return t -> primitive;
    }

    /** {@code e} printed again over its operands, evaluated (and kept) in Java's order. */
    private Val withOperands(ExpressionTree e, List<ExpressionTree> operandTrees,
            Predicate<ExpressionTree> unboxedNow) {
        List<Val> vals = operands(operandTrees, unboxedNow);
        Map<Tree, String> r = new IdentityHashMap<>();
        for (int i = 0; i < operandTrees.size(); i++) {
            r.put(operandTrees.get(i), vals.get(i).code);
        }
        CodePrinter p = printer(r);
        return composite(e, p.expression(e), union(union(vals), p.captures()));
    }

    private Val shortCircuit(BinaryTree b) {
        boolean and = b.getKind() == Tree.Kind.CONDITIONAL_AND;
        Val left = value(b.getLeftOperand());
        if (!a.suspends(b.getRightOperand())) {
            Val right = value(b.getRightOperand());
            return composite(b, left.code + (and ? " && " : " || ") + right.code, union(left.captures, right.captures));
        }
        String field = booleanTemp();
        Machine.Label end = m.newLabel();
        m.line(field + " = " + left.code + ";", left.captures);
        m.jumpIf(and ? "!" + field : field, end);
        Val right = value(b.getRightOperand());
        m.line(field + " = " + right.code + ";", right.captures);
        m.start(end);
        return new Val(field, true, field, f -> "((" + lang("Boolean") + ") " + f + ").booleanValue()", Set.of());
    }

    /**
     * {@code c ? a : b} where a branch suspends: the condition and each suspending branch are
     * evaluated into fields, then the conditional is written again with those values, so that javac
     * types it in its context exactly as it typed the original (a conditional's type depends on its
     * target: a field of one type cannot stand for it).
     */
    private Val conditional(ConditionalExpressionTree c) {
        Val cond = value(c.getCondition());
        Map<Tree, String> r = new IdentityHashMap<>();
        Set<LocalVar> captures = new LinkedHashSet<>(cond.captures);
        if (!a.suspends(c.getTrueExpression()) && !a.suspends(c.getFalseExpression())) {
            r.put(c.getCondition(), cond.code);
        } else {
            String flag = booleanTemp();
            m.line(flag + " = " + cond.code + ";", cond.captures);
            r.put(c.getCondition(), flag);
            Machine.Label otherwise = m.newLabel();
            Machine.Label end = m.newLabel();
            m.jumpIf("!" + flag, otherwise);
            branchValue(c, c.getTrueExpression(), c.getFalseExpression(), r);
            m.jump(end);
            m.start(otherwise);
            branchValue(c, c.getFalseExpression(), c.getTrueExpression(), r);
            m.start(end);
        }
        CodePrinter p = printer(r);
        return composite(c, p.expression(c), union(captures, p.captures()));
    }

    /**
     * Evaluates a suspending branch into a field; the final expression reads it back. Whether a
     * conditional is numeric, boolean or reference depends on the form of its operands (JLS
     * 15.25), and a kept value read back through the generic {@code restore} would make any
     * conditional a reference one. A suspension or a cast reads back in the form it had. Any other
     * branch that may be a box is read back converted to the type of the whole conditional,
     * {@code restore(() -> WITNESS_OF_CONDITIONAL, field)}: unboxed and promoted where the
     * conditional is numeric or boolean (a null box throws there, as in Java), unchanged where it
     * is a reference one. Where the other branch cannot be numeric, the conditional is a reference
     * one (and its witness might not type on its own: a lambda needs the target type).
     */
    private void branchValue(ConditionalExpressionTree c, ExpressionTree branch, ExpressionTree other,
            Map<Tree, String> replacements) {
        if (!a.suspends(branch)) {
            return;
        }
        Val v = value(branch);
        String field = objectTemp();
        m.line(field + " = " + v.raw + ";", v.captures);
        ExpressionTree form = unparen(branch);
        boolean keepsItsForm = form instanceof TypeCastTree
                || form instanceof MethodInvocationTree && a.suspensions.containsKey(form);
        boolean convert = !keepsItsForm && boxed.mayBeNullBox(branch) && BoxedValues.mayBeNumeric(other);
        replacements.put(branch, convert ? restoreWith(c).apply(field) : v.restore.apply(field));
    }

    private Val assignment(AssignmentTree as) {
        ExpressionTree target = unparen(as.getVariable());
        List<ExpressionTree> trees = new ArrayList<>(variableParts(target));
        trees.add(as.getExpression());
        // an array index is unboxed before the right side is evaluated
        ExpressionTree index = target instanceof ArrayAccessTree ? ((ArrayAccessTree) target).getIndex() : null;
        List<Val> vals = operands(trees, t -> t == index);
        String variable = variableCode(target, vals);
        Val rhs = vals.get(vals.size() - 1);
        return composite(as, variable + " = " + rhs.code, union(vals));
    }

    /**
     * {@code v op= e}: Java reads the variable before it evaluates {@code e}, so when {@code e}
     * suspends the old value is kept, and the store converts {@code old op e} to the variable's
     * type as the compound assignment would.
     */
    private Val compoundAssignment(CompoundAssignmentTree ca) {
        ExpressionTree target = unparen(ca.getVariable());
        String op = Operators.binaryOf(ca.getKind());
        LocalVar local = a.references.get(target);
        boolean rhsSuspends = a.suspends(ca.getExpression());
        // The value read from the variable is converted (unboxed) as in v = (T) (v op e) before e runs.
        String witness = witness(target) + " " + op + " (" + witness(ca.getExpression()) + ")";
        if (local != null && !a.assigns(ca.getExpression(), local)) {
            // Only this coroutine writes its locals, and e does not: reading it after e is the same.
            if (rhsSuspends) {
                leftOperand(value(target), target, ca.getExpression(), witness);
            }
            Val rhs = value(ca.getExpression());
            return composite(ca, local.emittedName + " " + Operators.symbol(ca.getKind()) + " " + rhs.code, rhs.captures);
        }
        List<ExpressionTree> parts = variableParts(target);
        List<Val> vals = new ArrayList<>();
        for (ExpressionTree part : parts) {
            Val v = value(part);
            vals.add(v.stable ? v : spill(v));
        }
        String variable = variableCode(target, vals);
        String w = witness(target);
        Val old = new Val(variable, false, variable, field -> "restore(() -> " + w + ", " + field + ")", union(vals));
        old = rhsSuspends ? leftOperand(old, target, ca.getExpression(), witness) : spill(old);
        Val rhs = value(ca.getExpression());
        String store = variable + " = restore(() -> " + w + ", (" + lang("Object") + ") (" + old.code + " " + op + " (" + rhs.code + ")))";
        return composite(ca, store, union(union(vals), rhs.captures));
    }

    private Val increment(UnaryTree u) {
        ExpressionTree target = unparen(u.getExpression());
        List<Val> vals = operands(variableParts(target));
        String variable = variableCode(target, vals);
        String op = Operators.symbol(u.getKind());
        boolean postfix = u.getKind() == Tree.Kind.POSTFIX_INCREMENT || u.getKind() == Tree.Kind.POSTFIX_DECREMENT;
        return composite(u, postfix ? variable + op : op + variable, union(vals));
    }

    /** The subexpressions a variable evaluates before it is read or written: receiver, array, index. */
    private List<ExpressionTree> variableParts(ExpressionTree target) {
        if (target instanceof ArrayAccessTree) {
            ArrayAccessTree aa = (ArrayAccessTree) target;
            return List.of(aa.getExpression(), aa.getIndex());
        }
        if (target instanceof MemberSelectTree && isExpression(((MemberSelectTree) target).getExpression())) {
            return List.of(((MemberSelectTree) target).getExpression());
        }
        return List.of();
    }

    private String variableCode(ExpressionTree target, List<Val> parts) {
        if (target instanceof ArrayAccessTree) {
            return parts.get(0).code + "[" + parts.get(1).code + "]";
        }
        if (target instanceof MemberSelectTree && isExpression(((MemberSelectTree) target).getExpression())) {
            return selectText((MemberSelectTree) target, parts.get(0).code);
        }
        return printer(Map.of()).expression(target);
    }

    /** {@code target.name} over the lowered target; printed, so that the member's access is checked. */
    private String selectText(MemberSelectTree ms, String target) {
        Map<Tree, String> r = new IdentityHashMap<>();
        r.put(ms.getExpression(), target);
        return printer(r).expression(ms);
    }

    /** Whether the left of a dot is evaluated (a value), rather than a type or package name. */
    private boolean isExpression(ExpressionTree t) {
        if (a.suspends(t)) {
            return true;
        }
        if (t instanceof IdentifierTree) {
            String name = ((IdentifierTree) t).getName().toString();
            return a.references.get(t) != null || !name.equals("this") && !name.equals("super")
                    && resolver.resolveField(name) != null;
        }
        if (t instanceof MemberSelectTree) {
            MemberSelectTree ms = (MemberSelectTree) t;
            if (ms.getIdentifier().contentEquals("this") || ms.getIdentifier().contentEquals("super")) {
                return false;
            }
            return ms.getIdentifier().contentEquals("class") || resolver.resolveTypeExpression(t) == null;
        }
        return true;
    }

    /**
     * Whether evaluating {@code e} later gives the same value with no observable difference:
     * literals, {@code this}, class literals, lambdas, and locals (only this coroutine writes its
     * locals; {@link #operands} checks that no later operand does).
     */
    private boolean isStable(ExpressionTree e) {
        e = unparen(e);
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
            return !isExpression(q) || isStable(q);
        }
        return false;
    }

    // ------------------------------------------------------------------ helpers

    /** A {@code java.lang} class as generated code names it (see {@link JavaLangNames}). */
    private String lang(String simpleName) {
        return resolver.javaLang().name(simpleName);
    }

    private CodePrinter printer(Map<Tree, String> replacements) {
        return new CodePrinter(a, resolver, CodePrinter.Mode.NATIVE, this, replacements);
    }

    private String witness(Tree e) {
        return new CodePrinter(a, resolver, CodePrinter.Mode.WITNESS, null, Map.of()).expression(e);
    }

    private String objectTemp() {
        if (objectTempsInUse == objectTemps.size()) {
            String name = a.names.fresh("saved" + (objectTemps.size() + 1));
            objectTemps.add(name);
            extraFields.add(new ExtraField(name, com.palantir.javapoet.ClassName.OBJECT, "a value kept across a suspension"));
        }
        return objectTemps.get(objectTempsInUse++);
    }

    private String intTemp() {
        String name = a.names.fresh("yielded" + (++yieldCount));
        extraFields.add(new ExtraField(name, TypeName.INT, "which yield of a switch expression gave its value"));
        return name;
    }

    private String booleanTemp() {
        if (booleanTempsInUse == booleanTemps.size()) {
            String name = a.names.fresh("condition" + (booleanTemps.size() + 1));
            booleanTemps.add(name);
            extraFields.add(new ExtraField(name, TypeName.BOOLEAN, "the value of a && or || whose right side suspends"));
        }
        return booleanTemps.get(booleanTempsInUse++);
    }

    private String snapshotDeclaration(LocalVar v) {
        return "final " + printer(Map.of()).type(v.typeTree) + " " + a.snapshotName(v) + " = " + v.emittedName + ";";
    }

    /**
     * Whether a loop condition is the constant {@code true}, for reachability: literal
     * {@code true} is; an expression that is not a constant expression (it reads a variable, calls
     * a method...) is not; a constant expression the processor does not evaluate may be.
     */
    private Reachability.Completion constantTruth(ExpressionTree condition) {
        ExpressionTree c = unparen(condition);
        if (Reachability.isLiteralTrue(c)) {
            return Reachability.Completion.YES;
        }
        if (c instanceof IdentifierTree && resolver.resolveField(((IdentifierTree) c).getName().toString()) != null
                && a.references.get(c) == null) {
            NameResolver.Member f = resolver.resolveField(((IdentifierTree) c).getName().toString());
            Object value = f.elements.get(0) instanceof VariableElement
                    ? ((VariableElement) f.elements.get(0)).getConstantValue() : null;
            return Boolean.TRUE.equals(value) ? Reachability.Completion.YES : Reachability.Completion.NO;
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
        e = unparen(e);
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
        new com.sun.source.util.TreeScanner<Void, Void>() {
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

    public static ExpressionTree unparen(ExpressionTree e) {
        while (e instanceof ParenthesizedTree) {
            e = ((ParenthesizedTree) e).getExpression();
        }
        return e;
    }

    static String indent(String text) {
        StringBuilder sb = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            sb.append(CodePrinter.INDENT).append(line);
        }
        return sb.toString();
    }

    private static Set<LocalVar> union(Set<LocalVar> a, Set<LocalVar> b) {
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

    private static Set<LocalVar> union(List<Val> vals) {
        Set<LocalVar> s = new LinkedHashSet<>();
        for (Val v : vals) {
            s.addAll(v.captures);
        }
        return s;
    }
}
