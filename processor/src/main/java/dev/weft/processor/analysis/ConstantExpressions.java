package dev.weft.processor.analysis;

import dev.weft.processor.model.LocalVar;
import dev.weft.processor.resolution.Member;
import dev.weft.processor.resolution.NameResolver;

import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;

/**
 * Which expressions of a coroutine body are constant expressions (JLS 15.29), decided from the
 * trees and the declarations alone: literals other than {@code null}; the unary, binary and
 * conditional operators; casts to a primitive type or {@code String}; constant locals; and fields
 * whose constant value {@code javax.lang.model} reports, named simply or by a static import, or
 * static ones as {@code Type.NAME}.
 *
 * <p>An expression of that form is a constant only if it does not complete abruptly: javac does
 * not fold {@code 1 / 0}, and keeps it as code that throws. So the expressions are evaluated, with
 * Java's conversions and arithmetic, and an integer division or remainder by zero makes the
 * expression no constant.
 *
 * <p>Constants matter in generated code: case labels, implicit narrowing ({@code byte b = K}) and
 * string identity ({@code (S + "b") == "ab"}) depend on them. A constant is never kept across a
 * suspension (evaluating it later changes nothing, and a kept value would lose its constancy).
 */
public final class ConstantExpressions {
    /** The types a constant can have. */
    private enum Kind { BYTE, SHORT, CHAR, INT, LONG, FLOAT, DOUBLE, BOOLEAN, STRING }

    /**
     * A constant's value: a {@code Long} for the integral kinds, a {@code Double} for the floating
     * ones (a float value exactly), a {@code Boolean} or a {@code String}.
     */
    private record Value(Kind kind, Object value) {
        long integral() {
            return (Long) value;
        }

        double floating() {
            return (Double) value;
        }

        boolean isNumeric() {
            return kind != Kind.BOOLEAN && kind != Kind.STRING;
        }

        boolean isIntegral() {
            return isNumeric() && kind != Kind.FLOAT && kind != Kind.DOUBLE;
        }

        /** The value as string conversion renders it. */
        String text() {
            switch (kind) {
                case CHAR:
                    return String.valueOf((char) integral());
                case FLOAT:
                    return String.valueOf((float) floating());
                default:
                    return String.valueOf(value);
            }
        }
    }

    private final Map<Tree, LocalVar> references;
    private final NameResolver resolver;
    private final Set<String> typeVariables;
    private final Set<String> localClasses;
    /** The values of the constant locals. */
    private final Map<LocalVar, Value> localValues = new IdentityHashMap<>();

    ConstantExpressions(Map<Tree, LocalVar> references, NameResolver resolver, Set<String> typeVariables,
            Set<String> localClasses) {
        this.references = references;
        this.resolver = resolver;
        this.typeVariables = typeVariables;
        this.localClasses = localClasses;
    }

    /**
     * Whether the local {@code v} is a constant variable (JLS 4.12.4): {@code final}, of a
     * primitive type or {@code String}, initialized with a constant expression. Asked once per
     * local, in declaration order: the value is kept for the constants declared after it.
     */
    boolean declaresConstant(LocalVar local) {
        VariableTree v = (VariableTree) local.declaration;
        Value value = v.getModifiers().getFlags().contains(Modifier.FINAL) ? declaredValue(v) : null;
        if (value != null) {
            localValues.put(local, value);
        }
        return value != null;
    }

    /** Whether {@code e} is a constant expression. */
    public boolean isConstant(ExpressionTree e) {
        return valueOf(e) != null;
    }

    /** The value of a constant variable, converted to its declared type, or {@code null}. */
    private Value declaredValue(VariableTree v) {
        Kind kind = kindOf(v.getType());
        Value init = kind == null || v.getInitializer() == null ? null : valueOf(v.getInitializer());
        return init == null ? null : assign(init, kind);
    }

