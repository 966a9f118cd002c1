package dev.weft.processor.validation;

import com.sun.source.tree.AnnotatedTypeTree;
import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.ArrayTypeTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.IntersectionTypeTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParameterizedTypeTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.TypeParameterTree;
import com.sun.source.tree.UnionTypeTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WildcardTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import dev.weft.processor.analysis.Analysis;
import dev.weft.processor.analysis.AwaitTargets;
import dev.weft.processor.model.Messages;
import dev.weft.processor.model.Problems;
import dev.weft.processor.model.Suspension;
import dev.weft.processor.model.Trees2;
import dev.weft.processor.resolution.Member;
import dev.weft.processor.resolution.NameResolver;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.util.ElementFilter;

/**
 * The checks of a coroutine body that need the analysis: every name the generated class must
 * reach (fields, methods, constructors and types of the file's classes that are private, protected
 * members of other packages, values of private classes), {@code this} and {@code super} where the
 * state machine has none, enclosing instances it cannot reach, inner classes it cannot create,
 * switches with pattern labels that suspend, awaited expressions whose type only javac's typing
 * could give. Each problem is reported at its tree, and the walk goes on.
 *
 * <p>Names a local or anonymous class body declares (or inherits) mean the body's own members
 * there: they are left alone, as the printer leaves them.
 */
final class BodyChecks extends TreePathScanner<Void, Void> {
    private final Analysis a;
    private final NameResolver resolver;
    private final Problems problems;
    private final AccessRules access;
    private final AwaitTargets targets;
    /** The names members of the class bodies entered declare or inherit, innermost first. */
    private final Deque<Set<String>> classMembers = new ArrayDeque<>();

    BodyChecks(Analysis a, NameResolver resolver, AwaitTargets targets, Problems problems) {
        this.a = a;
        this.resolver = resolver;
        this.problems = problems;
        this.access = new AccessRules(resolver, problems);
        this.targets = targets;
    }

    // ------------------------------------------------------------------ names

    @Override
    public Void visitIdentifier(IdentifierTree node, Void p) {
        TreePath parentPath = getCurrentPath().getParentPath();
        Tree parent = parentPath.getLeaf();
        if (parent instanceof MethodInvocationTree && ((MethodInvocationTree) parent).getMethodSelect() == node
                || parent instanceof AssignmentTree && parentPath.getParentPath().getLeaf() instanceof AnnotationTree
                        && ((AssignmentTree) parent).getVariable() == node
                || isEnumCaseLabel(node, parent)) {
            return null; // a method name (see visitMethodInvocation), an annotation's element, an enum label
        }
        if (isTypePosition(getCurrentPath())) {
            checkTypeName(node, parent);
        } else {
            checkExpressionName(node);
        }
        return null;
    }

    /** A simple name where a type stands. */
    private void checkTypeName(IdentifierTree id, Tree parent) {
        String name = id.getName().toString();
        if (staysAsWritten(name)) {
            return;
        }
        boolean classLiteral = parent instanceof MemberSelectTree
                && ((MemberSelectTree) parent).getIdentifier().contentEquals("class");
        DeclaredType inner = classLiteral || a.selfName == null ? null : resolver.innerTypeOfThis(name);
        if (inner != null) {
            access.check(id, inner.asElement());
            return;
        }
        checkNamedType(id, name);
    }

    private void checkNamedType(Tree where, String name) {
        TypeElement type = resolver.resolveMemberType(name);
        if (type == null) {
            type = resolver.resolveType(name);
        }
        if (type != null) {
            access.check(where, type);
        }
    }

    /** A simple name where an expression (or, before a dot, a type or package) stands. */
    private void checkExpressionName(IdentifierTree id) {
        String name = id.getName().toString();
        if (name.equals("this")) {
            if (!insideClassBody() && a.selfName == null) {
                problems.report(id, Messages.thisInStatic());
            }
            return;
        }
        if (name.equals("super")) {
            if (!insideClassBody()) {
                problems.report(id, Messages.superCall());
            }
            return;
        }
        if (shadowedByClassMember(name) || a.references.get(id) != null) {
            return;
        }
        Member field = resolver.resolveField(name);
        if (field != null) {
            checkField(id, field, name);
            return;
        }
        if (!staysAsWritten(name)) {
            checkNamedType(id, name);
        }
    }

    /** A field a simple name denotes: the generated class reaches it through its class or the receiver. */
    private void checkField(Tree where, Member field, String name) {
        Element e = field.elements.get(0);
        if (field.importedAs != null) {
            return;
        }
        Object constant = e instanceof VariableElement ? ((VariableElement) e).getConstantValue() : null;
        boolean isStatic = e.getModifiers().contains(Modifier.STATIC);
        if (constant != null && (!isStatic || !resolver.visibility().accessibleFromGenerated(e))) {
            return; // written as its value
        }
        access.check(where, e);
        checkReceiver(where, field, name);
    }

