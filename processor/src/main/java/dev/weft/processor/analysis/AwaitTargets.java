package dev.weft.processor.analysis;

import dev.weft.processor.model.Trees2;
import dev.weft.processor.model.LocalVar;
import dev.weft.processor.model.Suspension;
import dev.weft.processor.resolution.Member;
import dev.weft.processor.resolution.NameResolver;

import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParameterizedTypeTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.SimpleTypeVisitor8;

/**
 * The target type of an {@code await(e)}, where {@code e} needs it. In Java, {@code await} in an
 * assignment or invocation context takes its type from there, and so does {@code e}: in
 * {@code Map<String, Integer> m = await(later(new TreeMap<>((a, b) -> b.compareTo(a))))} the
 * diamond and the lambda are typed for {@code String} keys. Lowered, {@code e} is evaluated in a
 * state of its own, where nothing gives it that type; generated code gives it the declared type
 * of the context ({@code targeted}, see {@code CoroutineFrame}), or, where only javac's typing
 * knows it (an argument of an overloaded or generic method), Weft refuses the await at its
 * position. Only an {@code e} whose typing depends on its target (a lambda, a method reference or
 * a diamond, reached through generic calls) needs one.
 */
public final class AwaitTargets {
    /** The error for an await whose expression needs a target type that only javac's typing knows. */
    public static final String UNKNOWN_TARGET = "Weft evaluates what an await waits for before the await, and"
            + " there this expression does not get the type that the context of the await gives it in Java;"
            + " its lambda, method reference or <> needs that type. Declare it first with the type you mean"
            + " (for example Awaitable<...> pending = ...;), then await(pending)";

    /** Where the target of an await comes from. */
    public static final class Target {
        /** No target: the await is in no assignment or invocation context (its value is dropped or operated on). */
        public static final Target NONE = new Target(null, null);
        /** A context whose type only javac's typing knows. */
        public static final Target UNKNOWN = new Target(null, null);

        /** The type as the user wrote it, for a target a declaration in the body gives; else null. */
        public final Tree typeTree;
        /** The type, for a target that a declaration outside the body gives (boxed); else null. */
        public final TypeMirror type;

        private Target(Tree typeTree, TypeMirror type) {
            this.typeTree = typeTree;
            this.type = type;
        }

        /** Whether declarations give the target a type. */
        public boolean isDeclared() {
            return typeTree != null || type != null;
        }
    }

    private final Analysis a;
    private final NameResolver resolver;
    private final BoxedValues boxed;
    private final TypeMirror returnType;
    public AwaitTargets(Analysis a, NameResolver resolver, BoxedValues boxed, TypeMirror returnType) {
        this.a = a;
        this.resolver = resolver;
        this.boxed = boxed;
        this.returnType = returnType;
    }

    /**
     * Whether the typing of {@code e} may depend on a target type: it is a lambda, a method
     * reference or a diamond, or a call of a method that may be generic (any whose declaration
     * Weft cannot see) with such an argument, or a conditional with such an operand.
     */
    public boolean dependsOnTarget(ExpressionTree e) {
        e = Trees2.unparen(e);
        switch (e.getKind()) {
            case LAMBDA_EXPRESSION:
            case MEMBER_REFERENCE:
                return true;
            case NEW_CLASS: {
                Tree type = ((NewClassTree) e).getIdentifier();
                return type instanceof ParameterizedTypeTree && ((ParameterizedTypeTree) type).getTypeArguments().isEmpty();
            }
            case CONDITIONAL_EXPRESSION: {
                ConditionalExpressionTree c = (ConditionalExpressionTree) e;
                return dependsOnTarget(c.getTrueExpression()) || dependsOnTarget(c.getFalseExpression());
            }
            case METHOD_INVOCATION: {
                MethodInvocationTree mi = (MethodInvocationTree) e;
                if (!mayBeGeneric(mi)) {
                    return false;
                }
                for (ExpressionTree arg : mi.getArguments()) {
                    if (dependsOnTarget(arg)) {
                        return true;
                    }
                }
                return false;
            }
            default:
                return false;
        }
    }

