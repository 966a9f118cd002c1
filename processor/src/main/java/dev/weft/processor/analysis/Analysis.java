package dev.weft.processor.analysis;

import dev.weft.processor.emission.CodePrinter;
import dev.weft.processor.lowering.Lowerer;
import dev.weft.processor.model.LocalVar;
import dev.weft.processor.model.Names;
import dev.weft.processor.model.ProcessingFailure;
import dev.weft.processor.model.Suspension;
import dev.weft.processor.resolution.DeclaredTypes;
import dev.weft.processor.resolution.NameResolver;

import com.sun.source.tree.AssertTree;
import com.sun.source.tree.BindingPatternTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
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
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.TypeParameterTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;

/**
 * What the processor learns from a coroutine body before it lowers it: its locals and their
 * scopes, every reference to a local, the suspension points, which trees contain one, and which
 * locals must live in fields because a suspension point lies in their scope. It also rejects, at
 * their position, the constructs Weft cannot compile.
 */
public final class Analysis {
    /** For {@link DeclaredTypes} outside class bodies: no name means something else there. */
    private static final Predicate<String> NOTHING_HIDDEN = name -> false;
    /** How generated code declares an unnamed variable (see {@link LocalVar#isUnnamed()}). */
    public static final String UNNAMED = "_";

    public final Map<Tree, LocalVar> declarations = new IdentityHashMap<>();
    public final Map<Tree, LocalVar> references = new IdentityHashMap<>();
    public final Map<MethodInvocationTree, Suspension> suspensions = new IdentityHashMap<>();
    /** Where each suspension point is, for the context that types it. */
    final Map<MethodInvocationTree, TreePath> suspensionPaths = new IdentityHashMap<>();
    /** Trees that contain a suspension point (themselves included). */
    final Set<Tree> suspending = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    public final List<LocalVar> locals = new ArrayList<>();
    public final Set<String> typeVariables = new HashSet<>();
    public final Set<String> localClasses = new HashSet<>();
    /** Locals declared directly in the case groups of old-style switches. */
    final Map<Tree, List<LocalVar>> switchGroupLocals = new IdentityHashMap<>();
    /** The resource variables of each try-with-resources. */
    final Map<Tree, List<LocalVar>> tryResources = new IdentityHashMap<>();
    public final Names names;
    /** The field holding the receiver of an instance coroutine, or {@code null}. */
    public final String selfName;
    /** The classes of receivers, as far as declarations say them. */
    public final DeclaredTypes types;
    /** Which expressions are constant expressions; set once the scan has seen every local. */
    public ConstantExpressions constants;

    /** Local classes declared directly in the coroutine body (not in a lambda or class body). */
    private final List<TreePath> localClassDeclarations = new ArrayList<>();
    private final Map<LocalVar, String> snapshots = new LinkedHashMap<>();
    private final Map<LocalVar, String> bindingTemps = new HashMap<>();
    /** Names no local may take in generated code: see {@link #noteQualifier}. */
    private final Set<String> reserved;
    /** The names of the locals in generated code. */
    private final Set<String> emittedNames = new HashSet<>();
    private final Set<String> shadowingLocals = new java.util.TreeSet<>();

    private Analysis(Names names, String selfName, NameResolver resolver, Set<String> reserved) {
        this.names = names;
        this.selfName = selfName;
        this.types = new DeclaredTypes(resolver, references, typeVariables, localClasses);
        this.reserved = reserved;
    }

    /** The name of the final local that snapshots a hoisted local for a lambda or class body. */
    public String snapshotName(LocalVar local) {
        return snapshots.computeIfAbsent(local, l -> names.fresh(l.emittedName + "Captured"));
    }

    /** The fresh local a hoisted pattern binding binds first. */
    public String bindingTemp(LocalVar local) {
        return bindingTemps.computeIfAbsent(local, l -> names.fresh(l.name + "Bound"));
    }

    /**
     * Records that generated code writes the type or package name {@code name} where an
     * expression may stand (the {@code T} of {@code T.field}, {@code TCoroutines} of a factory
     * call): a variable of that name in scope would shadow it there (JLS 6.5.2).
     */
    public void noteQualifier(String name) {
        if (emittedNames.contains(name)) {
            shadowingLocals.add(name);
        }
    }

    /**
     * The names of locals that shadow a name generated code needs ({@link #noteQualifier}): the
     * coroutine is then analyzed again with these names reserved, so that those locals get others.
     */
    public Set<String> shadowingLocals() {
        return shadowingLocals;
    }

