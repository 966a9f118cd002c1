package dev.weft.processor.analysis;

import dev.weft.processor.model.Trees2;
import dev.weft.processor.model.LocalVar;
import dev.weft.processor.model.Suspension;
import dev.weft.processor.resolution.DeclaredTypes;
import dev.weft.processor.resolution.Member;
import dev.weft.processor.resolution.NameResolver;

import com.sun.source.tree.AnnotatedTypeTree;
import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.ArrayTypeTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Whether an expression may evaluate to a {@code null} box ({@code Integer}, {@code Boolean}...),
 * whose unboxing throws: decided from the declarations of locals, fields and methods, and
 * conservatively (an expression of unknown type may); and which arguments of a call Java unboxes.
 * Lowering asks before it keeps an operand across a suspension, so that it unboxes it where Java
 * does, and only where that can matter.
 */
public final class BoxedValues {
    private static final Set<String> BOXES = Set.of("java.lang.Boolean", "java.lang.Byte", "java.lang.Short",
            "java.lang.Character", "java.lang.Integer", "java.lang.Long", "java.lang.Float", "java.lang.Double");

    private final Analysis analysis;
    private final NameResolver resolver;

    public BoxedValues(Analysis analysis, NameResolver resolver) {
        this.analysis = analysis;
        this.resolver = resolver;
    }

    /**
     * Whether {@code e} may be a {@code null} box. Operators, literals and allocations never are:
     * their value is primitive, a string or a new object ({@code i++} of an {@code Integer} has
     * unboxed it already).
     */
    public boolean mayBeNullBox(ExpressionTree e) {
        e = Trees2.unparen(e);
        if (e instanceof UnaryTree || e instanceof com.sun.source.tree.BinaryTree
                || e instanceof com.sun.source.tree.CompoundAssignmentTree) {
            return false;
        }
        switch (e.getKind()) {
            case INT_LITERAL:
            case LONG_LITERAL:
            case FLOAT_LITERAL:
            case DOUBLE_LITERAL:
            case BOOLEAN_LITERAL:
            case CHAR_LITERAL:
            case STRING_LITERAL:
            case NULL_LITERAL:
            case NEW_CLASS:
            case NEW_ARRAY:
            case INSTANCE_OF:
            case LAMBDA_EXPRESSION:
            case MEMBER_REFERENCE:
                return false;
            case TYPE_CAST:
                return typeMayBeBoxed(((TypeCastTree) e).getType());
            case IDENTIFIER:
                return identifier((IdentifierTree) e);
            case MEMBER_SELECT:
                return memberSelect((MemberSelectTree) e);
            case ARRAY_ACCESS:
                return arrayElement(((ArrayAccessTree) e).getExpression());
            case METHOD_INVOCATION:
                return invocation((MethodInvocationTree) e);
            default:
                return true;
        }
    }

    private boolean identifier(IdentifierTree id) {
        LocalVar local = analysis.references.get(id);
        if (local != null) {
            return typeMayBeBoxed(local.typeTree);
        }
        if (id.getName().contentEquals("this")) {
            return false;
        }
        Member field = resolver.resolveField(id.getName().toString());
        return field == null || mirrorMayBeBoxed(field.elements.get(0).asType());
    }

    /** {@code Type.FIELD}; a field of an object is of a type unknown here. */
    private boolean memberSelect(MemberSelectTree ms) {
        if (analysis.references.containsKey(ms.getExpression())) {
            return true;
        }
        TypeElement type = resolver.resolveTypeExpression(ms.getExpression());
        if (type == null) {
            return true;
        }
        for (Element member : resolver.membersOf(type)) {
            if (member.getKind().isField() && member.getSimpleName().contentEquals(ms.getIdentifier())) {
                return mirrorMayBeBoxed(member.asType());
            }
        }
        return true;
    }

