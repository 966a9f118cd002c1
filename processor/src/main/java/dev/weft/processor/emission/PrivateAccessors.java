package dev.weft.processor.emission;

import dev.weft.processor.resolution.PrivateAccess;
import dev.weft.processor.resolution.PrivateAccess.FieldUse;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.TypeVariableName;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * Writes the accessors of the private members the coroutines use ({@link PrivateAccess}): per
 * member a {@code static final MethodHandle}, looked up and made accessible once when the
 * generated class is initialized, and per use a private static method that calls it with
 * {@code invokeExact} (which the JIT compiles to the direct access), or, for an overload the
 * generated class can reach, calls the original.
 */
final class PrivateAccessors {
    private static final ClassName MEMBER_HANDLES = ClassName.get("dev.weft", "MemberHandles");

    private final PrivateAccess access;
    private final Types types;
    private final CodeBlock.Builder lookups = CodeBlock.builder();

    PrivateAccessors(PrivateAccess access, Types types) {
        this.access = access;
        this.types = types;
    }

    /** Adds the handles, their lookup and the accessors to the generated class. */
    void addTo(TypeSpec.Builder type) {
        for (Map.Entry<String, VariableElement> e : access.fields().entrySet()) {
            type.addMethod(fieldAccessor(type, e.getKey(), e.getValue(), access.use(e.getKey())));
        }
        for (Map.Entry<String, PrivateAccess.Mirrors> e : access.mirrors().entrySet()) {
            PrivateAccess.Mirrors m = e.getValue();
            for (int i = 0; i < m.originals.size(); i++) {
                type.addMethod(mirror(type, e.getKey(), i, m));
            }
        }
        if (lookups.isEmpty()) {
            return; // every mirror calls a reachable original
        }
        type.addStaticBlock(CodeBlock.builder()
                .beginControlFlow("try")
                .add(lookups.build())
                .nextControlFlow("catch ($T e)", ReflectiveOperationException.class)
                .addStatement("throw $T.missing(e)", MEMBER_HANDLES)
                .endControlFlow()
                .build());
        type.addMethod(MethodSpec.methodBuilder("accessible")
                .addJavadoc("Opens a member of the user's nest to this class's handles (this class is in the user's"
                        + " module).\n")
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .addTypeVariable(TypeVariableName.get("M", java.lang.reflect.AccessibleObject.class))
                .addParameter(TypeVariableName.get("M"), "member")
                .returns(TypeVariableName.get("M"))
                .addStatement("member.setAccessible(true)")
                .addStatement("return member")
                .build());
    }