    /** The value of a constant expression; {@code null} if it is none. */
    private Value valueOf(ExpressionTree e) {
        switch (e.getKind()) {
            case INT_LITERAL:
                return integral(Kind.INT, ((Number) ((LiteralTree) e).getValue()).longValue());
            case LONG_LITERAL:
                return integral(Kind.LONG, ((Number) ((LiteralTree) e).getValue()).longValue());
            case CHAR_LITERAL:
                return integral(Kind.CHAR, (Character) ((LiteralTree) e).getValue());
            case FLOAT_LITERAL:
            case DOUBLE_LITERAL:
                return new Value(e.getKind() == Tree.Kind.FLOAT_LITERAL ? Kind.FLOAT : Kind.DOUBLE,
                        ((Number) ((LiteralTree) e).getValue()).doubleValue());
            case BOOLEAN_LITERAL:
                return new Value(Kind.BOOLEAN, ((LiteralTree) e).getValue());
            case STRING_LITERAL:
                return new Value(Kind.STRING, ((LiteralTree) e).getValue());
            case PARENTHESIZED:
                return valueOf(((ParenthesizedTree) e).getExpression());
            case UNARY_PLUS:
            case UNARY_MINUS:
            case BITWISE_COMPLEMENT:
            case LOGICAL_COMPLEMENT: {
                Value v = valueOf(((UnaryTree) e).getExpression());
                return v == null ? null : unary(e.getKind(), v);
            }
            case CONDITIONAL_EXPRESSION:
                return conditional((ConditionalExpressionTree) e);
            case TYPE_CAST: {
                TypeCastTree c = (TypeCastTree) e;
                Kind kind = kindOf(c.getType());
                Value v = kind == null ? null : valueOf(c.getExpression());
                return v == null ? null : cast(v, kind);
            }
            case IDENTIFIER:
                return named((IdentifierTree) e);
            case MEMBER_SELECT:
                return field((MemberSelectTree) e);
            default:
                if (e instanceof BinaryTree) {
                    BinaryTree b = (BinaryTree) e;
                    Value left = valueOf(b.getLeftOperand());
                    Value right = left == null ? null : valueOf(b.getRightOperand());
                    return right == null ? null : binary(e.getKind(), left, right);
                }
                return null;
        }
    }

    private Value named(IdentifierTree id) {
        LocalVar local = references.get(id);
        if (local != null) {
            return localValues.get(local);
        }
        Member field = resolver.resolveField(id.getName().toString());
        return field == null ? null : constantField(field.elements.get(0), true);
    }

    /** {@code Type.NAME}: a constant field of a type (an expression on the left is no constant). */
    private Value field(MemberSelectTree ms) {
        if (references.containsKey(ms.getExpression())) {
            return null; // a local's field
        }
        TypeElement type = resolver.resolveTypeExpression(ms.getExpression());
        if (type == null) {
            return null;
        }
        for (Element member : resolver.membersOf(type)) {
            if (member.getKind().isField() && member.getSimpleName().contentEquals(ms.getIdentifier())) {
                return constantField(member, false);
            }
        }
        return null;
    }

    /**
     * The value of a field with a constant value: a static one, or an instance one named simply
     * (generated code writes its value; {@code Type.NAME} of an instance field is no expression).
     */
    private static Value constantField(Element field, boolean simpleName) {
        if (!(field instanceof VariableElement) || !simpleName && !field.getModifiers().contains(Modifier.STATIC)) {
            return null;
        }
        Object v = ((VariableElement) field).getConstantValue();
        Kind kind = kindOf(field.asType().getKind());
        if (v == null) {
            return null;
        }
        if (v instanceof String) {
            return new Value(Kind.STRING, v);
        }
        if (v instanceof Boolean) {
            return new Value(Kind.BOOLEAN, v);
        }
        if (v instanceof Character) {
            return integral(Kind.CHAR, (Character) v);
        }
        if (kind == null || !(v instanceof Number)) {
            return null;
        }
        return kind == Kind.FLOAT || kind == Kind.DOUBLE ? new Value(kind, ((Number) v).doubleValue())
                : integral(kind, ((Number) v).longValue());
    }