    public boolean suspends(Tree t) {
        return t != null && suspending.contains(t);
    }

    /**
     * Analyzes the body of {@code method}; no local takes a name of {@code reserved}. Throws
     * {@link ProcessingFailure} at the first construct Weft cannot compile.
     */
    public static Analysis of(CompilationUnitTree unit, MethodTree method, ExecutableElement element,
            NameResolver resolver, Set<String> unitNames, Set<String> reserved) {
        Names names = new Names(unitNames);
        names.take("state");
        boolean isStatic = element.getModifiers().contains(Modifier.STATIC);
        String self = isStatic ? null : names.fresh("self");
        Analysis a = new Analysis(names, self, resolver, reserved);
        for (TypeParameterTree tp : method.getTypeParameters()) {
            a.typeVariables.add(tp.getName().toString());
        }
        if (!isStatic) {
            for (TypeElement t : resolver.instanceChain()) {
                t.getTypeParameters().forEach(tp -> a.typeVariables.add(tp.getSimpleName().toString()));
            }
        }
        Scanner scanner = a.new Scanner(resolver);
        scanner.declareParameters(method);
        scanner.scan(new TreePath(new TreePath(unit), method.getBody()), null);
        a.constants = new ConstantExpressions(a.references, resolver, a.typeVariables, a.localClasses);
        a.finish();
        return a;
    }

    /** After the scan: hoisting rules that need the whole picture, names, and checks. */
    private void finish() {
        for (Tree t : new ArrayList<>(suspending)) {
            if (t instanceof ForLoopTree) {
                // A lowered for loop tests and updates its variables in other states than its init.
                for (StatementTree init : ((ForLoopTree) t).getInitializer()) {
                    LocalVar v = declarations.get(init);
                    if (v != null) {
                        v.hoisted = true;
                    }
                }
            }
            if (t instanceof SwitchExpressionTree) {
                // A lowered switch expression is written again at its end, where each yield's value is
                // typed by a witness of the yield's expression: the locals it reads must be in scope.
                hoistLocalsReadByYields((SwitchExpressionTree) t);
            }
        }
        for (Map.Entry<Tree, List<LocalVar>> e : tryResources.entrySet()) {
            if (suspends(e.getKey())) {
                // A lowered try-with-resources closes its resources from other states.
                for (LocalVar v : e.getValue()) {
                    v.hoisted = true;
                }
            }
        }
        for (Map.Entry<Tree, List<LocalVar>> e : switchGroupLocals.entrySet()) {
            if (suspends(e.getKey())) {
                // Case groups of a lowered switch become separate states: their locals must be fields.
                for (LocalVar v : e.getValue()) {
                    v.hoisted = true;
                }
            }
        }
        for (TreePath declaration : localClassDeclarations) {
            checkLocalClassStaysInItsState(declaration);
        }
        // One name per variable in the whole method: lowering flattens blocks into states, where a
        // Java local of one block would otherwise shadow another block's variable (or field) of
        // the same name. The first variable of a name keeps it; later ones get a number.
        Set<String> used = new HashSet<>();
        for (LocalVar v : locals) {
            if (v.isUnnamed()) {
                v.hoisted = false; // never read: nothing to keep
                v.emittedName = UNNAMED;
                continue;
            }
            if (v.kind == LocalVar.Kind.PARAMETER) {
                v.hoisted = true;
            }
            // In declaration order: a constant's initializer may read the constants declared before.
            v.constant = v.kind == LocalVar.Kind.LOCAL && constants.declaresConstant(v);
            if (v.hoisted && v.kind != LocalVar.Kind.LAMBDA_LOCAL) {
                if (v.typeTree == null && v.kind != LocalVar.Kind.PARAMETER) {
                    if (hasAnonymousClassType(v)) {
                        throw new ProcessingFailure(v.declaration, "Weft keeps '" + v.name + "' in a field because it"
                                + " is used across an await, and a field cannot have the type of an anonymous class;"
                                + " declare a named class instead");
                    }
                    throw new ProcessingFailure(v.declaration, "Weft keeps '" + v.name + "' in a field because it is"
                            + " used across an await; declare its type explicitly instead of 'var'");
                }
                if (v.typeTree instanceof IdentifierTree
                        && localClasses.contains(((IdentifierTree) v.typeTree).getName().toString())) {
                    throw new ProcessingFailure(v.declaration, "Weft keeps '" + v.name + "' in a field because it is"
                            + " used across an await, and a field cannot have the type of a local class; declare the"
                            + " class outside the method");
                }
            }
            String name = v.name;
            if (used.contains(name) || isReserved(name)) {
                name = v.name + 2;
                for (int i = 3; used.contains(name) || isReserved(name) || names.isTaken(name); i++) {
                    name = v.name + i;
                }
            }
            used.add(name);
            names.take(name);
            v.emittedName = name;
        }
        emittedNames.addAll(used);
    }

