package dev.weft.processor.model;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.Tree;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * A local variable of a coroutine body: a parameter, a local declaration, a catch parameter, a
 * resource, a loop variable or a pattern binding. Locals whose scope contains a suspension point
 * are hoisted into fields of the state machine; the rest stay locals of the resume method.
 */
public final class LocalVar {
    public enum Kind { PARAMETER, LOCAL, CATCH_PARAMETER, RESOURCE, BINDING, LAMBDA_LOCAL }

    public final String name;
    public final Kind kind;
    /** The declaring tree (a VariableTree, or a BindingPatternTree for bindings). */
    public final Tree declaration;
    /** The declared type as written, or {@code null} for {@code var} and implicit lambda parameters. */
    public final Tree typeTree;
    /** For the variable of an enhanced {@code for}: the array or {@code Iterable} it walks; else {@code null}. */
    public ExpressionTree forEachOf;
    /**
     * For a {@code var} local kept in a field: the type declarations give its initializer (or the
     * elements it walks), which the field declares; else {@code null}.
     */
    public TypeMirror derivedType;
    /** Whether the variable is live across a suspension point: it becomes a field. */
    public boolean hoisted;
    /**
     * Whether it is a constant variable (JLS 4.12.4). A hoisted constant becomes a static final
     * field of the frame, so that it stays a constant in generated code (case labels, implicit
     * narrowing, string identity depend on it).
     */
    public boolean constant;
    /** Whether a lambda, anonymous or local class body reads it. */
    public boolean captured;
    /** The name used in generated code (a field name if hoisted). */
    public String emittedName;

    public LocalVar(String name, Kind kind, Tree declaration, Tree typeTree) {
        this.name = name;
        this.kind = kind;
        this.declaration = declaration;
        this.typeTree = typeTree;
        this.emittedName = name;
    }

    /**
     * Whether this is an unnamed variable ({@code _}, Java 22): javac gives it an empty name. Its
     * value is never read, so it is never kept in a field; generated code declares it as
     * {@code _} again where a variable is required.
     */
    /** The primitive type the variable is declared with (or, for {@code var}, derived), or {@code null}. */
    public TypeKind primitiveKind() {
        if (typeTree instanceof PrimitiveTypeTree) {
            return ((PrimitiveTypeTree) typeTree).getPrimitiveTypeKind();
        }
        return typeTree == null && derivedType != null && derivedType.getKind().isPrimitive() ? derivedType.getKind()
                : null;
    }

    public boolean isUnnamed() {
        return name.isEmpty();
    }

    @Override
    public String toString() {
        return name + (hoisted ? " (field " + emittedName + ")" : "");
    }
}
