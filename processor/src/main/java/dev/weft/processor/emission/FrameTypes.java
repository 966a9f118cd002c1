package dev.weft.processor.emission;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/** The runtime types generated code names. */
public final class FrameTypes {
    static final ClassName COROUTINE_FRAME = ClassName.get("dev.weft", "CoroutineFrame");
    /** The superclass of generated frames, with the helpers generated code calls. */
    public static final ClassName GENERATED_FRAME = ClassName.get("dev.weft", "GeneratedFrame");
    public static final ClassName AWAITABLE = ClassName.get("dev.weft", "Awaitable");
    public static final ClassName FOR_EACH = GENERATED_FRAME.nestedClass("ForEach");

    private FrameTypes() {
    }

    /** The type of a coroutine's result as a type argument: boxed, {@code Void} for void. */
    static TypeName result(TypeMirror returnType) {
        if (returnType.getKind() == TypeKind.VOID) {
            return ClassName.get(Void.class);
        }
        return TypeName.get(returnType).box();
    }

    /**
     * {@code value}, an {@code Object} or a value of an unknown type, as an expression of the
     * declared result type of a coroutine where that type is primitive or a box:
     * {@code ((java.lang.Integer) value).intValue()}, {@code ((java.lang.Integer) value)}. Such an
     * expression is numeric or boolean where the call is (JLS 15.25: a call of a method that
     * returns {@code Integer} is numeric, a call of a generic method such as {@code await} is not).
     * Other result types give {@code null}: the caller types the value another way.
     */
    public static String typedResult(TypeMirror returnType, String value, JavaLangNames lang) {
        TypeName type = TypeName.get(returnType).withoutAnnotations();
        if (type.isPrimitive()) {
            return "((" + lang.name(((ClassName) type.box()).simpleName()) + ") " + value + ")." + returnType + "Value()";
        }
        if (type.isBoxedPrimitive()) {
            return "((" + lang.name(((ClassName) type).simpleName()) + ") " + value + ")";
        }
        return null;
    }

    /** The field that holds a value returned while finally blocks run. */
    public static TypeName returnValueType(TypeMirror returnType) {
        if (returnType.getKind() == TypeKind.VOID) {
            return ClassName.get(Void.class);
        }
        return TypeName.get(returnType);
    }
}
