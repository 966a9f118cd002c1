package dev.weft.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/** The runtime types generated code names. */
final class FrameTypes {
    static final ClassName COROUTINE_FRAME = ClassName.get("dev.weft", "CoroutineFrame");
    static final ClassName AWAITABLE = ClassName.get("dev.weft", "Awaitable");
    static final ClassName FOR_EACH = COROUTINE_FRAME.nestedClass("ForEach");

    private FrameTypes() {
    }

    /** The type of a coroutine's result as a type argument: boxed, {@code Void} for void. */
    static TypeName result(TypeMirror returnType) {
        if (returnType.getKind() == TypeKind.VOID) {
            return ClassName.get(Void.class);
        }
        return TypeName.get(returnType).box();
    }

    /** The field that holds a value returned while finally blocks run. */
    static TypeName returnValueType(TypeMirror returnType) {
        if (returnType.getKind() == TypeKind.VOID) {
            return ClassName.get(Void.class);
        }
        return TypeName.get(returnType);
    }
}