    private static Value unary(Tree.Kind op, Value v) {
        if (op == Tree.Kind.LOGICAL_COMPLEMENT) {
            return v.kind == Kind.BOOLEAN ? new Value(Kind.BOOLEAN, !(Boolean) v.value) : null;
        }
        if (!v.isNumeric() || op == Tree.Kind.BITWISE_COMPLEMENT && !v.isIntegral()) {
            return null;
        }
        Value p = cast(v, promoted(v.kind, Kind.INT));
        switch (op) {
            case UNARY_PLUS:
                return p;
            case UNARY_MINUS:
                return p.isIntegral() ? integral(p.kind, -p.integral()) : floating(p.kind, -p.floating());
            default:
                return integral(p.kind, ~p.integral());
        }
    }

    private static Value binary(Tree.Kind op, Value l, Value r) {
        switch (op) {
            case PLUS:
                if (l.kind == Kind.STRING || r.kind == Kind.STRING) {
                    return new Value(Kind.STRING, l.text() + r.text());
                }
                return arithmetic(op, l, r);
            case MINUS:
            case MULTIPLY:
            case DIVIDE:
            case REMAINDER:
                return arithmetic(op, l, r);
            case LEFT_SHIFT:
            case RIGHT_SHIFT:
            case UNSIGNED_RIGHT_SHIFT:
                return shift(op, l, r);
            case LESS_THAN:
            case LESS_THAN_EQUAL:
            case GREATER_THAN:
            case GREATER_THAN_EQUAL:
            case EQUAL_TO:
            case NOT_EQUAL_TO:
                return comparison(op, l, r);
            case AND:
            case OR:
            case XOR:
            case CONDITIONAL_AND:
            case CONDITIONAL_OR:
                return logical(op, l, r);
            default:
                return null;
        }
    }

    /** {@code + - * / %} on numbers; an integer division by zero is no constant. */
    private static Value arithmetic(Tree.Kind op, Value l, Value r) {
        if (!l.isNumeric() || !r.isNumeric()) {
            return null;
        }
        Kind kind = promoted(l.kind, r.kind);
        l = cast(l, kind);
        r = cast(r, kind);
        if (kind == Kind.INT) {
            int x = (int) l.integral();
            int y = (int) r.integral();
            switch (op) {
                case PLUS: return integral(kind, x + y);
                case MINUS: return integral(kind, x - y);
                case MULTIPLY: return integral(kind, x * y);
                case DIVIDE: return y == 0 ? null : integral(kind, x / y);
                default: return y == 0 ? null : integral(kind, x % y);
            }
        }
        if (kind == Kind.LONG) {
            long x = l.integral();
            long y = r.integral();
            switch (op) {
                case PLUS: return integral(kind, x + y);
                case MINUS: return integral(kind, x - y);
                case MULTIPLY: return integral(kind, x * y);
                case DIVIDE: return y == 0 ? null : integral(kind, x / y);
                default: return y == 0 ? null : integral(kind, x % y);
            }
        }
        if (kind == Kind.FLOAT) {
            float x = (float) l.floating();
            float y = (float) r.floating();
            switch (op) {
                case PLUS: return floating(kind, x + y);
                case MINUS: return floating(kind, x - y);
                case MULTIPLY: return floating(kind, x * y);
                case DIVIDE: return floating(kind, x / y);
                default: return floating(kind, x % y);
            }
        }
        double x = l.floating();
        double y = r.floating();
        switch (op) {
            case PLUS: return floating(kind, x + y);
            case MINUS: return floating(kind, x - y);
            case MULTIPLY: return floating(kind, x * y);
            case DIVIDE: return floating(kind, x / y);
            default: return floating(kind, x % y);
        }
    }