    /**
     * The receiver through which generated code reaches members a simple name denotes: the
     * class for static ones, the coroutine's receiver for the owner's instance members; an
     * enclosing instance is out of reach.
     */
    private void checkReceiver(Tree where, Member member, String name) {
        boolean someStatic = false;
        for (Element m : member.elements) {
            someStatic |= m.getModifiers().contains(Modifier.STATIC);
        }
        boolean isStatic = member.allStatic() || someStatic && a.selfName == null;
        if (isStatic) {
            return;
        }
        if (someStatic && member.scope != resolver.owner()) {
            problems.report(where, Messages.staticOrEnclosingInstance(name, member.scope.getSimpleName().toString()));
        } else if (member.scope != resolver.owner()) {
            problems.report(where, Messages.enclosingInstanceMember(name, resolver.owner().getSimpleName().toString(),
                    member.scope.getSimpleName().toString()));
        } else if (a.selfName == null) {
            problems.report(where, Messages.thisInStatic());
        }
    }

    @Override
    public Void visitMemberSelect(MemberSelectTree node, Void p) {
        String name = node.getIdentifier().toString();
        ExpressionTree target = node.getExpression();
        if (name.equals("this") || name.equals("super")) {
            // Outer.this / Outer.super
            TypeElement type = resolver.resolveTypeExpression(target);
            boolean receiver = type != null && type.equals(resolver.owner()) && name.equals("this");
            if (receiver && a.selfName == null && !insideClassBody()) {
                problems.report(node, Messages.thisInStatic());
            } else if (!receiver && !(insideClassBody() && (type == null || !type.equals(resolver.owner())))) {
                problems.report(node, Messages.outerInstance(NameResolver.dotted(target) + "." + name));
            }
            return null;
        }
        if (name.equals("class")) {
            return super.visitMemberSelect(node, p);
        }
        if (Trees2.isSuper(target) && !insideClassBody()) {
            problems.report(node, Messages.superRead(name));
            return null;
        }
        checkValueClass(target, node);
        TypeElement type = selectedClass(target);
        if (type != null) {
            Element member = resolver.fieldOf(type, name);
            if (member == null) {
                member = resolver.memberTypeOf(type, name);
            }
            if (member != null) {
                access.check(node, member);
            }
        }
        return super.visitMemberSelect(node, p);
    }

    /**
     * A member selected on a value whose class generated code cannot reach ({@code make().a}
     * where {@code make()} returns a private class) is inaccessible there (JLS 6.6.1), though it
     * names no type: refused where declarations say the class.
     */
    private void checkValueClass(ExpressionTree target, Tree where) {
        if (a.types.typeNamed(target, this::hidden) != null) {
            return; // a type name, checked as a name
        }
        TypeElement type = a.types.typeOf(target, this::hidden);
        if (type != null) {
            access.check(where, type);
        }
    }

    /** The class whose members {@code target.name} selects, when declarations say it; else null. */
    private TypeElement selectedClass(ExpressionTree target) {
        TypeElement type = a.types.typeNamed(target, this::hidden);
        return type != null ? type : a.types.typeOf(target, this::hidden);
    }

    // ------------------------------------------------------------------ calls and creations

    @Override
    public Void visitMethodInvocation(MethodInvocationTree node, Void p) {
        Suspension s = a.suspensions.get(node);
        if (s != null && s.kind == Suspension.Kind.AWAIT) {
            if (targets.dependsOnTarget(s.awaited) && targets.targetOf(node) == AwaitTargets.Target.UNKNOWN) {
                problems.report(s.awaited, AwaitTargets.UNKNOWN_TARGET);
            }
            scan(node.getArguments(), p);
            return null;
        }
        if (s != null) {
            if (!s.callee.getModifiers().contains(Modifier.STATIC) && s.receiver == null && a.selfName == null) {
                problems.report(node, Messages.thisInStatic());
            }
            if (node.getMethodSelect() instanceof MemberSelectTree) {
                scan(((MemberSelectTree) node.getMethodSelect()).getExpression(), p);
            }
            scan(node.getTypeArguments(), p);
            scan(node.getArguments(), p);
            return null;
        }
        ExpressionTree select = node.getMethodSelect();
        int arity = node.getArguments().size();
        if (select instanceof IdentifierTree) {
            String name = ((IdentifierTree) select).getName().toString();
            if (name.equals("super") || name.equals("this")) {
                problems.report(node, Messages.unsupported("an explicit constructor call"));
            } else if (!shadowedByClassMember(name)) {
                Member method = resolver.resolveMethod(name);
                if (method != null && method.importedAs == null) {
                    access.check(select, method.elements, arity);
                    checkReceiver(select, method.applicableTo(arity), name);
                }
            }
        } else if (select instanceof MemberSelectTree) {
            MemberSelectTree ms = (MemberSelectTree) select;
            ExpressionTree target = ms.getExpression();
            if (Trees2.isSuper(target) && !insideClassBody()) {
                problems.report(node, Messages.superMethodCall(ms.getIdentifier().toString()));
            } else {
                checkValueClass(target, ms);
                TypeElement type = selectedClass(target);
                if (type != null) {
                    access.check(ms, resolver.methodsOf(type, ms.getIdentifier().toString()), arity);
                }
                scan(target, p);
            }
        } else {
            scan(select, p);
        }
        scan(node.getTypeArguments(), p);
        scan(node.getArguments(), p);
        return null;
    }