    private String handle(TypeSpec.Builder type, String name, String lookup, Object... args) {
        type.addField(FieldSpec.builder(MethodHandle.class, name, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .build());
        lookups.addStatement("$L = " + lookup, prepend(name, args));
        return name;
    }

    private static Object[] prepend(Object first, Object[] rest) {
        Object[] all = new Object[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    // ------------------------------------------------------------------ fields

    private MethodSpec fieldAccessor(TypeSpec.Builder type, String name, VariableElement field, FieldUse use) {
        TypeElement declaring = (TypeElement) field.getEnclosingElement();
        boolean isStatic = field.getModifiers().contains(Modifier.STATIC);
        TypeName fieldType = TypeName.get(field.asType());
        MethodSpec.Builder m = MethodSpec.methodBuilder(name)
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .addAnnotation(FrameGenerator.suppressWarnings())
                .addJavadoc("$L the private field {@code $L.$L}.\n", describe(use), declaring.getSimpleName(),
                        field.getSimpleName());
        CodeBlock receiver = CodeBlock.of("");
        if (!isStatic) {
            m.addTypeVariables(typeVariables(declaring.getTypeParameters()));
            m.addParameter(TypeName.get(declaring.asType()), "o");
            receiver = CodeBlock.of("o");
        }
        String getter = name.replaceFirst("^[a-zA-Z]+\\$", "get\\$");
        String setter = name.replaceFirst("^[a-zA-Z]+\\$", "set\\$");
        switch (use) {
            case GET: {
                String h = handle(type, "H$" + name, "$T.getter(accessible($T.class.getDeclaredField($S)))",
                        MEMBER_HANDLES, erasedClass(declaring.asType()), field.getSimpleName().toString());
                m.returns(fieldType);
                m.addCode(invoke(h, receiver, field.asType(), true));
                break;
            }
            case SET: {
                String h = handle(type, "H$" + name, "$T.setter(accessible($T.class.getDeclaredField($S)))",
                        MEMBER_HANDLES, erasedClass(declaring.asType()), field.getSimpleName().toString());
                m.returns(fieldType).addParameter(fieldType, "value");
                CodeBlock args = isStatic ? CodeBlock.of("value") : CodeBlock.of("o, value");
                m.addCode(invoke(h, args, types.getNoType(TypeKind.VOID), false));
                m.addStatement("return value");
                break;
            }
            default: {
                boolean post = use == FieldUse.POST_INCREMENT || use == FieldUse.POST_DECREMENT;
                String op = use == FieldUse.PRE_INCREMENT || use == FieldUse.POST_INCREMENT ? "+" : "-";
                m.returns(fieldType);
                m.addStatement("$T old = $L($L)", fieldType, getter, receiver);
                CodeBlock stored = PrivateMemberPrinter.converted(field.asType(), Code.of("old ", op, " 1")).toCodeBlock();
                CodeBlock args = isStatic ? stored : CodeBlock.of("o, $L", stored);
                m.addStatement(post ? "$L($L)" : "return $L($L)", setter, args);
                if (post) {
                    m.addStatement("return old");
                }
            }
        }
        return m.build();
    }

    private static String describe(FieldUse use) {
        switch (use) {
            case GET:
                return "Reads";
            case SET:
                return "Writes (and returns the value written to)";
            case PRE_INCREMENT:
                return "{@code ++} on";
            case PRE_DECREMENT:
                return "{@code --} on";
            case POST_INCREMENT:
                return "Postfix {@code ++} on";
            default:
                return "Postfix {@code --} on";
        }
    }

    // ------------------------------------------------------------------ methods and constructors

    private MethodSpec mirror(TypeSpec.Builder type, String name, int index, PrivateAccess.Mirrors set) {
        ExecutableElement original = set.originals.get(index);
        boolean constructor = set.name.equals("<init>");
        boolean isStatic = original.getModifiers().contains(Modifier.STATIC);
        TypeElement declaring = set.type;
        MethodSpec.Builder m = MethodSpec.methodBuilder(name)
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .addAnnotation(FrameGenerator.suppressWarnings())
                .varargs(original.isVarArgs())
                .addJavadoc("$L {@code $L$L}$L.\n",
                        original.getModifiers().contains(Modifier.PRIVATE) ? "Calls the private" : "Calls",
                        declaring.getSimpleName(), constructor ? "(...)" : "." + set.name + "(...)",
                        set.originals.size() > 1 ? ", one of the overloads javac chooses among as it did in the"
                                + " user's code" : "");
        List<TypeParameterElement> typeParams = new ArrayList<>();
        if (constructor || set.withReceiver) {
            typeParams.addAll(declaring.getTypeParameters());
        }
        typeParams.addAll(original.getTypeParameters());
        m.addTypeVariables(typeVariables(typeParams));
        if (set.withReceiver) {
            m.addParameter(TypeName.get(declaring.asType()), "o");
        }
        List<String> params = new ArrayList<>();
        for (VariableElement p : original.getParameters()) {
            String pn = "p" + params.size();
            m.addParameter(TypeName.get(p.asType()), pn);
            params.add(pn);
        }
        for (TypeMirror thrown : original.getThrownTypes()) {
            m.addException(TypeName.get(thrown));
        }
        TypeMirror result = constructor ? declaring.asType() : original.getReturnType();
        m.returns(TypeName.get(result));
        boolean value = result.getKind() != TypeKind.VOID;
        String argList = String.join(", ", params);
        if (!original.getModifiers().contains(Modifier.PRIVATE)) {
            // reachable from here: the original itself, with the same arguments
            String ret = value ? "return " : "";
            if (constructor) {
                m.addStatement("return new $T($L)", TypeName.get(declaring.asType()), argList);
            } else if (isStatic) {
                m.addStatement(ret + "$T.$L($L)", erasedClass(declaring.asType()), set.name, argList);
            } else {
                m.addStatement(ret + "o.$L($L)", set.name, argList);
            }
            return m.build();
        }
        List<CodeBlock> classes = new ArrayList<>();
        for (VariableElement p : original.getParameters()) {
            classes.add(CodeBlock.of("$T.class", erasedClass(p.asType())));
        }
        CodeBlock parameterClasses = CodeBlock.join(classes, ", ");
        String h = constructor
                ? handle(type, "H$" + name + "$" + index,
                        "$T.constructor(accessible($T.class.getDeclaredConstructor($L)))", MEMBER_HANDLES,
                        erasedClass(declaring.asType()), parameterClasses)
                : handle(type, "H$" + name + "$" + index, "$T.method(accessible($T.class.getDeclaredMethod($S"
                        + (classes.isEmpty() ? "$L" : ", $L") + ")))",
                        MEMBER_HANDLES, erasedClass(declaring.asType()), set.name, parameterClasses);
        boolean receives = set.withReceiver && !isStatic;
        m.addCode(invoke(h, CodeBlock.of("$L", receives ? (params.isEmpty() ? "o" : "o, " + argList) : argList),
                result, value));
        return m.build();
    }

    /**
     * {@code try { return (T) (E) h.invokeExact(args); } catch (Throwable t) { throw rethrow(t); }}:
     * {@code invokeExact} needs the erased types of the handle at the call ({@code E}), the accessor
     * returns the declared one.
     */
    private CodeBlock invoke(String handle, CodeBlock args, TypeMirror result, boolean returns) {
        CodeBlock.Builder b = CodeBlock.builder().beginControlFlow("try");
        if (!returns) {
            b.addStatement("$L.invokeExact($L)", handle, args);
        } else {
            TypeName declared = TypeName.get(result);
            TypeName erased = TypeName.get(types.erasure(result));
            if (declared.equals(erased)) {
                b.addStatement("return ($T) $L.invokeExact($L)", declared, handle, args);
            } else {
                b.addStatement("return ($T) ($T) $L.invokeExact($L)", declared, erased, handle, args);
            }
        }
        return b.nextControlFlow("catch ($T t)", Throwable.class)
                .addStatement("throw $T.rethrow(t)", MEMBER_HANDLES)
                .endControlFlow()
                .build();
    }

    private TypeName erasedClass(TypeMirror type) {
        return TypeNames.erasedClass(types, type);
    }

    private static List<TypeVariableName> typeVariables(List<? extends TypeParameterElement> params) {
        List<TypeVariableName> vars = new ArrayList<>();
        for (TypeParameterElement tp : params) {
            vars.add(TypeVariableName.get(tp));
        }
        return vars;
    }
}