    private static Value shift(Tree.Kind op, Value l, Value r) {
        if (!l.isIntegral() || !r.isIntegral()) {
            return null;
        }
        Kind kind = promoted(l.kind, Kind.INT);
        long distance = r.integral();
        if (kind == Kind.INT) {
            int x = (int) l.integral();
            switch (op) {
                case LEFT_SHIFT: return integral(kind, x << distance);
                case RIGHT_SHIFT: return integral(kind, x >> distance);
                default: return integral(kind, x >>> distance);
            }
        }
        long x = l.integral();
        switch (op) {
            case LEFT_SHIFT: return integral(kind, x << distance);
            case RIGHT_SHIFT: return integral(kind, x >> distance);
            default: return integral(kind, x >>> distance);
        }
    }

    private static Value comparison(Tree.Kind op, Value l, Value r) {
        boolean equality = op == Tree.Kind.EQUAL_TO || op == Tree.Kind.NOT_EQUAL_TO;
        if (!l.isNumeric() || !r.isNumeric()) {
            // booleans, and strings, which are interned: the same constant is the same object
            return equality && l.kind == r.kind
                    ? new Value(Kind.BOOLEAN, l.value.equals(r.value) == (op == Tree.Kind.EQUAL_TO)) : null;
        }
        Kind kind = promoted(l.kind, r.kind);
        l = cast(l, kind);
        r = cast(r, kind);
        int c;
        if (kind == Kind.INT || kind == Kind.LONG) {
            c = Long.compare(l.integral(), r.integral());
        } else if (Double.isNaN(l.floating()) || Double.isNaN(r.floating())) {
            return new Value(Kind.BOOLEAN, op == Tree.Kind.NOT_EQUAL_TO); // NaN compares false with everything
        } else {
            c = Double.compare(l.floating() + 0.0, r.floating() + 0.0); // + 0.0: -0.0 == 0.0
        }
        boolean result;
        switch (op) {
            case LESS_THAN: result = c < 0; break;
            case LESS_THAN_EQUAL: result = c <= 0; break;
            case GREATER_THAN: result = c > 0; break;
            case GREATER_THAN_EQUAL: result = c >= 0; break;
            case EQUAL_TO: result = c == 0; break;
            default: result = c != 0; break;
        }
        return new Value(Kind.BOOLEAN, result);
    }

    private static Value logical(Tree.Kind op, Value l, Value r) {
        if (l.kind == Kind.BOOLEAN && r.kind == Kind.BOOLEAN) {
            boolean a = (Boolean) l.value;
            boolean b = (Boolean) r.value;
            switch (op) {
                case AND:
                case CONDITIONAL_AND:
                    return new Value(Kind.BOOLEAN, a && b);
                case OR:
                case CONDITIONAL_OR:
                    return new Value(Kind.BOOLEAN, a || b);
                default:
                    return new Value(Kind.BOOLEAN, a ^ b);
            }
        }
        if (op == Tree.Kind.CONDITIONAL_AND || op == Tree.Kind.CONDITIONAL_OR || !l.isIntegral() || !r.isIntegral()) {
            return null;
        }
        Kind kind = promoted(l.kind, r.kind);
        long a = l.integral();
        long b = r.integral();
        switch (op) {
            case AND: return integral(kind, a & b);
            case OR: return integral(kind, a | b);
            default: return integral(kind, a ^ b);
        }
    }

    /** {@code c ? a : b} with the type JLS 15.25 gives it. */
    private Value conditional(ConditionalExpressionTree c) {
        Value cond = valueOf(c.getCondition());
        Value a = cond == null || cond.kind != Kind.BOOLEAN ? null : valueOf(c.getTrueExpression());
        Value b = a == null ? null : valueOf(c.getFalseExpression());
        if (b == null) {
            return null;
        }
        Kind kind;
        if (a.kind == b.kind) {
            kind = a.kind;
        } else if (a.isNumeric() && b.isNumeric()) {
            kind = narrowConditional(a, b);
            if (kind == null) {
                kind = narrowConditional(b, a);
            }
            if (kind == null) {
                kind = a.kind == Kind.BYTE && b.kind == Kind.SHORT || a.kind == Kind.SHORT && b.kind == Kind.BYTE
                        ? Kind.SHORT : promoted(a.kind, b.kind);
            }
        } else {
            return null; // a reference conditional: boxing, no constant
        }
        return cast((Boolean) cond.value ? a : b, kind);
    }