    @Override
    public Void visitMemberReference(MemberReferenceTree node, Void p) {
        ExpressionTree q = node.getQualifierExpression();
        TypeElement type = q instanceof IdentifierTree || q instanceof MemberSelectTree ? selectedClass(q)
                : a.types.typeOfTree(q, this::hidden);
        boolean creation = node.getMode() == MemberReferenceTree.ReferenceMode.NEW;
        if (type != null) {
            access.check(node, creation ? ElementFilter.constructorsIn(type.getEnclosedElements())
                    : resolver.methodsOf(type, node.getName().toString()), -1);
        }
        if (creation) {
            checkEnclosingInstance(node, q, true);
        }
        return super.visitMemberReference(node, p);
    }

    @Override
    public Void visitNewClass(NewClassTree node, Void p) {
        if (node.getEnclosingExpression() == null) {
            TypeElement type = a.types.typeOfTree(node.getIdentifier(), this::hidden);
            if (type != null) {
                List<ExecutableElement> constructors = ElementFilter.constructorsIn(type.getEnclosedElements());
                if (node.getClassBody() != null) {
                    // an anonymous subclass may call a protected constructor from any package
                    constructors.removeIf(c -> c.getModifiers().contains(Modifier.PROTECTED));
                }
                access.check(node, constructors, node.getArguments().size());
            }
            checkEnclosingInstance(node, node.getIdentifier(), false);
        }
        return super.visitNewClass(node, p);
    }

    /**
     * An inner member class created without an explicit enclosing instance ({@code new Inner()},
     * {@code Inner::new}, {@code type} naming it): the receiver encloses it, which a lambda can
     * pass but a constructor reference cannot; an outer class's instance is out of reach.
     */
    private void checkEnclosingInstance(Tree creation, Tree type, boolean reference) {
        TypeElement created = a.types.memberClassCreated(type, this::staysAsWritten);
        TypeElement enclosing = a.selfName == null ? null : resolver.enclosingInstanceFor(created);
        if (enclosing == null) {
            return;
        }
        if (!enclosing.equals(resolver.owner())) {
            problems.report(creation, Messages.innerClassOfOuter(created.getSimpleName().toString(),
                    enclosing.getSimpleName().toString(), resolver.owner().getSimpleName().toString()));
        } else if (reference) {
            problems.report(creation, Messages.innerClassReference(type.toString()));
        }
    }

    // ------------------------------------------------------------------ class bodies and statements

    @Override
    public Void visitClass(ClassTree node, Void p) {
        if (node.getKind() == Tree.Kind.ENUM || node.getKind() == Tree.Kind.RECORD) {
            problems.report(node, Messages.unsupported(node.getKind() == Tree.Kind.ENUM ? "a local enum"
                    : "a local record"));
            return null;
        }
        Set<String> names = Trees2.memberNames(node);
        Tree parent = getCurrentPath().getParentPath().getLeaf();
        Tree supertype = parent instanceof NewClassTree ? ((NewClassTree) parent).getIdentifier()
                : node.getExtendsClause();
        if (supertype instanceof ParameterizedTypeTree) {
            supertype = ((ParameterizedTypeTree) supertype).getType();
        }
        TypeElement superElement = supertype instanceof ExpressionTree
                ? resolver.resolveTypeExpression((ExpressionTree) supertype) : null;
        if (superElement != null) {
            for (Element e : resolver.membersOf(superElement)) {
                names.add(e.getSimpleName().toString());
            }
        }
        // the class's own header (name, type parameters, supertypes) is named from outside its body
        scan(node.getTypeParameters(), p);
        scan(node.getExtendsClause(), p);
        scan(node.getImplementsClause(), p);
        classMembers.push(names);
        try {
            scan(node.getMembers(), p);
        } finally {
            classMembers.pop();
        }
        return null;
    }

