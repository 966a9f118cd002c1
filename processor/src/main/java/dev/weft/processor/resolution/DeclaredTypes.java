package dev.weft.processor.resolution;

import dev.weft.processor.model.Trees2;
import dev.weft.processor.model.LocalVar;
import dev.weft.processor.model.Names;

import com.sun.source.tree.AnnotatedTypeTree;
import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.ArrayTypeTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParameterizedTypeTree;
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.WildcardTree;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * The class of an expression of a coroutine body when its declarations alone say it, without
 * attribution: {@code this}, a local or parameter declared with a class type (not {@code var}), a
 * field of the lexical classes or of such a class ({@code this.f}, {@code T.f}, {@code other.f},
 * an enum constant {@code E.A}), {@code T.this}, {@code new C(...)}, a cast {@code (C) x}; and
 * which type a name denotes where it may be a type or a variable ({@code T.m()},
 * {@code Outer.Inner.m()}), and the result of a call whose candidate methods all return one type;
 * with the type arguments of declared types substituted ({@code List<Task> tasks; tasks.get(0)}
 * and {@code Task[] ts; ts[0]} are {@code Task}s). Everything else ({@code var} locals, the results
 * of generic methods, which need inference, variables of a type variable's type) is unknown:
 * {@code null}.
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
        return classOf(mirrorOf(e, hidden));
    }

    /**
     * The type of the value of {@code e} as declarations say it, type arguments substituted
     * ({@code List<Task> tasks; tasks.get(0)} is a {@code Task}), or {@code null}. A generic
     * method's result (it needs inference) and a diamond's type arguments are not known: the
     * type then mentions type variables, which have no class.
     */
    public TypeMirror mirrorOf(ExpressionTree e, Predicate<String> hidden) {
        e = Trees2.unparen(e);
        if (e instanceof IdentifierTree) {
            String name = ((IdentifierTree) e).getName().toString();
            if (hidden.test(name)) {
                return null;
            }
            if (name.equals("this")) {
                return resolver.owner().asType();
            }
            LocalVar local = references.get(e);
            if (local != null) {
                return local.typeTree == null ? null : mirrorOfTree(local.typeTree, hidden);
            }
            Member field = resolver.resolveField(name);
            // as a member of the class whose scope has it: inherited from Base<String>, E is String
            return field == null ? null
                    : memberType(field.scope == null ? null : field.scope.asType(), field.elements.get(0));
        }
        if (e instanceof MemberSelectTree) {
            MemberSelectTree ms = (MemberSelectTree) e;
            String name = ms.getIdentifier().toString();
            if (name.equals("this")) {
                TypeElement t = typeNamed(ms.getExpression(), hidden);
                return t == null ? null : t.asType();
            }
            if (name.equals("class") || name.equals("super")) {
                return null;
            }
            TypeElement named = typeNamed(ms.getExpression(), hidden);
            TypeMirror holder = named != null ? null : mirrorOf(ms.getExpression(), hidden);
            TypeElement holderClass = named != null ? named : classOf(holder);
            Element field = holderClass == null ? null : resolver.fieldOf(holderClass, name);
            return field == null ? null : memberType(holder, field);
        }
        if (e instanceof ArrayAccessTree) {
            TypeMirror array = mirrorOf(((ArrayAccessTree) e).getExpression(), hidden);
            return array instanceof ArrayType ? ((ArrayType) array).getComponentType() : null;
        }
        if (e instanceof TypeCastTree) {
            return mirrorOfTree(((TypeCastTree) e).getType(), hidden);
        }
        if (e instanceof NewClassTree) {
            NewClassTree nc = (NewClassTree) e;
            if (nc.getClassBody() != null || nc.getEnclosingExpression() != null) {
                return null;
            }
            return mirrorOfTree(nc.getIdentifier(), hidden);
        }
        if (e instanceof MethodInvocationTree) {
            return resultOf((MethodInvocationTree) e, hidden);
        }
        return null;
    }

    /**
     * The type every method the call may mean returns, as a member of the receiver's type; or
     * {@code null} if they differ, or one is generic (its result needs inference).
     */
    private TypeMirror resultOf(MethodInvocationTree mi, Predicate<String> hidden) {
        ExpressionTree select = mi.getMethodSelect();
        TypeMirror receiver = null;
        if (select instanceof MemberSelectTree) {
            ExpressionTree target = Trees2.unparen(((MemberSelectTree) select).getExpression());
            receiver = typeNamed(target, hidden) != null ? null : mirrorOf(target, hidden);
        }
        TypeMirror result = null;
        for (Element m : Member.applicable(methodsCalled(mi, hidden), mi.getArguments().size())) {
            if (!(m instanceof ExecutableElement) || !((ExecutableElement) m).getTypeParameters().isEmpty()) {
                return null;
            }
            TypeMirror r = memberType(receiver, m);
            if (r instanceof ExecutableType) {
                r = ((ExecutableType) r).getReturnType();
            }
            if (r == null || result != null && !resolver.types().isSameType(result, r)) {
                return null;
            }
            result = r;
        }
        return result;
    }

    /**
     * The type of {@code member} (a field's type, a method's type) as a member of {@code holder}:
     * its class's type arguments substituted. As declared when the holder is unknown or static.
     */
    private TypeMirror memberType(TypeMirror holder, Element member) {
        if (!(holder instanceof DeclaredType) || member.getModifiers().contains(Modifier.STATIC)) {
            return member.asType();
        }
        try {
            return resolver.types().asMemberOf((DeclaredType) holder, member);
        } catch (IllegalArgumentException notAMember) {
            return member.asType();
        }
    }

    /**
     * The type a declared type denotes, as far as declarations say it: {@code List<Task>} with
     * its arguments (the class's own type variables where an argument is not known), arrays,
     * primitives, wildcards; {@code null} for {@code var}, type variables and local classes.
     */
    private TypeMirror mirrorOfTree(Tree type, Predicate<String> hidden) {
        Types types = resolver.types();
        if (type instanceof AnnotatedTypeTree) {
            return mirrorOfTree(((AnnotatedTypeTree) type).getUnderlyingType(), hidden);
        }
        if (type instanceof PrimitiveTypeTree) {
            TypeKind kind = ((PrimitiveTypeTree) type).getPrimitiveTypeKind();
            return kind.isPrimitive() ? types.getPrimitiveType(kind) : null;
        }
        if (type instanceof ArrayTypeTree) {
            TypeMirror component = mirrorOfTree(((ArrayTypeTree) type).getType(), hidden);
            return component == null ? null : types.getArrayType(component);
        }
        if (type instanceof WildcardTree) {
            WildcardTree w = (WildcardTree) type;
            TypeMirror bound = w.getBound() == null ? null : mirrorOfTree(w.getBound(), hidden);
            if (w.getBound() != null && bound == null) {
                return null;
            }
            return w.getKind() == Tree.Kind.SUPER_WILDCARD ? types.getWildcardType(null, bound)
                    : types.getWildcardType(bound, null);
        }
        if (type instanceof ParameterizedTypeTree) {
            ParameterizedTypeTree p = (ParameterizedTypeTree) type;
            TypeElement raw = typeOfTree(p.getType(), hidden);
            if (raw == null) {
                return null;
            }
            List<TypeMirror> args = new ArrayList<>();
            for (Tree arg : p.getTypeArguments()) {
                TypeMirror m = mirrorOfTree(arg, hidden);
                if (m == null || m.getKind().isPrimitive()) {
                    return raw.asType(); // unknown arguments: its members mention its own type variables
                }
                args.add(m);
            }
            if (args.isEmpty() || args.size() != raw.getTypeParameters().size()
                    || raw.getEnclosingElement() instanceof TypeElement && !raw.getModifiers().contains(Modifier.STATIC)) {
                return raw.asType(); // a diamond, or a member of a (maybe parameterized) outer class
            }
            try {
                return types.getDeclaredType(raw, args.toArray(new TypeMirror[0]));
            } catch (IllegalArgumentException notWithin) {
                return raw.asType();
            }
        }
        TypeElement element = typeOfTree(type, hidden);
        if (element == null) {
            return null;
        }
        // a raw reference to a generic class is the raw type, whose members are erased, as in Java
        return element.getTypeParameters().isEmpty() ? element.asType() : types.erasure(element.asType());
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
        return type != null && type.getKind() == TypeKind.DECLARED ? (TypeElement) ((DeclaredType) type).asElement() : null;
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
