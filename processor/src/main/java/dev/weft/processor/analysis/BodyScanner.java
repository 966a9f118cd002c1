package dev.weft.processor.analysis;

import dev.weft.processor.model.Trees2;
import com.sun.source.tree.AssertTree;
import com.sun.source.tree.BindingPatternTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import dev.weft.processor.model.LocalVar;
import dev.weft.processor.model.Problems;
import dev.weft.processor.model.Suspension;
import dev.weft.processor.resolution.Member;
import dev.weft.processor.resolution.NameResolver;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;

/**
 * The scan of a coroutine body: the scopes of its locals and every reference to one, the
 * suspension points (awaits and calls of other coroutines, resolved without types), which trees
 * contain one, and the checks that need the path to a tree (no suspension inside a lambda, a class
 * body, a {@code synchronized} block or an {@code assert}; method references to coroutines;
 * overloads Weft cannot tell apart). A problem is reported and the scan goes on.
 */
final class BodyScanner extends TreePathScanner<Void, Void> {
    /** For DeclaredTypes outside class bodies: no name means something else there. */
    private static final Predicate<String> NOTHING_HIDDEN = name -> false;

    private final Analysis a;
    private final Problems problems;
    private final NameResolver resolver;
    /** Innermost last; a null value means the name is a member of a class body (not a local). */
    private final Deque<Map<String, LocalVar>> scopes = new ArrayDeque<>();
    /** Depth of lambda and class bodies: suspension is impossible there, locals are captured. */
    private int bodyDepth;
    /** Depth of class bodies: {@code this} and the body's own names mean something else there. */
    private int classDepth;
    private final Map<LocalVar, Integer> declaredAtDepth = new IdentityHashMap<>();
    private int synchronizedDepth;
    private int assertDepth;
    private Tree currentSwitch;
    private List<LocalVar> currentGroupLocals;

    BodyScanner(Analysis a, NameResolver resolver, Problems problems) {
        this.a = a;
        this.resolver = resolver;
        this.problems = problems;
        scopes.push(new HashMap<>());
    }

    void declareParameters(MethodTree method) {
        for (VariableTree p : method.getParameters()) {
            declare(new LocalVar(p.getName().toString(), LocalVar.Kind.PARAMETER, p, p.getType()));
        }
    }

    private LocalVar declare(LocalVar v) {
        scopes.peek().put(v.name, v);
        a.declarations.put(v.declaration, v);
        declaredAtDepth.put(v, bodyDepth);
        a.locals.add(v);
        return v;
    }

    private LocalVar lookup(String name) {
        for (Map<String, LocalVar> scope : scopes) {
            if (scope.containsKey(name)) {
                return scope.get(name);
            }
        }
        return null;
    }

    private void pushScope() {
        scopes.push(new HashMap<>());
    }

    private void popScope() {
        scopes.pop();
    }

    @Override
    public Void visitBlock(BlockTree node, Void p) {
        pushScope();
        List<LocalVar> saved = currentGroupLocals;
        currentGroupLocals = null;
        try {
            return super.visitBlock(node, p);
        } finally {
            currentGroupLocals = saved;
            popScope();
        }
    }

    @Override
    public Void visitVariable(VariableTree node, Void p) {
        Tree parent = getCurrentPath().getParentPath().getLeaf();
        if (parent instanceof ClassTree) {
            // a field of a local or anonymous class: scanned as class members
            return super.visitVariable(node, p);
        }
        scan(node.getModifiers(), p);
        scan(node.getType(), p);
        scan(node.getInitializer(), p);
        LocalVar.Kind kind = bodyDepth > 0 ? LocalVar.Kind.LAMBDA_LOCAL
                : parent instanceof CatchTree ? LocalVar.Kind.CATCH_PARAMETER
                : parent instanceof TryTree ? LocalVar.Kind.RESOURCE
                : LocalVar.Kind.LOCAL;
        LocalVar v = declare(new LocalVar(node.getName().toString(), kind, node, node.getType()));
        if (parent instanceof EnhancedForLoopTree) {
            v.forEachOf = ((EnhancedForLoopTree) parent).getExpression();
        }
        if (currentGroupLocals != null && parent instanceof CaseTree) {
            currentGroupLocals.add(v);
        }
        if (kind == LocalVar.Kind.RESOURCE) {
            a.tryResources.computeIfAbsent(parent, k -> new ArrayList<>()).add(v);
        }
        return null;
    }