    /** Whether a {@code var} local is initialized with an anonymous class: its type has no name. */
    private static boolean hasAnonymousClassType(LocalVar v) {
        if (!(v.declaration instanceof VariableTree) || ((VariableTree) v.declaration).getInitializer() == null) {
            return false;
        }
        ExpressionTree init = Lowerer.unparen(((VariableTree) v.declaration).getInitializer());
        return init instanceof NewClassTree && ((NewClassTree) init).getClassBody() != null;
    }

    /** The first suspension point inside {@code tree}, in source order, or {@code null}. */
    public MethodInvocationTree firstSuspensionIn(Tree tree) {
        MethodInvocationTree[] found = {null};
        new TreeScanner<Void, Void>() {
            @Override
            public Void scan(Tree t, Void p) {
                return found[0] == null ? super.scan(t, p) : null;
            }

            @Override
            public Void visitMethodInvocation(MethodInvocationTree node, Void p) {
                super.visitMethodInvocation(node, p); // arguments suspend before the call does
                if (found[0] == null && suspensions.containsKey(node)) {
                    found[0] = node;
                }
                return null;
            }
        }.scan(tree, null);
        return found[0];
    }

    /**
     * A local class is declared in the state that runs its declaration; code of later states (and
     * the witnesses of a suspending statement, written in the state after it) is outside that
     * block. So a statement that suspends, and any statement after it, must not name the class.
     */
    private void checkLocalClassStaysInItsState(TreePath declaration) {
        ClassTree declared = (ClassTree) declaration.getLeaf();
        String name = declared.getSimpleName().toString();
        boolean suspended = false;
        for (StatementTree s : statementsInScopeAfter(declaration)) {
            suspended |= suspends(s);
            if (suspended && names(s, name)) {
                throw new ProcessingFailure(declared, "Weft cannot compile the local class " + name + ", used across"
                        + " an await: the state machine resumes outside the block that declares it; declare the"
                        + " class outside the method");
            }
        }
    }

    /** The statements after a declaration in its block, or in its switch block (later groups included). */
    private static List<StatementTree> statementsInScopeAfter(TreePath declaration) {
        Tree declared = declaration.getLeaf();
        Tree parent = declaration.getParentPath().getLeaf();
        List<StatementTree> after = new ArrayList<>();
        List<? extends StatementTree> siblings;
        if (parent instanceof BlockTree) {
            siblings = ((BlockTree) parent).getStatements();
        } else if (parent instanceof CaseTree) {
            siblings = ((CaseTree) parent).getStatements();
        } else {
            return after;
        }
        after.addAll(siblings.subList(siblings.indexOf(declared) + 1, siblings.size()));
        if (parent instanceof CaseTree) {
            Tree sw = declaration.getParentPath().getParentPath().getLeaf();
            List<? extends CaseTree> cases = sw instanceof SwitchTree ? ((SwitchTree) sw).getCases()
                    : sw instanceof SwitchExpressionTree ? ((SwitchExpressionTree) sw).getCases() : List.of();
            for (CaseTree c : cases.subList(cases.indexOf(parent) + 1, cases.size())) {
                if (c.getStatements() != null) {
                    after.addAll(c.getStatements());
                }
            }
        }
        return after;
    }

    /** Whether {@code tree} uses the simple name {@code name}. */
    private static boolean names(Tree tree, String name) {
        boolean[] found = {false};
        new TreeScanner<Void, Void>() {
            @Override
            public Void visitIdentifier(IdentifierTree node, Void p) {
                found[0] |= node.getName().contentEquals(name);
                return null;
            }
        }.scan(tree, null);
        return found[0];
    }

