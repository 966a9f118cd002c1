package dev.weft.processor.resolution;

import dev.weft.processor.model.Trees2;
import dev.weft.processor.model.LocalVar;
import dev.weft.processor.model.Names;

import com.sun.source.tree.AnnotatedTypeTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParameterizedTypeTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * The class of an expression of a coroutine body when its declarations alone say it, without
 * attribution: {@code this}, a local or parameter declared with a class type (not {@code var}), a
 * field of the lexical classes or of such a class ({@code this.f}, {@code T.f}, {@code other.f},
 * an enum constant {@code E.A}), {@code T.this}, {@code new C(...)}, a cast {@code (C) x}; and
 * which type a name denotes where it may be a type or a variable ({@code T.m()},
 * {@code Outer.Inner.m()}), and the result of a call whose candidate methods all return one
 * class. Everything else (array elements, {@code var} locals, generic results, variables of a type
 * variable's type) is unknown: {@code null}.
 *
 * <p>Names a class body being printed declares hide the body's own names: the callers pass them
 * as {@code hidden} ({@code "this"} included when {@code this} is another object there).
 */
public final class DeclaredTypes {
    private final NameResolver resolver;
    private final Map<Tree, LocalVar> references;
    private final Set<String> typeVariables;
    private final Set<String> localClasses;

    public DeclaredTypes(NameResolver resolver, Map<Tree, LocalVar> references, Set<String> typeVariables,
            Set<String> localClasses) {
        this.resolver = resolver;
        this.references = references;
        this.typeVariables = typeVariables;
        this.localClasses = localClasses;
    }

    /** The class of the value of {@code e}, or {@code null} if declarations do not say it. */
    public TypeElement typeOf(ExpressionTree e, Predicate<String> hidden) {
        e = Trees2.unparen(e);
        if (e instanceof IdentifierTree) {
            String name = ((IdentifierTree) e).getName().toString();
            if (hidden.test(name)) {
                return null;
            }
            if (name.equals("this")) {
                return resolver.owner();
            }
            LocalVar local = references.get(e);
            if (local != null) {
                return typeOfTree(local.typeTree, hidden);
            }
            Member field = resolver.resolveField(name);
            return field == null ? null : classOf(field.elements.get(0).asType());
        }
        if (e instanceof MemberSelectTree) {
            MemberSelectTree ms = (MemberSelectTree) e;
            String name = ms.getIdentifier().toString();
            if (name.equals("this")) {
                return typeNamed(ms.getExpression(), hidden);
            }
            if (name.equals("class") || name.equals("super")) {
                return null;
            }
            TypeElement holder = typeNamed(ms.getExpression(), hidden);
            if (holder == null) {
                holder = typeOf(ms.getExpression(), hidden);
            }
            Element field = holder == null ? null : resolver.fieldOf(holder, name);
            return field == null ? null : classOf(field.asType());
        }
        if (e instanceof TypeCastTree) {
            return typeOfTree(((TypeCastTree) e).getType(), hidden);
        }
        if (e instanceof NewClassTree) {
            NewClassTree nc = (NewClassTree) e;
            if (nc.getClassBody() != null || nc.getEnclosingExpression() != null) {
                return null;
            }
            return typeOfTree(nc.getIdentifier(), hidden);
        }
        if (e instanceof MethodInvocationTree) {
            // the class every method the call may mean returns (not a type variable's)
            TypeElement result = null;
            MethodInvocationTree mi = (MethodInvocationTree) e;
            for (Element m : Member.applicable(methodsCalled(mi, hidden), mi.getArguments().size())) {
                TypeElement c = m instanceof ExecutableElement ? classOf(((ExecutableElement) m).getReturnType()) : null;
                if (c == null || result != null && !result.equals(c)) {
                    return null;
                }
                result = c;
            }
            return result;
        }
        return null;
    }

    /**
     * The methods a call may resolve to, by name, inherited ones included: those of the class
     * ({@code m(...)}, {@code this.m(...)}), of a named type ({@code Type.m(...)}), or of the
     * class of the receiver where declarations say it ({@link #typeOf}: {@code list.set(...)},
     * {@code make().m()}). None if the receiver's class is unknown here (a type variable's, an
     * array element's), or for a static import (it names one of the overloads it brings in).
     */
    public List<? extends Element> methodsCalled(MethodInvocationTree mi, Predicate<String> hidden) {
        ExpressionTree select = mi.getMethodSelect();
        if (select instanceof IdentifierTree) {
            String name = ((IdentifierTree) select).getName().toString();
            Member m = hidden.test(name) ? null : resolver.resolveMethod(name);
            return m == null || m.importedAs != null ? List.of() : m.elements;
        }
        if (!(select instanceof MemberSelectTree)) {
            return List.of();
        }
        MemberSelectTree ms = (MemberSelectTree) select;
        ExpressionTree receiver = Trees2.unparen(ms.getExpression());
        TypeElement type = typeNamed(receiver, hidden);
        if (type == null) {
            type = typeOf(receiver, hidden);
        }
        return type == null ? List.of() : resolver.methodsOf(type, ms.getIdentifier().toString());
    }

    /**
     * The type {@code e} names where it may be a variable or a type (the left of a dot), or
     * {@code null} if it is a variable, a package or unknown. A variable obscures a type of the
     * same name, as in Java.
     */
    public TypeElement typeNamed(ExpressionTree e, Predicate<String> hidden) {
        if (e instanceof IdentifierTree) {
            String name = ((IdentifierTree) e).getName().toString();
            if (hidden.test(name) || name.equals("this") || name.equals("super") || references.get(e) != null
                    || resolver.resolveField(name) != null || typeVariables.contains(name)
                    || localClasses.contains(name)) {
                return null;
            }
            return resolver.resolveType(name);
        }
        if (e instanceof MemberSelectTree) {
            MemberSelectTree ms = (MemberSelectTree) e;
            String name = ms.getIdentifier().toString();
            TypeElement outer = typeNamed(ms.getExpression(), hidden);
            if (outer != null) {
                return resolver.fieldOf(outer, name) != null ? null : resolver.memberTypeOf(outer, name);
            }
            if (!isPackageLike(ms.getExpression(), hidden)) {
                return null;
            }
            return resolver.resolveTypeExpression(e);
        }
        return null;
    }

    /**
     * The class a declared type denotes ({@code List<String>} gives {@code List},
     * {@code G<String>.Inner} gives {@code G.Inner}), or {@code null}.
     */
    public TypeElement typeOfTree(Tree type, Predicate<String> hidden) {
        if (type instanceof ParameterizedTypeTree) {
            return typeOfTree(((ParameterizedTypeTree) type).getType(), hidden);
        }
        if (type instanceof AnnotatedTypeTree) {
            return typeOfTree(((AnnotatedTypeTree) type).getUnderlyingType(), hidden);
        }
        if (type instanceof MemberSelectTree && !(((MemberSelectTree) type).getExpression() instanceof IdentifierTree
                || ((MemberSelectTree) type).getExpression() instanceof MemberSelectTree)) {
            // a member of a parameterized (or annotated) outer type: G<String>.Inner
            TypeElement outer = typeOfTree(((MemberSelectTree) type).getExpression(), hidden);
            return outer == null ? null : resolver.memberTypeOf(outer, ((MemberSelectTree) type).getIdentifier().toString());
        }
        if (!(type instanceof IdentifierTree) && !(type instanceof MemberSelectTree)) {
            return null; // var, primitive, array
        }
        String leftmost = leftmost(type);
        if (leftmost == null || hidden.test(leftmost) || typeVariables.contains(leftmost)
                || localClasses.contains(leftmost)) {
            return null;
        }
        return resolver.resolveTypeExpression((ExpressionTree) type);
    }

    /** Whether a dotted name is no variable: its leftmost name is not a local, a field or hidden. */
    private boolean isPackageLike(ExpressionTree e, Predicate<String> hidden) {
        Tree left = e;
        while (left instanceof MemberSelectTree) {
            left = ((MemberSelectTree) left).getExpression();
        }
        if (!(left instanceof IdentifierTree)) {
            return false;
        }
        String name = ((IdentifierTree) left).getName().toString();
        return !hidden.test(name) && references.get(left) == null && resolver.resolveField(name) == null
                && !typeVariables.contains(name) && !localClasses.contains(name);
    }

    private static String leftmost(Tree t) {
        while (t instanceof MemberSelectTree) {
            t = ((MemberSelectTree) t).getExpression();
        }
        return t instanceof IdentifierTree ? ((IdentifierTree) t).getName().toString() : null;
    }

    private static TypeElement classOf(TypeMirror type) {
        return type.getKind() == TypeKind.DECLARED ? (TypeElement) ((DeclaredType) type).asElement() : null;
    }

    /**
     * The member class a class instance creation ({@code new C(...)}, {@code C::new}) names, if it
     * names one; {@code null} otherwise, and for simple names that {@code staysAsWritten} (type
     * variables, local classes, members of a class body being printed).
     */
    public TypeElement memberClassCreated(Tree type, Predicate<String> staysAsWritten) {
        if (type instanceof ParameterizedTypeTree) {
            return memberClassCreated(((ParameterizedTypeTree) type).getType(), staysAsWritten);
        }
        if (type instanceof AnnotatedTypeTree) {
            return memberClassCreated(((AnnotatedTypeTree) type).getUnderlyingType(), staysAsWritten);
        }
        if (type instanceof IdentifierTree) {
            String name = ((IdentifierTree) type).getName().toString();
            return staysAsWritten.test(name) ? null : resolver.resolveMemberType(name);
        }
        return type instanceof MemberSelectTree ? resolver.resolveTypeExpression((MemberSelectTree) type) : null;
    }
}