    @Override
    public Void visitBindingPattern(BindingPatternTree node, Void p) {
        VariableTree v = node.getVariable();
        scan(v.getType(), p);
        LocalVar.Kind kind = bodyDepth > 0 ? LocalVar.Kind.LAMBDA_LOCAL : LocalVar.Kind.BINDING;
        // Flow scoping is approximated by the enclosing scope: at worst a binding is kept in a field
        // that did not need to be.
        LocalVar local = new LocalVar(v.getName().toString(), kind, node, v.getType());
        declare(local);
        a.declarations.put(v, local);
        return null;
    }

    @Override
    public Void visitForLoop(ForLoopTree node, Void p) {
        pushScope();
        try {
            return super.visitForLoop(node, p);
        } finally {
            popScope();
        }
    }

    @Override
    public Void visitEnhancedForLoop(EnhancedForLoopTree node, Void p) {
        scan(node.getExpression(), p);
        pushScope();
        try {
            scan(node.getVariable(), p);
            scan(node.getStatement(), p);
        } finally {
            popScope();
        }
        return null;
    }

    @Override
    public Void visitCatch(CatchTree node, Void p) {
        pushScope();
        try {
            return super.visitCatch(node, p);
        } finally {
            popScope();
        }
    }

    @Override
    public Void visitTry(TryTree node, Void p) {
        pushScope();
        try {
            scan(node.getResources(), p);
            scan(node.getBlock(), p);
        } finally {
            popScope();
        }
        scan(node.getCatches(), p);
        scan(node.getFinallyBlock(), p);
        return null;
    }

    @Override
    public Void visitSwitch(SwitchTree node, Void p) {
        scan(node.getExpression(), p);
        scanCases(node, node.getCases());
        return null;
    }

    @Override
    public Void visitSwitchExpression(SwitchExpressionTree node, Void p) {
        scan(node.getExpression(), p);
        scanCases(node, node.getCases());
        return null;
    }

    private void scanCases(Tree sw, List<? extends CaseTree> cases) {
        pushScope();
        Tree savedSwitch = currentSwitch;
        List<LocalVar> savedGroup = currentGroupLocals;
        currentSwitch = sw;
        List<LocalVar> groupLocals = new ArrayList<>();
        a.switchGroupLocals.put(sw, groupLocals);
        try {
            for (CaseTree c : cases) {
                currentGroupLocals = groupLocals;
                if (c.getCaseKind() == CaseTree.CaseKind.RULE) {
                    pushScope();
                    try {
                        scan(c, null);
                    } finally {
                        popScope();
                    }
                } else {
                    scan(c, null);
                }
            }
        } finally {
            currentSwitch = savedSwitch;
            currentGroupLocals = savedGroup;
            popScope();
        }
    }

    @Override
    public Void visitLambdaExpression(LambdaExpressionTree node, Void p) {
        pushScope();
        bodyDepth++;
        List<LocalVar> saved = currentGroupLocals;
        currentGroupLocals = null;
        try {
            return super.visitLambdaExpression(node, p);
        } finally {
            currentGroupLocals = saved;
            bodyDepth--;
            popScope();
        }
    }

    @Override
    public Void visitClass(ClassTree node, Void p) {
        Tree parent = getCurrentPath().getParentPath().getLeaf();
        if (!(parent instanceof NewClassTree)) {
            a.localClasses.add(node.getSimpleName().toString());
        }
        if (bodyDepth == 0 && (parent instanceof BlockTree || parent instanceof CaseTree)) {
            a.localClassDeclarations.add(getCurrentPath());
        }
        Map<String, LocalVar> members = new HashMap<>();
        for (Tree m : node.getMembers()) {
            if (m instanceof VariableTree) {
                members.put(((VariableTree) m).getName().toString(), null);
            }
        }
        scopes.push(members);
        bodyDepth++;
        classDepth++;
        List<LocalVar> saved = currentGroupLocals;
        currentGroupLocals = null;
        try {
            return super.visitClass(node, p);
        } finally {
            currentGroupLocals = saved;
            classDepth--;
            bodyDepth--;
            scopes.pop();
        }
    }

    @Override
    public Void visitMethod(MethodTree node, Void p) {
        // a method of a local or anonymous class
        pushScope();
        try {
            for (VariableTree param : node.getParameters()) {
                declare(new LocalVar(param.getName().toString(), LocalVar.Kind.LAMBDA_LOCAL, param, param.getType()));
            }
            scan(node.getBody(), p);
        } finally {
            popScope();
        }
        return null;
    }

    @Override
    public Void visitSynchronized(SynchronizedTree node, Void p) {
        scan(node.getExpression(), p);
        synchronizedDepth++;
        try {
            scan(node.getBlock(), p);
        } finally {
            synchronizedDepth--;
        }
        return null;
    }