    /** An int constant beside a byte, short or char that can hold it gives that type (JLS 15.25). */
    private static Kind narrowConditional(Value intConstant, Value other) {
        if (intConstant.kind != Kind.INT || other.kind != Kind.BYTE && other.kind != Kind.SHORT && other.kind != Kind.CHAR) {
            return null;
        }
        return cast(intConstant, other.kind).integral() == intConstant.integral() ? other.kind : null;
    }

    /** Assignment of a constant to a variable of {@code kind}: widening, or narrowing a constant int. */
    private static Value assign(Value v, Kind kind) {
        if (v.kind == kind) {
            return v;
        }
        if (kind == Kind.STRING || kind == Kind.BOOLEAN || v.kind == Kind.STRING || v.kind == Kind.BOOLEAN) {
            return null;
        }
        return cast(v, kind);
    }

    /** A cast, with Java's conversions; {@code null} if the cast is not between constant types. */
    private static Value cast(Value v, Kind to) {
        if (v.kind == to) {
            return v;
        }
        if (to == Kind.STRING || to == Kind.BOOLEAN || !v.isNumeric()) {
            return null;
        }
        if (to == Kind.FLOAT) {
            return floating(to, v.isIntegral() ? (float) v.integral() : (float) v.floating());
        }
        if (to == Kind.DOUBLE) {
            return floating(to, v.isIntegral() ? (double) v.integral() : v.floating());
        }
        long l;
        if (v.isIntegral()) {
            l = v.integral();
        } else {
            l = to == Kind.LONG ? (long) v.floating() : (int) v.floating();
        }
        return integral(to, l);
    }

    private static Value integral(Kind kind, long v) {
        switch (kind) {
            case BYTE: return new Value(kind, (long) (byte) v);
            case SHORT: return new Value(kind, (long) (short) v);
            case CHAR: return new Value(kind, (long) (char) v);
            case INT: return new Value(kind, (long) (int) v);
            default: return new Value(kind, v);
        }
    }

    private static Value floating(Kind kind, double v) {
        return new Value(kind, kind == Kind.FLOAT ? (double) (float) v : v);
    }

    /** Binary numeric promotion (JLS 5.6). */
    private static Kind promoted(Kind a, Kind b) {
        if (a == Kind.DOUBLE || b == Kind.DOUBLE) {
            return Kind.DOUBLE;
        }
        if (a == Kind.FLOAT || b == Kind.FLOAT) {
            return Kind.FLOAT;
        }
        if (a == Kind.LONG || b == Kind.LONG) {
            return Kind.LONG;
        }
        return Kind.INT;
    }

    /** The kind of a declared or cast type: a primitive type or {@code String}; {@code null} otherwise. */
    private Kind kindOf(Tree type) {
        if (type instanceof PrimitiveTypeTree) {
            return kindOf(((PrimitiveTypeTree) type).getPrimitiveTypeKind());
        }
        if (type instanceof IdentifierTree) {
            String name = ((IdentifierTree) type).getName().toString();
            if (typeVariables.contains(name) || localClasses.contains(name)) {
                return null;
            }
        } else if (!(type instanceof MemberSelectTree)) {
            return null;
        }
        TypeElement t = resolver.resolveTypeExpression((ExpressionTree) type);
        return t != null && t.getQualifiedName().contentEquals("java.lang.String") ? Kind.STRING : null;
    }

    private static Kind kindOf(TypeKind kind) {
        switch (kind) {
            case BYTE: return Kind.BYTE;
            case SHORT: return Kind.SHORT;
            case CHAR: return Kind.CHAR;
            case INT: return Kind.INT;
            case LONG: return Kind.LONG;
            case FLOAT: return Kind.FLOAT;
            case DOUBLE: return Kind.DOUBLE;
            case BOOLEAN: return Kind.BOOLEAN;
            default: return null;
        }
    }
}
