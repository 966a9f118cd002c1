package dev.weft.processor.resolution;

import dev.weft.processor.model.Trees2;
import dev.weft.processor.model.LocalVar;
import dev.weft.processor.model.Names;

import com.sun.source.tree.AnnotatedTypeTree;
import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.ArrayTypeTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParameterizedTypeTree;
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.VariableTree;
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
                return local.typeTree != null ? mirrorOfTree(local.typeTree, hidden) : varType(local, hidden);
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
        if (e instanceof NewArrayTree && ((NewArrayTree) e).getType() != null) {
            // new T[n][] and new T[] {...}: as many dimensions as written, and those the element type has
            NewArrayTree na = (NewArrayTree) e;
            TypeMirror t = mirrorOfTree(na.getType(), hidden);
            int dims = na.getInitializers() != null && na.getDimensions().isEmpty() ? 1 : na.getDimensions().size();
            for (int i = 0; t != null && i < dims; i++) {
                t = resolver.types().getArrayType(t);
            }
            return t;
        }
        if (e instanceof LiteralTree) {
            return literalType((LiteralTree) e);
        }
        if (e.getKind() == Tree.Kind.PLUS && (isString(mirrorOf(((BinaryTree) e).getLeftOperand(), hidden))
                || isString(mirrorOf(((BinaryTree) e).getRightOperand(), hidden)))) {
            return resolver.typeElement("java.lang.String").asType(); // string concatenation
        }
        return null;
    }

    private TypeMirror literalType(LiteralTree literal) {
        Types types = resolver.types();
        switch (literal.getKind()) {
            case INT_LITERAL: return types.getPrimitiveType(TypeKind.INT);
            case LONG_LITERAL: return types.getPrimitiveType(TypeKind.LONG);
            case FLOAT_LITERAL: return types.getPrimitiveType(TypeKind.FLOAT);
            case DOUBLE_LITERAL: return types.getPrimitiveType(TypeKind.DOUBLE);
            case BOOLEAN_LITERAL: return types.getPrimitiveType(TypeKind.BOOLEAN);
            case CHAR_LITERAL: return types.getPrimitiveType(TypeKind.CHAR);
            case STRING_LITERAL: return resolver.typeElement("java.lang.String").asType();
            default: return null; // null
        }
    }

    private static boolean isString(TypeMirror t) {
        return t instanceof DeclaredType
                && ((TypeElement) ((DeclaredType) t).asElement()).getQualifiedName().contentEquals("java.lang.String");
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

    /**
     * The type a field can declare for the {@code var} local {@code local}, when declarations say
     * it exactly (see {@link #varType}) and it can be written there: a class, array or primitive
     * type, or a type variable of the coroutine's scope; {@code null} otherwise (a wildcard or
     * another type only javac's typing makes denotable, or an unknown type).
     */
    public TypeMirror fieldTypeOfVar(LocalVar local) {
        TypeMirror t = varType(local, name -> false);
        return t != null && denotable(t, true) ? t : null;
    }

    private boolean denotable(TypeMirror t, boolean top) {
        switch (t.getKind()) {
            case BOOLEAN: case BYTE: case SHORT: case INT: case LONG: case CHAR: case FLOAT: case DOUBLE:
                return true;
            case ARRAY:
                return denotable(((ArrayType) t).getComponentType(), false);
            case TYPEVAR:
                return typeVariables.contains(((javax.lang.model.type.TypeVariable) t).asElement().getSimpleName()
                        .toString());
            case WILDCARD: {
                if (top) {
                    return false;
                }
                javax.lang.model.type.WildcardType w = (javax.lang.model.type.WildcardType) t;
                return (w.getExtendsBound() == null || denotable(w.getExtendsBound(), false))
                        && (w.getSuperBound() == null || denotable(w.getSuperBound(), false));
            }
            case DECLARED: {
                TypeElement e = (TypeElement) ((DeclaredType) t).asElement();
                if (resolver.visibility().privateTypeIn(t) != null || e.getNestingKind().isNested()
                        && !e.getNestingKind().equals(javax.lang.model.element.NestingKind.MEMBER)) {
                    return false; // a private, local or anonymous class
                }
                for (TypeMirror arg : ((DeclaredType) t).getTypeArguments()) {
                    if (!denotable(arg, false)) {
                        return false;
                    }
                }
                return true;
            }
            default:
                return false;
        }
    }

    /**
     * The type of a {@code var} local as far as declarations say it: its initializer's type, or
     * for the variable of an enhanced {@code for}, the element type of the array or
     * {@code Iterable} it walks. {@code null} where that type is unknown, mentions type variables
     * of a generic method's inference, or is a type javac would make more precise (an
     * intersection, a capture).
     */
    private TypeMirror varType(LocalVar local, Predicate<String> hidden) {
        if (!(local.declaration instanceof VariableTree) || local.kind == LocalVar.Kind.LAMBDA_LOCAL
                || local.kind == LocalVar.Kind.PARAMETER) {
            return null; // an implicitly typed lambda parameter: only javac's typing knows it
        }
        VariableTree v = (VariableTree) local.declaration;
        if (v.getInitializer() != null) {
            TypeMirror t = mirrorOf(v.getInitializer(), hidden);
            return t == null || t.getKind() == TypeKind.NULL ? null : t;
        }
        if (local.forEachOf != null) {
            TypeMirror iterated = mirrorOf(local.forEachOf, hidden);
            if (iterated instanceof ArrayType) {
                return ((ArrayType) iterated).getComponentType();
            }
            return iterated == null ? null : iterableElement(iterated);
        }
        return null;
    }

    /** {@code X} where {@code type} is or extends {@code Iterable<X>} (type arguments substituted); else null. */
    private TypeMirror iterableElement(TypeMirror type) {
        if (!(type instanceof DeclaredType)) {
            return null;
        }
        TypeElement element = (TypeElement) ((DeclaredType) type).asElement();
        if (element.getQualifiedName().contentEquals("java.lang.Iterable")) {
            List<? extends TypeMirror> args = ((DeclaredType) type).getTypeArguments();
            if (args.size() != 1) {
                return null;
            }
            TypeMirror arg = args.get(0);
            return arg instanceof javax.lang.model.type.WildcardType
                    ? ((javax.lang.model.type.WildcardType) arg).getExtendsBound() : arg;
        }
        for (TypeMirror s : resolver.types().directSupertypes(type)) {
            TypeMirror found = iterableElement(s);
            if (found != null) {
                return found;
            }
        }
        return null;
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
