package dev.weft.processor.analysis;

import dev.weft.processor.model.SourceInfo;
import dev.weft.processor.model.LocalVar;
import dev.weft.processor.model.Names;
import dev.weft.processor.model.Problems;
import dev.weft.processor.model.Suspension;
import dev.weft.processor.resolution.DeclaredTypes;
import dev.weft.processor.resolution.NameResolver;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeParameterTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;

/**
 * What the processor learns from a coroutine body before it lowers it: its locals and their
 * scopes, every reference to a local, the suspension points, which trees contain one, and which
 * locals must live in fields because a suspension point lies in their scope. The scan
 * ({@link BodyScanner}) and the hoisting ({@link Hoisting}) report, at their position, the
 * constructs Weft cannot compile.
 */
public final class Analysis {
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
    /** The user's file, set for generation: printed statements mark their lines (see {@code LineTable}). */
    public SourceInfo source;
    /** Which expressions are constant expressions; set once the scan has seen every local. */
    public ConstantExpressions constants;

    /** Local classes declared directly in the coroutine body (not in a lambda or class body). */
    final List<TreePath> localClassDeclarations = new ArrayList<>();
    private final Map<LocalVar, String> snapshots = new LinkedHashMap<>();
    private final Map<LocalVar, String> bindingTemps = new HashMap<>();
    /** Names no local may take in generated code: see {@link #noteQualifier}. */
    final Set<String> reserved;
    /** The names of the locals in generated code. */
    final Set<String> emittedNames = new HashSet<>();
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
     * Analyzes the body of {@code method}; no local takes a name of {@code reserved}. The
     * constructs Weft cannot compile are reported to {@code problems}, each at its position.
     */
    public static Analysis of(CompilationUnitTree unit, MethodTree method, ExecutableElement element,
            NameResolver resolver, Set<String> unitNames, Set<String> reserved, Problems problems) {
        Names names = new Names(unitNames);
        Names.FRAME_MEMBERS.forEach(names::take);
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
        BodyScanner scanner = new BodyScanner(a, resolver, problems);
        scanner.declareParameters(method);
        scanner.scan(new TreePath(new TreePath(unit), method.getBody()), null);
        a.constants = new ConstantExpressions(a.references, resolver, a.typeVariables, a.localClasses);
        new Hoisting(a, problems).run();
        return a;
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