    @Override
    public Void visitAssert(AssertTree node, Void p) {
        assertDepth++;
        try {
            return super.visitAssert(node, p);
        } finally {
            assertDepth--;
        }
    }

    @Override
    public Void visitIdentifier(IdentifierTree node, Void p) {
        LocalVar v = lookup(node.getName().toString());
        if (v != null) {
            a.references.put(node, v);
            Integer depth = declaredAtDepth.get(v);
            if (depth != null && depth < bodyDepth) {
                v.captured = true;
            }
        }
        return null;
    }

    @Override
    public Void visitMethodInvocation(MethodInvocationTree node, Void p) {
        super.visitMethodInvocation(node, p);
        Suspension s = suspensionOf(node);
        if (s == null) {
            return null;
        }
        if (bodyDepth > 0) {
            problems.report(node, "Weft cannot suspend inside a lambda, an anonymous class or a local class:"
                    + " their code runs later, outside the coroutine. Make the body a @Coroutine method and spawn"
                    + " or await it instead");
            return null;
        }
        if (synchronizedDepth > 0) {
            problems.report(node, "Weft cannot suspend inside a synchronized block: the monitor would be held"
                    + " while other tasks run. Use dev.weft.Lock instead");
            return null;
        }
        if (assertDepth > 0) {
            problems.report(node, "Weft cannot suspend inside an assert statement; await into a local variable"
                    + " first and assert on that");
            return null;
        }
        a.suspensions.put(node, s);
        a.suspensionPaths.put(node, getCurrentPath());
        for (Map<String, LocalVar> scope : scopes) {
            for (LocalVar v : scope.values()) {
                if (v != null) {
                    v.hoisted = true;
                }
            }
        }
        for (TreePath path = getCurrentPath(); path != null; path = path.getParentPath()) {
            if (!a.suspending.add(path.getLeaf())) {
                break;
            }
        }
        return null;
    }

    /** Whether an invocation is a suspension point, resolving names without types. */
    private Suspension suspensionOf(MethodInvocationTree node) {
        ExpressionTree select = node.getMethodSelect();
        if (select instanceof IdentifierTree) {
            String name = ((IdentifierTree) select).getName().toString();
            if (lookupShadowingMember(name)) {
                return null;
            }
            Member m = resolver.resolveMethod(name);
            if (m == null) {
                return null;
            }
            if (m.importedAs != null && isWeftAwait(m.elements.get(0), node)) {
                return Suspension.await(node);
            }
            return coroutineCall(node, name, m.elements, null);
        }
        if (select instanceof MemberSelectTree) {
            MemberSelectTree ms = (MemberSelectTree) select;
            String name = ms.getIdentifier().toString();
            ExpressionTree target = ms.getExpression();
            TypeElement type = a.types.typeNamed(target, NOTHING_HIDDEN);
            if (type != null) {
                if (type.getQualifiedName().contentEquals("dev.weft.Weft")) {
                    return name.equals("await") && isAwaitCall(node) ? Suspension.await(node) : null;
                }
                List<Element> methods = new ArrayList<>(resolver.methodsOf(type, name));
                methods.removeIf(e -> !e.getModifiers().contains(Modifier.STATIC));
                return coroutineCall(node, name, methods, null);
            }
            if (classDepth > 0) {
                return null; // this, and names a class body declares, mean the body's own there
            }
            type = a.types.typeOf(target, NOTHING_HIDDEN);
            if (type == null) {
                return null; // a receiver whose class only attribution knows: a plain call
            }
            Suspension call = coroutineCall(node, name, new ArrayList<>(resolver.methodsOf(type, name)),
                    isThis(target) ? null : target);
            if (call != null && call.callee.getModifiers().contains(Modifier.STATIC)) {
                if (!(Trees2.unparen(target) instanceof IdentifierTree)) {
                    problems.report(node, "Weft calls the static @Coroutine method " + name + " through its"
                            + " class only: write " + type.getSimpleName() + "." + name + "(...)");
                    return null;
                }
                // a variable evaluates to nothing observable: the static call needs no receiver
                call = coroutineCall(node, name, List.of(call.callee), null);
            }
            return call;
        }
        return null;
    }