    @Override
    public Void visitSwitch(SwitchTree node, Void p) {
        checkPatternLabels(node, node.getCases());
        return super.visitSwitch(node, p);
    }

    @Override
    public Void visitSwitchExpression(SwitchExpressionTree node, Void p) {
        checkPatternLabels(node, node.getCases());
        return super.visitSwitchExpression(node, p);
    }

    private void checkPatternLabels(Tree sw, List<? extends CaseTree> cases) {
        boolean casesSuspend = false;
        for (CaseTree c : cases) {
            casesSuspend |= a.suspends(c);
        }
        if (!casesSuspend) {
            return;
        }
        for (CaseTree c : cases) {
            if (Trees2.hasPatternLabel(c)) {
                problems.report(c, "Weft cannot compile a switch with pattern labels that suspends yet; use"
                        + " if/instanceof instead");
                return;
            }
        }
    }

    @Override
    public Void visitSynchronized(SynchronizedTree node, Void p) {
        if (a.suspends(node.getExpression())) {
            problems.report(a.firstSuspensionIn(node.getExpression()), "Weft cannot suspend in the lock expression"
                    + " of a synchronized statement; await into a local variable first and synchronize on that");
        }
        return super.visitSynchronized(node, p);
    }

    // ------------------------------------------------------------------ where names stand

    /** Whether the leaf of {@code path} is (part of) a type: the type of a declaration, a cast, a type argument... */
    private static boolean isTypePosition(TreePath path) {
        Tree node = path.getLeaf();
        TreePath parentPath = path.getParentPath();
        Tree parent = parentPath.getLeaf();
        if (parent instanceof VariableTree) {
            return ((VariableTree) parent).getType() == node;
        }
        if (parent instanceof TypeCastTree) {
            return ((TypeCastTree) parent).getType() == node;
        }
        if (parent instanceof InstanceOfTree) {
            return ((InstanceOfTree) parent).getType() == node;
        }
        if (parent instanceof NewClassTree) {
            NewClassTree creation = (NewClassTree) parent;
            return creation.getIdentifier() == node || creation.getTypeArguments().contains(node);
        }
        if (parent instanceof NewArrayTree) {
            return ((NewArrayTree) parent).getType() == node;
        }
        if (parent instanceof MethodTree) {
            return ((MethodTree) parent).getReturnType() == node || ((MethodTree) parent).getThrows().contains(node);
        }
        if (parent instanceof MethodInvocationTree) {
            return ((MethodInvocationTree) parent).getTypeArguments().contains(node);
        }
        if (parent instanceof MemberReferenceTree) {
            List<? extends ExpressionTree> args = ((MemberReferenceTree) parent).getTypeArguments();
            return args != null && args.contains(node);
        }
        if (parent instanceof ClassTree) {
            ClassTree declaration = (ClassTree) parent;
            return declaration.getExtendsClause() == node || declaration.getImplementsClause().contains(node);
        }
        if (parent instanceof AnnotationTree) {
            return ((AnnotationTree) parent).getAnnotationType() == node;
        }
        if (parent instanceof MemberSelectTree) {
            // the left of a qualified type name, or of a class literal
            return ((MemberSelectTree) parent).getIdentifier().contentEquals("class") || isTypePosition(parentPath);
        }
        return parent instanceof ParameterizedTypeTree || parent instanceof ArrayTypeTree
                || parent instanceof WildcardTree || parent instanceof UnionTypeTree
                || parent instanceof IntersectionTypeTree || parent instanceof AnnotatedTypeTree
                || parent instanceof TypeParameterTree;
    }

    /** Whether {@code node} is a bare enum constant of a case label, which Java requires unqualified. */
    private boolean isEnumCaseLabel(IdentifierTree node, Tree parent) {
        boolean label = parent instanceof CaseTree && ((CaseTree) parent).getExpressions().contains(node)
                || parent.getKind().name().equals("CONSTANT_CASE_LABEL");
        if (!label || a.references.get(node) != null) {
            return false;
        }
        Member field = resolver.resolveField(node.getName().toString());
        return field == null || field.elements.get(0).getKind() == ElementKind.ENUM_CONSTANT;
    }

    private boolean staysAsWritten(String name) {
        return a.typeVariables.contains(name) || a.localClasses.contains(name) || shadowedByClassMember(name);
    }

    private boolean hidden(String name) {
        return insideClassBody() && (name.equals("this") || shadowedByClassMember(name));
    }

    private boolean insideClassBody() {
        return !classMembers.isEmpty();
    }

    private boolean shadowedByClassMember(String name) {
        for (Set<String> members : classMembers) {
            if (members.contains(name)) {
                return true;
            }
        }
        return false;
    }
}