    /** An element of an array held by a local or a field of a known array type. */
    private boolean arrayElement(ExpressionTree array) {
        array = Trees2.unparen(array);
        if (array instanceof IdentifierTree) {
            LocalVar local = analysis.references.get(array);
            Tree type = local == null ? null : unannotated(local.typeTree);
            if (type instanceof ArrayTypeTree) {
                return typeMayBeBoxed(((ArrayTypeTree) type).getType());
            }
            if (local == null) {
                Member field = resolver.resolveField(((IdentifierTree) array).getName().toString());
                if (field != null && field.elements.get(0).asType() instanceof ArrayType) {
                    return mirrorMayBeBoxed(((ArrayType) field.elements.get(0).asType()).getComponentType());
                }
            }
        }
        return true;
    }

    /**
     * A call: a coroutine's declared result, or a call of a method of the class or of a named type
     * none of whose overloads returns a box or a type variable.
     */
    private boolean invocation(MethodInvocationTree mi) {
        Suspension s = analysis.suspensions.get(mi);
        if (s != null) {
            return s.kind != Suspension.Kind.COROUTINE_CALL || mirrorMayBeBoxed(s.callee.getReturnType());
        }
        List<? extends Element> candidates = methodsCalled(mi);
        for (Element m : candidates) {
            if (!(m instanceof ExecutableElement) || mirrorMayBeBoxed(((ExecutableElement) m).getReturnType())) {
                return true;
            }
        }
        return candidates.isEmpty();
    }

    /** The methods a call may resolve to: see {@link DeclaredTypes#methodsCalled}. */
    public List<? extends Element> methodsCalled(MethodInvocationTree mi) {
        return analysis.types.methodsCalled(mi, name -> false);
    }

    private boolean isTypeVariableOrLocalClass(String name) {
        return analysis.typeVariables.contains(name) || analysis.localClasses.contains(name);
    }

    /**
     * The positions of the arguments that every candidate method or constructor of a call with
     * {@code count} arguments takes as a primitive: Java unboxes those as it evaluates them,
     * whichever overload it picks. A variable-arity parameter counts as none.
     */
    public static Set<Integer> primitiveParameters(List<? extends Element> candidates, int count) {
        Set<Integer> positions = null;
        for (Element e : candidates) {
            if (!(e instanceof ExecutableElement)) {
                return Set.of();
            }
            ExecutableElement m = (ExecutableElement) e;
            List<? extends VariableElement> params = m.getParameters();
            int fixed = m.isVarArgs() ? params.size() - 1 : params.size();
            if (m.isVarArgs() ? count < fixed : count != fixed) {
                continue; // not applicable by arity
            }
            Set<Integer> primitive = new HashSet<>();
            for (int i = 0; i < fixed; i++) {
                if (params.get(i).asType().getKind().isPrimitive()) {
                    primitive.add(i);
                }
            }
            if (positions == null) {
                positions = primitive;
            } else {
                positions.retainAll(primitive);
            }
        }
        return positions == null ? Set.of() : positions;
    }

    /** Whether a declared type may be a box: {@code var}, a box class, a type variable, or unknown. */
    private boolean typeMayBeBoxed(Tree type) {
        type = unannotated(type);
        if (type == null) {
            return true; // var
        }
        if (type instanceof PrimitiveTypeTree || type instanceof ArrayTypeTree
                || type instanceof com.sun.source.tree.ParameterizedTypeTree) {
            return false;
        }
        if (type instanceof IdentifierTree && isTypeVariableOrLocalClass(((IdentifierTree) type).getName().toString())) {
            return !analysis.localClasses.contains(((IdentifierTree) type).getName().toString());
        }
        if (type instanceof IdentifierTree || type instanceof MemberSelectTree) {
            TypeElement t = resolver.resolveTypeExpression((ExpressionTree) type);
            return t == null || BOXES.contains(t.getQualifiedName().toString());
        }
        return true;
    }

    private static boolean mirrorMayBeBoxed(TypeMirror type) {
        if (type.getKind().isPrimitive() || type.getKind() == TypeKind.ARRAY || type.getKind() == TypeKind.VOID) {
            return false;
        }
        if (type instanceof DeclaredType) {
            return BOXES.contains(((TypeElement) ((DeclaredType) type).asElement()).getQualifiedName().toString());
        }
        return true;
    }

    private static Tree unannotated(Tree type) {
        return type instanceof AnnotatedTypeTree ? ((AnnotatedTypeTree) type).getUnderlyingType() : type;
    }
}