    /**
     * A method reference to a {@code @Coroutine} method would call it as a plain method: the
     * coroutine would run outside the loop. Refused wherever the class is known.
     */
    @Override
    public Void visitMemberReference(MemberReferenceTree node, Void p) {
        super.visitMemberReference(node, p);
        if (node.getMode() != MemberReferenceTree.ReferenceMode.INVOKE) {
            return null;
        }
        ExpressionTree q = node.getQualifierExpression();
        TypeElement type;
        if (q instanceof IdentifierTree || q instanceof MemberSelectTree) {
            type = a.types.typeNamed(q, NOTHING_HIDDEN);
            if (type == null && classDepth == 0) {
                type = Trees2.isSuper(q) ? NameResolver.superclass(resolver.owner())
                        : a.types.typeOf(q, NOTHING_HIDDEN);
            }
        } else {
            type = a.types.typeOfTree(q, NOTHING_HIDDEN);
        }
        if (type == null) {
            return null;
        }
        String name = node.getName().toString();
        for (ExecutableElement m : resolver.methodsOf(type, name)) {
            if (resolver.isCoroutineMethod(m)) {
                problems.report(node, "Weft cannot make a method reference to the @Coroutine method "
                        + name + ": calling it would run the coroutine as plain Java, outside the event loop."
                        + " Use a lambda that spawns its coroutine object (() -> spawn("
                        + resolver.generated().reference((TypeElement) m.getEnclosingElement()) + "." + name
                        + "(...))), or call " + name + " directly from a coroutine");
                return null;
            }
        }
        return null;
    }

    private boolean lookupShadowingMember(String name) {
        // Inside a class body its own methods shadow the outer ones; only fields were recorded,
        // so look at the enclosing class trees on the path.
        for (TreePath path = getCurrentPath(); path != null; path = path.getParentPath()) {
            if (path.getLeaf() instanceof ClassTree) {
                for (Tree m : ((ClassTree) path.getLeaf()).getMembers()) {
                    if (m instanceof MethodTree && ((MethodTree) m).getName().contentEquals(name)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private boolean isThis(ExpressionTree t) {
        t = Trees2.unparen(t);
        return t instanceof IdentifierTree && ((IdentifierTree) t).getName().contentEquals("this");
    }

    private boolean isWeftAwait(Element method, MethodInvocationTree node) {
        return method.getSimpleName().contentEquals("await") && isAwaitCall(node)
                && ((TypeElement) method.getEnclosingElement()).getQualifiedName().contentEquals("dev.weft.Weft");
    }

    /**
     * Whether a call of Weft's {@code await} suspends: {@code await(x)}, or
     * {@code await(x, X.class)}, which declares the checked exception {@code x} may throw.
     * The class must be a literal: it is the witness's alone, and is never evaluated.
     */
    private boolean isAwaitCall(MethodInvocationTree node) {
        List<? extends ExpressionTree> args = node.getArguments();
        if (args.size() == 2) {
            ExpressionTree thrown = Trees2.unparen(args.get(1));
            if (!(thrown instanceof MemberSelectTree) || !((MemberSelectTree) thrown).getIdentifier().contentEquals("class")) {
                problems.report(args.get(1), "the second argument of await(x, X.class) in a coroutine must be a"
                        + " class literal, the checked exception that x may throw");
                return false;
            }
        }
        return args.size() == 1 || args.size() == 2;
    }

    /**
     * The coroutine call {@code node} makes, if the methods of its name that take as many
     * arguments are {@code @Coroutine} methods; {@code null} if they are plain.
     */
    private Suspension coroutineCall(MethodInvocationTree node, String name, List<Element> candidates,
            ExpressionTree receiver) {
        List<ExecutableElement> coroutines = new ArrayList<>();
        int plain = 0;
        for (Element e : candidates) {
            if (e instanceof ExecutableElement
                    && !Member.acceptsArity((ExecutableElement) e, node.getArguments().size())) {
                continue; // the call cannot mean it
            }
            if (resolver.isCoroutineMethod(e)) {
                coroutines.add((ExecutableElement) e);
            } else {
                plain++;
            }
        }
        if (coroutines.isEmpty()) {
            return null;
        }
        if (plain > 0) {
            problems.report(node, "'" + name + "' with " + node.getArguments().size() + " argument(s) names both"
                    + " @Coroutine and plain methods; Weft resolves coroutine calls without types and cannot tell"
                    + " them apart. Rename one of them");
            return null;
        }
        ExecutableElement callee = coroutines.get(0);
        for (ExecutableElement other : coroutines) {
            TypeKind a = callee.getReturnType().getKind();
            TypeKind b = other.getReturnType().getKind();
            if (a != b && (a.isPrimitive() || b.isPrimitive() || a == TypeKind.VOID || b == TypeKind.VOID)) {
                problems.report(node, "the @Coroutine overloads of '" + name + "' return different primitive"
                        + " types; Weft needs them to agree. Rename one of them");
                return null;
            }
        }
        TypeElement declaring = (TypeElement) callee.getEnclosingElement();
        return Suspension.coroutineCall(node, callee, receiver);
    }
}