    /** Whether a call may be of a generic method: any of its candidates is, or they are unknown. */
    private boolean mayBeGeneric(MethodInvocationTree mi) {
        List<? extends Element> candidates = candidates(mi);
        if (candidates.isEmpty()) {
            return true;
        }
        for (Element m : candidates) {
            if (!(m instanceof ExecutableElement) || !((ExecutableElement) m).getTypeParameters().isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** The methods a call may mean, by its number of arguments; a factory call means its coroutines. */
    private List<? extends Element> candidates(MethodInvocationTree mi) {
        List<? extends Element> methods = boxed.methodsCalled(mi);
        if (methods.isEmpty() && mi.getMethodSelect() instanceof MemberSelectTree) {
            MemberSelectTree ms = (MemberSelectTree) mi.getMethodSelect();
            methods = resolver.factoriesNamed(ms.getExpression(), ms.getIdentifier().toString());
        }
        return Member.applicable(methods, mi.getArguments().size());
    }

    /** The target of the await {@code call}. */
    public Target targetOf(MethodInvocationTree call) {
        TreePath path = a.suspensionPaths.get(call);
        Tree child = call;
        for (TreePath p = path.getParentPath(); p != null; child = p.getLeaf(), p = p.getParentPath()) {
            Tree parent = p.getLeaf();
            if (parent instanceof ParenthesizedTree || parent instanceof ConditionalExpressionTree
                    && ((ConditionalExpressionTree) parent).getCondition() != child) {
                continue; // a reference conditional passes its target to its operands
            }
            if (parent instanceof VariableTree) {
                return declaredType(((VariableTree) parent).getType(), Target.NONE);
            }
            if (parent instanceof AssignmentTree) {
                return ((AssignmentTree) parent).getExpression() == child
                        ? variableType(((AssignmentTree) parent).getVariable()) : Target.NONE;
            }
            if (parent instanceof ReturnTree) {
                return typeOf(returnType);
            }
            if (parent instanceof MethodInvocationTree) {
                MethodInvocationTree mi = (MethodInvocationTree) parent;
                int index = mi.getArguments().indexOf(child);
                if (index < 0) {
                    return Target.NONE; // the method select: a receiver has no target
                }
                Suspension s = a.suspensions.get(mi);
                List<? extends Element> candidates = s != null && s.callee != null ? List.of(s.callee) : candidates(mi);
                return parameterType(candidates, index, mi.getArguments().size());
            }
            if (parent instanceof NewClassTree) {
                NewClassTree nc = (NewClassTree) parent;
                int index = nc.getArguments().indexOf(child);
                if (index < 0) {
                    return Target.NONE;
                }
                TypeElement created = a.types.typeOfTree(nc.getIdentifier(), name -> false);
                return created == null || nc.getClassBody() != null ? Target.UNKNOWN
                        : parameterType(Member.applicable(
                                ElementFilter.constructorsIn(created.getEnclosedElements()), nc.getArguments().size()),
                                index, nc.getArguments().size());
            }
            if (parent instanceof ExpressionTree && !(parent instanceof com.sun.source.tree.LambdaExpressionTree)
                    && !(parent instanceof com.sun.source.tree.NewArrayTree)
                    && !(parent instanceof com.sun.source.tree.SwitchExpressionTree)) {
                return Target.NONE; // an operand, a receiver, a cast: no target
            }
            return parent instanceof com.sun.source.tree.StatementTree && !(parent instanceof com.sun.source.tree.YieldTree)
                    ? Target.NONE : Target.UNKNOWN;
        }
        return Target.NONE;
    }

    /** The declared type of the variable an assignment stores into. */
    private Target variableType(ExpressionTree variable) {
        variable = Trees2.unparen(variable);
        if (variable instanceof IdentifierTree) {
            LocalVar local = a.references.get(variable);
            if (local != null) {
                return declaredType(local.typeTree, Target.UNKNOWN);
            }
            Member field = resolver.resolveField(((IdentifierTree) variable).getName().toString());
            return field == null ? Target.UNKNOWN : typeOf(field.elements.get(0).asType());
        }
        if (variable instanceof MemberSelectTree) {
            MemberSelectTree ms = (MemberSelectTree) variable;
            TypeElement holder = a.types.typeNamed(ms.getExpression(), name -> false);
            if (holder == null) {
                holder = a.types.typeOf(ms.getExpression(), name -> false);
            }
            VariableElement field = holder == null ? null : resolver.fieldOf(holder, ms.getIdentifier().toString());
            return field == null || !holder.getTypeParameters().isEmpty() && holder != resolver.owner() ? Target.UNKNOWN
                    : typeOf(field.asType());
        }
        return Target.UNKNOWN; // an array element
    }

    /** The type of parameter {@code index} that all {@code candidates} agree on, free of their type variables. */
    private Target parameterType(List<? extends Element> candidates, int index, int arity) {
        TypeMirror type = null;
        for (Element e : candidates) {
            if (!(e instanceof ExecutableElement)) {
                return Target.UNKNOWN;
            }
            ExecutableElement m = (ExecutableElement) e;
            List<? extends VariableElement> params = m.getParameters();
            if (m.isVarArgs() && index >= params.size() - 1 || index >= params.size()) {
                return Target.UNKNOWN;
            }
            TypeMirror t = params.get(index).asType();
            if (type != null && !resolver.sameType(type, t) || mentionsTypeVariables(t)) {
                return Target.UNKNOWN;
            }
            type = t;
        }
        return type == null ? Target.UNKNOWN : typeOf(type);
    }

    /**
     * A variable's type as written; {@code var} gives {@code ifVar}. A primitive type is no
     * target of anything that depends on one (a lambda or a diamond is never primitive).
     */
    private Target declaredType(Tree type, Target ifVar) {
        if (type == null) {
            return ifVar;
        }
        return type instanceof com.sun.source.tree.PrimitiveTypeTree ? Target.NONE : new Target(type, null);
    }

    private Target typeOf(TypeMirror type) {
        if (type.getKind() == TypeKind.ERROR || type.getKind() == TypeKind.VOID || resolver.visibility().privateTypeIn(type) != null) {
            return Target.UNKNOWN;
        }
        return new Target(null, resolver.boxed(type));
    }

    private static boolean mentionsTypeVariables(TypeMirror t) {
        return Boolean.TRUE.equals(t.accept(new SimpleTypeVisitor8<Boolean, Void>(false) {
            @Override
            public Boolean visitTypeVariable(TypeVariable v, Void p) {
                return true;
            }

            @Override
            public Boolean visitDeclared(javax.lang.model.type.DeclaredType d, Void p) {
                for (TypeMirror arg : d.getTypeArguments()) {
                    if (arg.accept(this, null)) {
                        return true;
                    }
                }
                return d.getEnclosingType().accept(this, null);
            }

            @Override
            public Boolean visitArray(javax.lang.model.type.ArrayType arr, Void p) {
                return arr.getComponentType().accept(this, null);
            }

            @Override
            public Boolean visitWildcard(javax.lang.model.type.WildcardType w, Void p) {
                return w.getExtendsBound() != null && w.getExtendsBound().accept(this, null)
                        || w.getSuperBound() != null && w.getSuperBound().accept(this, null);
            }
        }, null));
    }
}