    private void hoistLocalsReadByYields(SwitchExpressionTree sw) {
        new TreeScanner<Void, Boolean>() {
            @Override
            public Void visitYield(com.sun.source.tree.YieldTree node, Boolean inYield) {
                return super.visitYield(node, true);
            }

            @Override
            public Void visitIdentifier(IdentifierTree node, Boolean inYield) {
                LocalVar v = references.get(node);
                if (Boolean.TRUE.equals(inYield) && v != null && v.kind != LocalVar.Kind.LAMBDA_LOCAL) {
                    v.hoisted = true;
                }
                return null;
            }

            @Override
            public Void visitSwitchExpression(SwitchExpressionTree node, Boolean inYield) {
                return node == sw ? super.visitSwitchExpression(node, false) : null;
            }

            @Override
            public Void visitLambdaExpression(LambdaExpressionTree node, Boolean inYield) {
                return null;
            }

            @Override
            public Void visitClass(ClassTree node, Boolean inYield) {
                return null;
            }
        }.scan(sw, false);
    }

    /** Names of the generated class that user locals must not take. */
    private boolean isReserved(String name) {
        return name.equals("state") || name.equals(selfName) || reserved.contains(name);
    }

    /** The scan: scopes, references, suspension points, and the checks that need the path. */
    private final class Scanner extends TreePathScanner<Void, Void> {
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

        Scanner(NameResolver resolver) {
            this.resolver = resolver;
            scopes.push(new HashMap<>());
        }

        void declareParameters(MethodTree method) {
            for (VariableTree p : method.getParameters()) {
                declare(new LocalVar(p.getName().toString(), LocalVar.Kind.PARAMETER, p, p.getType()));
            }
        }

