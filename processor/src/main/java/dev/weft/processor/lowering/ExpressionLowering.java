package dev.weft.processor.lowering;

import dev.weft.processor.model.Trees2;
import com.sun.source.tree.AnnotatedTypeTree;
import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.ArrayTypeTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParameterizedTypeTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import dev.weft.processor.analysis.Analysis;
import dev.weft.processor.analysis.AwaitTargets;
import dev.weft.processor.analysis.BoxedValues;
import dev.weft.processor.emission.Code;
import dev.weft.processor.emission.CodePrinter;
import dev.weft.processor.emission.Operators;
import dev.weft.processor.emission.Protocol;
import dev.weft.processor.model.LocalVar;
import dev.weft.processor.model.ProcessingFailure;
import dev.weft.processor.model.Suspension;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/**
 * Lowers expressions into values valid in the current state: an expression without a suspension
 * point is printed; one with a suspension point evaluates its operands in Java's order (see
 * {@link Operands}), suspends, and is written again over what it computed, typed like the
 * original through witnesses.
 */
final class ExpressionLowering {
    private final Lowerer l;
    private final Analysis a;
    private final Machine m;
    private final Operands operands;
    private final Assignments assignments;
    /** The array type of each bare array initializer ({@code {1, 2}}) to lower, by its context. */
    private final Map<NewArrayTree, Tree> initializerTypes = new IdentityHashMap<>();

    ExpressionLowering(Lowerer l) {
        this.l = l;
        this.a = l.a;
        this.m = l.m;
        this.operands = l.operands;
        this.assignments = new Assignments(l, operands);
    }

