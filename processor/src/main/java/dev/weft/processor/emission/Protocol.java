package dev.weft.processor.emission;

import dev.weft.processor.resolution.GeneratedNames;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.util.Locale;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * The runtime protocol generated code calls, named in one place: the types it names
 * ({@code CoroutineFrame}, {@code GeneratedFrame}, {@code Awaitable}...) and the helpers of
 * {@code GeneratedFrame} its frames call ({@code suspendOn}, {@code complete}, and the witnesses
 * {@code restore}, {@code resultOf}, {@code leftOperand}...), as code.
 */
public final class Protocol {
    public static final ClassName COROUTINE_FRAME = ClassName.get("dev.weft", "CoroutineFrame");
    /** The superclass of generated frames, with the helpers generated code calls. */
    public static final ClassName GENERATED_FRAME = ClassName.bestGuess(GeneratedNames.FRAME_SUPERCLASS);
    public static final ClassName AWAITABLE = ClassName.get("dev.weft", "Awaitable");
    public static final ClassName FOR_EACH = GENERATED_FRAME.nestedClass("ForEach");
    /** Where a frame's code is in the user's source (see {@code LineTable}). */
    public static final ClassName SOURCE_MAP = ClassName.get("dev.weft", "SourceMap");

    private Protocol() {
    }

    /** The type of a coroutine's result as a type argument: boxed, {@code Void} for void. */
    public static TypeName result(TypeMirror returnType) {
        if (returnType.getKind() == TypeKind.VOID) {
            return ClassName.get(Void.class);
        }
        return TypeName.get(returnType).box();
    }

    /**
     * {@code value}, an {@code Object} or a value of an unknown type, as an expression of the
     * declared result type of a coroutine where that type is primitive or a box:
     * {@code ((Integer) value).intValue()}, {@code ((Integer) value)}. Such an expression is
     * numeric or boolean where the call is (JLS 15.25: a call of a method that returns
     * {@code Integer} is numeric, a call of a generic method such as {@code await} is not).
     * Other result types give {@code null}: the caller types the value another way.
     */
    public static Code typedResult(TypeMirror returnType, Code value) {
        TypeName type = TypeName.get(returnType).withoutAnnotations();
        if (type.isPrimitive()) {
            return Code.of("((", type.box(), ") ", value, ").", returnType.toString(), "Value()");
        }
        if (type.isBoxedPrimitive()) {
            return Code.of("((", type, ") ", value, ")");
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

    // ------------------------------------------------------------------ the helpers frames call

    /** The field of a frame that says where {@code resume} continues. */
    public static final String STATE = "state";

    /** {@code suspendOn(awaitable)}: what {@code resume} returns to wait. */
    public static Code suspendOn(Code awaitable) {
        return Code.of("suspendOn(", awaitable, ")");
    }

    /** {@code callInline(coroutineObject)}: runs a called coroutine at once, on the Java stack. */
    public static Code callInline(Code coroutineObject) {
        return Code.of("callInline(", coroutineObject, ")");
    }

    /** The runtime's side of a frame reused by direct calls ({@code ReusableFrames}). */
    public static final String REUSED_FRAME = "reusedFrame";
    public static final String REUSABLE = "reusable";
    public static final String CLEAR_FIELDS = "clearFields";

    /** What {@code callInline} returns, and {@code resume} then returns, when the callee suspended. */
    public static final String SUSPENDED_INSIDE = "SUSPENDED_INSIDE";

    /** {@code complete(value)}: what {@code resume} returns when the coroutine ends. */
    public static Code complete(Code value) {
        return Code.of("complete(", value, ")");
    }

    /**
     * How a coroutine of result type {@code returnType} ends with {@code value}:
     * {@code completeInt(value)} for the primitive results a direct caller reads unboxed
     * ({@link #callResult}), {@code complete(value)} for the others.
     */
    public static Code completion(TypeMirror returnType, Code value) {
        String kind = unboxedKind(returnType);
        return kind == null ? complete(value) : Code.of("complete", kind, "(", value, ")");
    }

    /**
     * The result of a call of a coroutine of result type {@code returnType}, from {@code awaited}:
     * {@code intResult(awaited)} where the callee may have left it unboxed
     * ({@link #completion}), else {@link #typedResult}.
     */
    public static Code callResult(TypeMirror returnType, Code awaited) {
        String kind = unboxedKind(returnType);
        return kind == null ? typedResult(returnType, awaited)
                : Code.of(kind.toLowerCase(Locale.ROOT), "Result(", awaited, ")");
    }

    /** {@code Int}, {@code Long}, {@code Double} or {@code Boolean}: the results passed unboxed. */
    private static String unboxedKind(TypeMirror type) {
        switch (type.getKind()) {
            case INT: return "Int";
            case LONG: return "Long";
            case DOUBLE: return "Double";
            case BOOLEAN: return "Boolean";
            default: return null;
        }
    }

    /** {@code restore(() -> WITNESS, kept)}: a kept value, typed like the expression it came from. */
    public static Code restore(Code witness, Code kept) {
        return Code.of("restore(() -> ", witness, ", ", kept, ")");
    }

    /** {@code resultOf(false ? WITNESS : null, awaited)}: the value of a suspension, typed like it. */
    public static Code resultOf(Code witness, Code awaited) {
        return Code.of("resultOf(false ? ", witness, " : null, ", awaited, ")");
    }

    /** {@code leftOperand(() -> WITNESS).of(operand)}: a left operand converted as the operation converts it. */
    public static Code leftOperand(Code witness, Code operand) {
        return Code.of("leftOperand(() -> ", witness, ").of(", operand, ")");
    }

    /** {@code unboxed().of(operand)}: an operand Java unboxes as soon as it has it. */
    public static Code unboxed(Code operand) {
        return Code.of("unboxed().of(", operand, ")");
    }

    /** {@code Frame.<T>targeted(awaitable)}: what an await waits for, given its context's type. */
    public static Code targeted(String frameName, Code type, Code awaitable) {
        return Code.of(frameName, ".<", type, ">targeted(", awaitable, ")");
    }

    /** {@code forEach(iterable)}: the cursor of an enhanced for whose body suspends. */
    public static Code forEach(Code iterable) {
        return Code.of("forEach(", iterable, ")");
    }

    /** {@code nextElement(() -> elementOf(ITERABLE_WITNESS), cursor)}: the next element, typed. */
    public static Code nextElement(Code iterableWitness, Code cursor) {
        return Code.of("nextElement(() -> elementOf(", iterableWitness, "), ", cursor, ")");
    }

    /** {@code await(x)} in a witness: typed as the original await or coroutine call. */
    public static Code await(Code awaited) {
        return Code.of("await(", awaited, ")");
    }

    /** {@code bind(field = fresh)}: copies a pattern binding into the field that keeps it. */
    public static Code bind(String field, String fresh) {
        return Code.of("bind(", field, " = ", fresh, ")");
    }

    /** {@code if (failure != null) throw failure;}: the start of the state a suspension resumes in. */
    public static Code rethrow(String failureParam) {
        return Code.of("if (", failureParam, " != null) throw ", failureParam, ";");
    }

    /** The name of the helper that says a split machine continues in another part. */
    public static final String CONTINUE_MACHINE = "continueMachine()";

    /** The name of the helper that reports an unknown state. */
    public static final String INVALID_STATE = "invalidState";

    /** The name of a {@code java.lang} class, as JavaPoet writes it in the file. */
    public static ClassName lang(String simpleName) {
        return ClassName.get("java.lang", simpleName);
    }
}