        private LocalVar declare(LocalVar v) {
            scopes.peek().put(v.name, v);
            declarations.put(v.declaration, v);
            declaredAtDepth.put(v, bodyDepth);
            locals.add(v);
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
            if (currentGroupLocals != null && parent instanceof CaseTree) {
                currentGroupLocals.add(v);
            }
            if (kind == LocalVar.Kind.RESOURCE) {
                tryResources.computeIfAbsent(parent, k -> new ArrayList<>()).add(v);
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
            declarations.put(v, local);
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
            switchGroupLocals.put(sw, groupLocals);
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
                localClasses.add(node.getSimpleName().toString());
            }
            if (bodyDepth == 0 && (parent instanceof BlockTree || parent instanceof CaseTree)) {
                localClassDeclarations.add(getCurrentPath());
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
                references.put(node, v);
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
                throw new ProcessingFailure(node, "Weft cannot suspend inside a lambda, an anonymous class or a"
                        + " local class: their code runs later, outside the coroutine. Make the body a"
                        + " @Coroutine method and spawn or await it instead");
            }
            if (synchronizedDepth > 0) {
                throw new ProcessingFailure(node, "Weft cannot suspend inside a synchronized block: the monitor"
                        + " would be held while other tasks run. Use dev.weft.Lock instead");
            }
            if (assertDepth > 0) {
                throw new ProcessingFailure(node, "Weft cannot suspend inside an assert statement; await into a local"
                        + " variable first and assert on that");
            }
            suspensions.put(node, s);
            suspensionPaths.put(node, getCurrentPath());
            for (Map<String, LocalVar> scope : scopes) {
                for (LocalVar v : scope.values()) {
                    if (v != null) {
                        v.hoisted = true;
                    }
                }
            }
            for (TreePath path = getCurrentPath(); path != null; path = path.getParentPath()) {
                if (!suspending.add(path.getLeaf())) {
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
                NameResolver.Member m = resolver.resolveMethod(name);
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
                TypeElement type = types.typeNamed(target, NOTHING_HIDDEN);
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
                type = types.typeOf(target, NOTHING_HIDDEN);
                if (type == null) {
                    return null; // a receiver whose class only attribution knows: a plain call
                }
                Suspension call = coroutineCall(node, name, new ArrayList<>(resolver.methodsOf(type, name)),
                        isThis(target) ? null : target);
                if (call != null && call.callee.getModifiers().contains(Modifier.STATIC)) {
                    if (!(Lowerer.unparen(target) instanceof IdentifierTree)) {
                        throw new ProcessingFailure(node, "Weft calls the static @Coroutine method " + name
                                + " through its class only: write " + type.getSimpleName() + "." + name + "(...)");
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
                type = types.typeNamed(q, NOTHING_HIDDEN);
                if (type == null && classDepth == 0) {
                    type = CodePrinter.isSuper(q) ? NameResolver.superclass(resolver.owner())
                            : types.typeOf(q, NOTHING_HIDDEN);
                }
            } else {
                type = types.typeOfTree(q, NOTHING_HIDDEN);
            }
            if (type == null) {
                return null;
            }
            String name = node.getName().toString();
            for (ExecutableElement m : resolver.methodsOf(type, name)) {
                if (resolver.isCoroutineMethod(m)) {
                    throw new ProcessingFailure(node, "Weft cannot make a method reference to the @Coroutine method "
                            + name + ": calling it would run the coroutine as plain Java, outside the event loop."
                            + " Use a lambda that spawns its coroutine object (() -> spawn("
                            + resolver.generatedReference((TypeElement) m.getEnclosingElement()) + "." + name
                            + "(...))), or call " + name + " directly from a coroutine");
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
            t = Lowerer.unparen(t);
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
                ExpressionTree thrown = Lowerer.unparen(args.get(1));
                if (!(thrown instanceof MemberSelectTree) || !((MemberSelectTree) thrown).getIdentifier().contentEquals("class")) {
                    throw new ProcessingFailure(args.get(1), "the second argument of await(x, X.class) in a"
                            + " coroutine must be a class literal, the checked exception that x may throw");
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
                        && !NameResolver.acceptsArity((ExecutableElement) e, node.getArguments().size())) {
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
                throw new ProcessingFailure(node, "'" + name + "' with " + node.getArguments().size() + " argument(s)"
                        + " names both @Coroutine and plain methods; Weft resolves coroutine calls without types and"
                        + " cannot tell them apart. Rename one of them");
            }
            ExecutableElement callee = coroutines.get(0);
            for (ExecutableElement other : coroutines) {
                TypeKind a = callee.getReturnType().getKind();
                TypeKind b = other.getReturnType().getKind();
                if (a != b && (a.isPrimitive() || b.isPrimitive() || a == TypeKind.VOID || b == TypeKind.VOID)) {
                    throw new ProcessingFailure(node, "the @Coroutine overloads of '" + name + "' return different"
                            + " primitive types; Weft needs them to agree. Rename one of them");
                }
            }
            TypeElement declaring = (TypeElement) callee.getEnclosingElement();
            return Suspension.coroutineCall(node, callee, receiver);
        }
    }

    /** Every simple name a compilation unit uses, so that generated names avoid them all. */
    public static Set<String> namesUsedIn(CompilationUnitTree unit) {
        Set<String> names = new HashSet<>();
        new TreeScanner<Void, Void>() {
            @Override
            public Void visitIdentifier(IdentifierTree node, Void p) {
                names.add(node.getName().toString());
                return null;
            }

            @Override
            public Void visitMemberSelect(MemberSelectTree node, Void p) {
                names.add(node.getIdentifier().toString());
                return super.visitMemberSelect(node, p);
            }

            @Override
            public Void visitVariable(VariableTree node, Void p) {
                names.add(node.getName().toString());
                return super.visitVariable(node, p);
            }

            @Override
            public Void visitMethod(MethodTree node, Void p) {
                names.add(node.getName().toString());
                return super.visitMethod(node, p);
            }

            @Override
            public Void visitClass(ClassTree node, Void p) {
                names.add(node.getSimpleName().toString());
                return super.visitClass(node, p);
            }

            @Override
            public Void visitTypeParameter(TypeParameterTree node, Void p) {
                names.add(node.getName().toString());
                return super.visitTypeParameter(node, p);
            }
        }.scan(unit, null);
        return names;
    }

    /** Whether {@code stmt} assigns the local {@code v} anywhere inside. */
    public boolean assigns(Tree tree, LocalVar v) {
        boolean[] found = {false};
        new TreeScanner<Void, Void>() {
            @Override
            public Void visitAssignment(com.sun.source.tree.AssignmentTree node, Void p) {
                check(node.getVariable());
                return super.visitAssignment(node, p);
            }

            @Override
            public Void visitCompoundAssignment(com.sun.source.tree.CompoundAssignmentTree node, Void p) {
                check(node.getVariable());
                return super.visitCompoundAssignment(node, p);
            }

            @Override
            public Void visitUnary(com.sun.source.tree.UnaryTree node, Void p) {
                switch (node.getKind()) {
                    case PREFIX_INCREMENT:
                    case PREFIX_DECREMENT:
                    case POSTFIX_INCREMENT:
                    case POSTFIX_DECREMENT:
                        check(node.getExpression());
                        break;
                    default:
                        break;
                }
                return super.visitUnary(node, p);
            }

            private void check(Tree target) {
                if (references.get(target) == v) {
                    found[0] = true;
                }
            }
        }.scan(tree, null);
        return found[0];
    }

    /** Statements of a block, for callers that want a list. */
    static List<? extends StatementTree> statementsOf(Tree t) {
        return t instanceof BlockTree ? ((BlockTree) t).getStatements() : List.of((StatementTree) t);
    }
}
