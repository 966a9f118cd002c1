package dev.weft.processor.emission;

import dev.weft.processor.analysis.Analysis;
import dev.weft.processor.resolution.ReusableFrames;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import com.palantir.javapoet.WildcardTypeName;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * The two methods of a frame class whose frames direct calls reuse ({@link ReusableFrames}):
 * {@value ReusableFrames#METHOD}, which makes the frame of a call (a finished one the loop kept,
 * or a new one), and {@code clearFields}, which the runtime calls when a call finished, so that
 * a kept frame is as new and holds nothing.
 */
final class ReuseMethods {
    private final ClassName frameClass;
    private final TypeName frameType;
    private final List<TypeVariableName> typeVariables;
    private final String caller;
    private final String reused;
    /** The parameters of {@value ReusableFrames#METHOD}, after the caller: the receiver, then the method's. */
    private final List<TypeName> parameterTypes = new ArrayList<>();
    private final List<String> parameterNames = new ArrayList<>();
    /** What a reused frame stores for each parameter (the receiver checked for null). */
    private final List<CodeBlock> parameterValues = new ArrayList<>();
    /** Every instance field of the frame, with its type. */
    private final List<TypeName> fieldTypes = new ArrayList<>();
    private final List<String> fieldNames = new ArrayList<>();

    ReuseMethods(ClassName frameClass, TypeName frameType, List<TypeVariableName> typeVariables, Analysis analysis) {
        this.frameClass = frameClass;
        this.frameType = frameType;
        this.typeVariables = typeVariables;
        this.caller = analysis.names.fresh("caller");
        this.reused = analysis.names.fresh("reused");
    }

    /** A parameter of the constructor, kept in the field of the same name; {@code value} is what a reused frame stores. */
    void parameter(TypeName type, String name, CodeBlock value) {
        parameterTypes.add(type);
        parameterNames.add(name);
        parameterValues.add(value);
        field(type, name);
    }

    /** An instance field of the frame. */
    void field(TypeName type, String name) {
        fieldTypes.add(type);
        fieldNames.add(name);
    }

    /**
     * {@code static Frame directCall(CoroutineFrame<?> caller, ...)}: the arguments are evaluated
     * before it runs, as before a plain call; {@code arguments} are the constructor's.
     */
    MethodSpec directCall(boolean varargs, List<String> arguments) {
        MethodSpec.Builder m = MethodSpec.methodBuilder(ReusableFrames.METHOD)
                .addModifiers(Modifier.STATIC)
                .addTypeVariables(typeVariables)
                .returns(frameType)
                .varargs(varargs)
                .addJavadoc("The frame of a direct call from {@code $L}: one that finished an earlier call, or a new one.\n",
                        caller)
                .addParameter(ParameterizedTypeName.get(Protocol.COROUTINE_FRAME, WildcardTypeName.subtypeOf(Object.class)),
                        caller);
        for (int i = 0; i < parameterTypes.size(); i++) {
            m.addParameter(parameterTypes.get(i), parameterNames.get(i));
        }
        m.addStatement("$T $L = $L($L, $T.class)", frameType, reused, Protocol.REUSED_FRAME, caller, frameClass);
        m.beginControlFlow("if ($L == null)", reused);
        m.addStatement("return $L(new $T$L($L))", Protocol.REUSABLE, frameClass, typeVariables.isEmpty() ? "" : "<>",
                String.join(", ", arguments));
        m.endControlFlow();
        for (int i = 0; i < parameterNames.size(); i++) {
            m.addStatement("$L.$L = $L", reused, parameterNames.get(i), parameterValues.get(i));
        }
        m.addStatement("return $L", reused);
        return m.build();
    }

    /** {@code clearFields()}: every field back to its default value. */
    MethodSpec clearFields() {
        MethodSpec.Builder m = MethodSpec.methodBuilder(Protocol.CLEAR_FIELDS)
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PROTECTED);
        for (int i = 0; i < fieldNames.size(); i++) {
            m.addStatement("$L = $L", fieldNames.get(i), defaultValue(fieldTypes.get(i)));
        }
        return m.build();
    }

    /** Whether the frame has fields to clear (without any, the runtime's empty {@code clearFields} serves). */
    boolean hasFields() {
        return !fieldNames.isEmpty();
    }

    /** The value a field of {@code type} has before it is first assigned (JLS 4.12.5). */
    private static String defaultValue(TypeName type) {
        if (!type.isPrimitive()) {
            return "null";
        }
        return type.withoutAnnotations().equals(TypeName.BOOLEAN) ? "false" : "0"; // (0 converts to every numeric type)
    }
}