    /** Lowers {@code e} (may emit code and states) into a value valid in the current state. */
    Val value(ExpressionTree e) {
        if (isBareInitializer(e)) {
            return typedInitializer((NewArrayTree) e);
        }
        if (!a.suspends(e)) {
            CodePrinter p = l.printer(Map.of());
            Code code = p.expression(e);
            return new Val(code, operands.isStable(e), code, operands.restoreWith(e), p.captures());
        }
        switch (e.getKind()) {
            case PARENTHESIZED: {
                Val v = value(((ParenthesizedTree) e).getExpression());
                return new Val(Code.of("(", v.code, ")"), v.stable, v.raw, v.restore, v.captures);
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
                return assignments.assignment((AssignmentTree) e);
            case TYPE_CAST: {
                // A kept value is cast again: a cast is typed on its own, in every context.
                TypeCastTree c = (TypeCastTree) e;
                Val v = value(c.getExpression());
                Code type = Code.of("(", l.printer(Map.of()).type(c.getType()), ") ");
                Code code = Code.of(type, v.code);
                return new Val(code, false, code, field -> Code.of(type, field), v.captures);
            }
            case INSTANCE_OF:
                return over(e, ((InstanceOfTree) e).getExpression());
            case MEMBER_SELECT: {
                MemberSelectTree ms = (MemberSelectTree) e;
                Val v = value(ms.getExpression());
                return operands.composite(e, select(ms, v.code), v.captures);
            }
            case ARRAY_ACCESS: {
                ArrayAccessTree aa = (ArrayAccessTree) e;
                List<Val> ops = operands.of(List.of(aa.getExpression(), aa.getIndex()));
                return operands.composite(e, Code.of(ops.get(0).code, "[", ops.get(1).code, "]"), Lowerer.union(ops));
            }
            case MEMBER_REFERENCE:
                return over(e, ((MemberReferenceTree) e).getQualifierExpression());
            case SWITCH_EXPRESSION:
                return l.switches.switchExpression((SwitchExpressionTree) e);
            case POSTFIX_INCREMENT:
            case POSTFIX_DECREMENT:
            case PREFIX_INCREMENT:
            case PREFIX_DECREMENT:
                return assignments.increment((UnaryTree) e);
            case UNARY_PLUS:
            case UNARY_MINUS:
            case BITWISE_COMPLEMENT:
            case LOGICAL_COMPLEMENT: {
                Val v = value(((UnaryTree) e).getExpression());
                String op = Operators.symbol(e.getKind());
                boolean apart = v.code.startsWith(op) || (op.equals("-") || op.equals("+"))
                        && (v.code.startsWith("-") || v.code.startsWith("+"));
                return operands.composite(e, Code.of(op, apart ? " " : "", v.code), v.captures);
            }
            case LAMBDA_EXPRESSION:
                throw new IllegalStateException("suspension inside a lambda passed the analysis");
            default:
                if (e instanceof CompoundAssignmentTree) {
                    return assignments.compoundAssignment((CompoundAssignmentTree) e);
                }
                if (e instanceof BinaryTree) {
                    return binary((BinaryTree) e);
                }
                throw new ProcessingFailure(e, "Weft cannot suspend inside this kind of expression ("
                        + e.getKind() + ") yet; assign the awaited value to a local first");
        }
    }

    /** {@code e} printed again over its one lowered operand {@code operand}. */
    private Val over(ExpressionTree e, ExpressionTree operand) {
        Val v = value(operand);
        Map<Tree, Code> r = new IdentityHashMap<>();
        r.put(operand, v.code);
        CodePrinter p = l.printer(r);
        return operands.composite(e, p.expression(e), Lowerer.union(v.captures, p.captures()));
    }

    /**
     * {@code left op right}. When the right operand suspends, the left one is kept across the
     * suspension, converted as Java converts it before it evaluates the right operand: a numeric
     * or boolean operation unboxes it then, so a {@code null} throws before the right operand runs.
     */
    private Val binary(BinaryTree b) {
        ExpressionTree left = b.getLeftOperand();
        ExpressionTree right = b.getRightOperand();
        Val lv = value(left);
        if (a.suspends(right)) {
            boolean equality = b.getKind() == Tree.Kind.EQUAL_TO || b.getKind() == Tree.Kind.NOT_EQUAL_TO;
            // == unboxes its left operand exactly when the right one is primitive
            lv = operands.left(lv, left, right, equality ? l.witness(right) : l.witness(b));
        }
        Val rv = value(right);
        return operands.composite(b, Code.of(lv.code, " ", Operators.symbol(b.getKind()), " ", rv.code),
                Lowerer.union(lv.captures, rv.captures));
    }

    // ------------------------------------------------------------------ suspensions

    /** An await or a coroutine call: suspend, then the value is the outcome of the suspension. */
    private Val suspension(Suspension s) {
        suspend(s);
        Code awaited = Code.of(l.awaitedParam);
        if (s.kind == Suspension.Kind.COROUTINE_CALL && s.returnsVoid()) {
            return new Val(Code.of("null"), true, Code.of("null"), f -> Code.of("null"), Set.of());
        }
        Function<Code, Code> restore;
        TypeMirror r = s.kind == Suspension.Kind.COROUTINE_CALL ? s.callee.getReturnType() : null;
        if (r != null && r.getKind().isPrimitive()) {
            // possibly unboxed (callInline); kept across a suspension boxed, like any value
            Code result = Protocol.callResult(r, awaited);
            return new Val(result, false, result, field -> Protocol.typedResult(r, field), Set.of());
        }
        if (r != null && Protocol.typedResult(r, awaited) != null) {
            restore = field -> Protocol.typedResult(r, field);
        } else {
            Code w = l.witness(s.call);
            restore = field -> Protocol.resultOf(w, field);
        }
        return new Val(restore.apply(awaited), false, awaited, restore, Set.of());
    }

    /** Suspends on what {@code s} awaits; continues in a new state that rethrows a failure. */
    void suspend(Suspension s) {
        Code awaitable;
        Set<LocalVar> captures;
        if (s.kind == Suspension.Kind.AWAIT) {
            Val arg = value(s.awaited);
            awaitable = Protocol.suspendOn(targeted(s, arg.code));
            captures = arg.captures;
        } else {
            List<ExpressionTree> args = new ArrayList<>();
            if (s.receiver != null) {
                args.add(s.receiver);
            }
            args.addAll(s.call.getArguments());
            List<Val> vals = operands.of(args, unboxedArguments(s.call.getArguments(), l.resolver.methodsOf(
                    (TypeElement) s.callee.getEnclosingElement(), s.callee.getSimpleName().toString())));
            Map<Tree, Code> r = new IdentityHashMap<>();
            for (int i = 0; i < args.size(); i++) {
                r.put(args.get(i), vals.get(i).code);
            }
            CodePrinter p = l.printer(r);
            awaitable = p.factoryCallText(s.call, s);
            captures = Lowerer.union(Lowerer.union(vals), p.captures());
        }
        Machine.Label resume = m.newLabel();
        if (s.kind == Suspension.Kind.AWAIT) {
            m.suspend(awaitable, resume, captures);
        } else {
            m.callCoroutine(awaitable, resume, captures, l.awaitedParam, l.failureParam);
        }
        m.start(resume);
        m.line(Protocol.rethrow(l.failureParam));
    }

    /**
     * The awaited expression {@code code} of {@code s}, given the type its context gives the
     * await where its own typing depends on it ({@link AwaitTargets}):
     * {@code Frame.<Map<String, Integer>>targeted(later(new TreeMap<>(...)))}.
     */
    private Code targeted(Suspension s, Code code) {
        if (!l.awaitTargets.dependsOnTarget(s.awaited)) {
            return code;
        }
        AwaitTargets.Target target = l.awaitTargets.targetOf(s.call);
        if (target == AwaitTargets.Target.UNKNOWN) {
            throw new ProcessingFailure(s.awaited, AwaitTargets.UNKNOWN_TARGET);
        }
        if (!target.isDeclared()) {
            return code;
        }
        Code type = target.typeTree != null ? l.printer(Map.of()).type(target.typeTree)
                : Code.of(com.palantir.javapoet.TypeName.get(target.type));
        return Protocol.targeted(l.frameName, type, code);
    }

    // ------------------------------------------------------------------ calls and creations

    private Val call(MethodInvocationTree mi) {
        ExpressionTree select = mi.getMethodSelect();
        List<ExpressionTree> trees = new ArrayList<>();
        if (select instanceof MemberSelectTree && isExpression(((MemberSelectTree) select).getExpression())) {
            trees.add(((MemberSelectTree) select).getExpression());
        }
        trees.addAll(mi.getArguments());
        return withOperands(mi, trees, unboxedArguments(mi.getArguments(), l.boxed.methodsCalled(mi)));
    }

    private Val newClass(NewClassTree nc) {
        List<ExpressionTree> trees = new ArrayList<>();
        if (nc.getEnclosingExpression() != null) {
            trees.add(nc.getEnclosingExpression());
        }
        trees.addAll(nc.getArguments());
        Tree type = nc.getIdentifier() instanceof ParameterizedTypeTree
                ? ((ParameterizedTypeTree) nc.getIdentifier()).getType() : nc.getIdentifier();
        TypeElement created = type instanceof ExpressionTree
                ? l.resolver.resolveTypeExpression((ExpressionTree) type) : null;
        List<? extends Element> constructors = created == null ? List.of()
                : ElementFilter.constructorsIn(created.getEnclosedElements());
        return withOperands(nc, trees, unboxedArguments(nc.getArguments(), constructors));
    }

    /** The arguments Java unboxes as it evaluates them: see {@link BoxedValues#primitiveParameters}. */
    private static Predicate<ExpressionTree> unboxedArguments(List<? extends ExpressionTree> args,
            List<? extends Element> candidates) {
        Set<Integer> positions = BoxedValues.primitiveParameters(candidates, args.size());
        if (positions.isEmpty()) {
            return t -> false;
        }
        Set<ExpressionTree> unboxed = Collections.newSetFromMap(new IdentityHashMap<>());
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
        boolean primitive = elementType instanceof PrimitiveTypeTree;
        return t -> primitive;
    }

    /** {@code e} printed again over its operands, evaluated (and kept) in Java's order. */
    private Val withOperands(ExpressionTree e, List<ExpressionTree> operandTrees,
            Predicate<ExpressionTree> unboxedNow) {
        List<Val> vals = operands.of(operandTrees, unboxedNow);
        Map<Tree, Code> r = new IdentityHashMap<>();
        for (int i = 0; i < operandTrees.size(); i++) {
            r.put(operandTrees.get(i), vals.get(i).code);
        }
        CodePrinter p = l.printer(r);
        return operands.composite(e, p.expression(e), Lowerer.union(Lowerer.union(vals), p.captures()));
    }

    // ------------------------------------------------------------------ conditionals

    private Val shortCircuit(BinaryTree b) {
        boolean and = b.getKind() == Tree.Kind.CONDITIONAL_AND;
        Val left = value(b.getLeftOperand());
        if (!a.suspends(b.getRightOperand())) {
            Val right = value(b.getRightOperand());
            return operands.composite(b, Code.of(left.code, and ? " && " : " || ", right.code),
                    Lowerer.union(left.captures, right.captures));
        }
        Code field = l.temps.bool();
        Machine.Label end = m.newLabel();
        m.line(Code.of(field, " = ", left.code, ";"), left.captures);
        m.jumpIf(and ? Code.of("!", field) : field, end);
        Val right = value(b.getRightOperand());
        m.line(Code.of(field, " = ", right.code, ";"), right.captures);
        m.start(end);
        return new Val(field, true, field, f -> Code.of("((", Protocol.lang("Boolean"), ") ", f, ").booleanValue()"),
                Set.of());
    }

    /**
     * {@code c ? a : b} where a branch suspends: the condition and each suspending branch are
     * evaluated into fields, then the conditional is written again with those values, so that javac
     * types it in its context exactly as it typed the original (a conditional's type depends on its
     * target: a field of one type cannot stand for it).
     */
    private Val conditional(ConditionalExpressionTree c) {
        Val cond = value(c.getCondition());
        Map<Tree, Code> r = new IdentityHashMap<>();
        Set<LocalVar> captures = new LinkedHashSet<>(cond.captures);
        if (!a.suspends(c.getTrueExpression()) && !a.suspends(c.getFalseExpression())) {
            r.put(c.getCondition(), cond.code);
        } else {
            Code flag = l.temps.bool();
            m.line(Code.of(flag, " = ", cond.code, ";"), cond.captures);
            r.put(c.getCondition(), flag);
            Machine.Label otherwise = m.newLabel();
            Machine.Label end = m.newLabel();
            m.jumpIf(Code.of("!", flag), otherwise);
            branchValue(c.getTrueExpression(), r, captures);
            m.jump(end);
            m.start(otherwise);
            branchValue(c.getFalseExpression(), r, captures);
            m.start(end);
        }
        CodePrinter p = l.printer(r);
        return operands.composite(c, p.expression(c), Lowerer.union(captures, p.captures()));
    }

    /**
     * A suspending branch of a conditional. A suspension or a cast is kept in a field and read back
     * in the form it had. Any other branch is written into the final conditional as its own lowered
     * expression, over the fields its parts were kept in: nothing runs between the end of the
     * branch and the point where the conditional is composed again, and whether a conditional is
     * numeric, boolean or reference depends on the form of its operands (JLS 15.25), which a value
     * read back through the generic {@code restore} would not keep (javac takes such a read-back
     * for a poly reference conditional where the original was numeric: {@code b ? id(x) : (char)
     * 65} printed {@code A} instead of {@code 65}).
     */
    private void branchValue(ExpressionTree branch, Map<Tree, Code> replacements, Set<LocalVar> captures) {
        if (!a.suspends(branch)) {
            return;
        }
        Val v = value(branch);
        ExpressionTree form = Trees2.unparen(branch);
        boolean keepsItsForm = form instanceof TypeCastTree
                || form instanceof MethodInvocationTree && a.suspensions.containsKey(form);
        if (!keepsItsForm) {
            replacements.put(branch, v.code);
            captures.addAll(v.captures);
            return;
        }
        Code field = l.temps.object();
        m.line(Code.of(field, " = ", v.raw, ";"), v.captures);
        replacements.put(branch, v.restore.apply(field));
    }

    // ------------------------------------------------------------------ locals and array initializers

    /**
     * {@code T x = await(e)} with a reference type {@code T}: once suspended, the value is simply
     * cast to {@code T}, which is what assigning the typed result would do at run time; no witness
     * is needed (javac types less). Not for primitive types: the awaited value's box may need a
     * widening conversion a cast would not make. Returns {@code null} if not applicable.
     */
    Val castIfAwaitedIntoReference(ExpressionTree init, LocalVar local) {
        ExpressionTree e = Trees2.unparen(init);
        Suspension s = e instanceof MethodInvocationTree ? a.suspensions.get(e) : null;
        if (s == null || local.typeTree == null && local.derivedType == null || local.primitiveKind() != null
                || s.kind == Suspension.Kind.COROUTINE_CALL && s.callee.getReturnType().getKind().isPrimitive()) {
            return null;
        }
        suspend(s);
        Code type = Code.of("(", l.printer(Map.of()).localType(local), ") ");
        return new Val(Code.of(type, l.awaitedParam), false, Code.of(l.awaitedParam), field -> Code.of(type, field),
                Set.of());
    }

    /** The value of a local's initializer; a bare array initializer takes the declared type. */
    Val initializerValue(VariableTree v) {
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
        Code type = l.printer(Map.of()).type(arrayType);
        Code elements;
        Set<LocalVar> captures;
        if (a.suspends(na)) {
            Val v = withOperands(na, new ArrayList<>(na.getInitializers()), primitiveElements(elementType));
            elements = v.code;
            captures = v.captures;
        } else {
            CodePrinter p = l.printer(Map.of());
            elements = p.expression(na);
            captures = p.captures();
        }
        Code code = Code.of("new ", type, elements);
        return new Val(code, false, code, field -> Code.of("(", type, ") ", field), captures);
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
        Tree t = arrayType instanceof AnnotatedTypeTree ? ((AnnotatedTypeTree) arrayType).getUnderlyingType() : arrayType;
        if (!(t instanceof ArrayTypeTree)) {
            throw new ProcessingFailure(where, "Weft cannot tell the type of this array initializer; write it as"
                    + " new T[] {...}");
        }
        return ((ArrayTypeTree) t).getType();
    }

    // ------------------------------------------------------------------ names

    /** {@code target.name} over the lowered target; printed, so that the member's access is checked. */
    Code select(MemberSelectTree ms, Code target) {
        Map<Tree, Code> r = new IdentityHashMap<>();
        r.put(ms.getExpression(), target);
        return l.printer(r).expression(ms);
    }

    /** Whether the left of a dot is evaluated (a value), rather than a type or package name. */
    boolean isExpression(ExpressionTree t) {
        if (a.suspends(t)) {
            return true;
        }
        if (t instanceof IdentifierTree) {
            String name = ((IdentifierTree) t).getName().toString();
            return a.references.get(t) != null || !name.equals("this") && !name.equals("super")
                    && l.resolver.resolveField(name) != null;
        }
        if (t instanceof MemberSelectTree) {
            MemberSelectTree ms = (MemberSelectTree) t;
            if (ms.getIdentifier().contentEquals("this") || ms.getIdentifier().contentEquals("super")) {
                return false;
            }
            return ms.getIdentifier().contentEquals("class") || l.resolver.resolveTypeExpression(t) == null;
        }
        return true;
    }
}
