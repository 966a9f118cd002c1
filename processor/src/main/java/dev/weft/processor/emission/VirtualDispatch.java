package dev.weft.processor.emission;

import dev.weft.processor.model.Signatures;
import dev.weft.processor.resolution.NameResolver;
import dev.weft.processor.resolution.VirtualCoroutines;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.TypeVariableName;
import com.palantir.javapoet.WildcardTypeName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * The dispatch of the virtual coroutines of one class ({@link VirtualCoroutines}): for each root
 * the class declares, the interface its implementations create coroutine objects through and its
 * table ({@code dev.weft.Dispatch}); for each virtual coroutine, the factory that calls the
 * receiver's implementation (its own body directly when the receiver's class is exactly this
 * one); and the {@code Overrides} class that registers this class's bodies with the tables of
 * the roots they implement when the runtime first meets the class.
 */
final class VirtualDispatch {
    /** How far a virtual coroutine of the class got: a compiled body, none (abstract), or a compile error. */
    enum State { BODY, ABSTRACT, FAILED }

    private static final ClassName DISPATCH = ClassName.get("dev.weft", "Dispatch");

    private final TypeElement owner;
    private final NameResolver resolver;
    private final Types types;
    private final Map<ExecutableElement, State> coroutines = new LinkedHashMap<>();

    VirtualDispatch(TypeElement owner, NameResolver resolver) {
        this.owner = owner;
        this.resolver = resolver;
        this.types = resolver.types();
    }

    void add(ExecutableElement coroutine, State state) {
        coroutines.put(coroutine, state);
    }

    boolean isEmpty() {
        return coroutines.isEmpty();
    }

    void addTo(TypeSpec.Builder type) {
        VirtualCoroutines virtual = resolver.virtualCoroutines();
        TypeSpec.Builder overrides = null;
        CodeBlock.Builder registrations = CodeBlock.builder();
        for (Map.Entry<ExecutableElement, State> e : coroutines.entrySet()) {
            ExecutableElement m = e.getKey();
            List<ExecutableElement> roots = virtual.roots(m);
            boolean isRoot = roots.size() == 1 && roots.get(0).equals(m);
            if (isRoot) {
                type.addType(implementationInterface(m));
                type.addField(table(m));
            }
            if (e.getValue() == State.FAILED) {
                continue; // its factory throws; subclasses still find the table
            }
            type.addMethod(factory(m, roots.get(0), isRoot, e.getValue() == State.BODY));
            if (e.getValue() != State.BODY) {
                continue;
            }
            if (overrides == null) {
                overrides = TypeSpec.classBuilder("Overrides")
                        .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                        .addJavadoc("Registers the bodies of $L's virtual coroutines with the dispatch tables of the"
                                + " methods they implement; the runtime initializes this class when it first meets"
                                + " an instance of $L.\n", owner.getSimpleName(), owner.getSimpleName())
                        .addAnnotation(FrameGenerator.suppressWarnings())
                        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
            }
            for (ExecutableElement root : roots) {
                ClassName rootClass = resolver.generated().className((TypeElement) root.getEnclosingElement());
                overrides.addSuperinterface(rootClass.nestedClass(VirtualCoroutines.implementationInterface(root)));
                overrides.addMethod(implementation(m, root));
                registrations.addStatement("$T.$L.register($T.class, implementation)", rootClass,
                        VirtualCoroutines.table(root), erased(owner.asType()));
            }
        }
        if (overrides != null) {
            ClassName self = resolver.generated().className(owner).nestedClass("Overrides");
            overrides.addStaticBlock(CodeBlock.builder()
                    .addStatement("$T implementation = new $T()", self, self)
                    .add(registrations.build())
                    .build());
            type.addType(overrides.build());
        }
    }

    /** {@code interface FetchOverride { CoroutineFrame<String> fetch(Fetcher self, String url); }} */
    private TypeSpec implementationInterface(ExecutableElement root) {
        MethodSpec method = signature(root, root.getSimpleName().toString())
                .addModifiers(Modifier.PUBLIC, Modifier.ABSTRACT)
                .build();
        return TypeSpec.interfaceBuilder(VirtualCoroutines.implementationInterface(root))
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc("Creates the coroutine object of an implementation of {@code $L.$L} for the receiver.\n",
                        owner.getSimpleName(), CommentText.javadoc(Signatures.signature(root)))
                .addMethod(method)
                .build();
    }

    /** {@code public static final Dispatch<FetchOverride> fetch$overrides = new Dispatch<>(Fetcher.class, "fetch", String.class);} */
    private FieldSpec table(ExecutableElement root) {
        ClassName implementation = resolver.generated().className(owner)
                .nestedClass(VirtualCoroutines.implementationInterface(root));
        CodeBlock.Builder init = CodeBlock.builder().add("new $T<>($T.class, $S", DISPATCH, erased(owner.asType()),
                root.getSimpleName().toString());
        for (VariableElement p : root.getParameters()) {
            init.add(", $T.class", erased(p.asType()));
        }
        return FieldSpec.builder(ParameterizedTypeName.get(DISPATCH, implementation), VirtualCoroutines.table(root),
                        Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("The implementations of {@code $L.$L}, by the receiver's class.\n", owner.getSimpleName(),
                        CommentText.javadoc(Signatures.signature(root)))
                .initializer(init.add(")").build())
                .build();
    }

    /**
     * The factory of a virtual coroutine: its own body when the receiver's class is exactly this
     * class, else the receiver's implementation, through the table of its root.
     */
    private MethodSpec factory(ExecutableElement m, ExecutableElement root, boolean isRoot, boolean hasBody) {
        MethodSpec.Builder f = signature(m, m.getSimpleName().toString())
                .addModifiers(Modifier.STATIC)
                .addJavadoc("Creates the coroutine object of {@code $L.$L} for the receiver's class: the override"
                        + " of its run-time class runs. Run it with {@code EventLoop.run(...)}, spawn it, or await"
                        + " it from another coroutine.\n", owner.getSimpleName(),
                        CommentText.javadoc(Signatures.signature(m)));
        if (owner.getModifiers().contains(Modifier.PUBLIC) && m.getModifiers().contains(Modifier.PUBLIC)
                || m.getModifiers().contains(Modifier.PROTECTED) || owner.getKind().isInterface()) {
            f.addModifiers(Modifier.PUBLIC);
        }
        String args = arguments(m);
        if (hasBody && !owner.getKind().isInterface()) {
            boolean exact = m.getModifiers().contains(Modifier.FINAL) || owner.getModifiers().contains(Modifier.FINAL);
            if (exact) {
                return f.addStatement("return $L($L)", VirtualCoroutines.creation(m), args).build();
            }
            f.beginControlFlow("if (self.getClass() == $T.class)", erased(owner.asType()))
                    .addStatement("return $L($L)", VirtualCoroutines.creation(m), args)
                    .endControlFlow();
        }
        if (isRoot) {
            return f.addStatement("return $L.of(self).$L($L)", VirtualCoroutines.table(m), m.getSimpleName(), args)
                    .build();
        }
        // the root's coroutine object, for a receiver of a subclass: of this method's result type (a covariant one)
        f.addAnnotation(AnnotationSpec.builder(SuppressWarnings.class).addMember("value", "$S", "unchecked").build());
        ClassName rootClass = resolver.generated().className((TypeElement) root.getEnclosingElement());
        return f.addStatement("return ($T) ($T) $T.$L($L)", ParameterizedTypeName.get(Protocol.COROUTINE_FRAME,
                        Protocol.result(m.getReturnType())), ParameterizedTypeName.get(Protocol.COROUTINE_FRAME,
                        WildcardTypeName.subtypeOf(Object.class)), rootClass, root.getSimpleName(), args)
                .build();
    }

    /** The implementation of {@code root} by this class's coroutine {@code m}, in {@code Overrides}. */
    private MethodSpec implementation(ExecutableElement m, ExecutableElement root) {
        MethodSpec.Builder impl = signature(root, root.getSimpleName().toString())
                .addModifiers(Modifier.PUBLIC)
                .addAnnotation(Override.class);
        // the root's parameters, as this override declares them (a type argument of the root's class substituted)
        List<CodeBlock> args = new ArrayList<>();
        args.add(CodeBlock.of("($T) self", erased(owner.asType())));
        List<String> names = parameterNames(root);
        for (int i = 0; i < m.getParameters().size(); i++) {
            TypeMirror t = m.getParameters().get(i).asType();
            args.add(t.getKind().isPrimitive() ? CodeBlock.of("$L", names.get(i))
                    : CodeBlock.of("($T) $L", erased(t), names.get(i)));
        }
        return impl.addStatement("return ($T) $T.$L($L)", Protocol.COROUTINE_FRAME, resolver.generated().className(owner),
                        VirtualCoroutines.creation(m), CodeBlock.join(args, ", "))
                .build();
    }

    /**
     * {@code <T> CoroutineFrame<R> name(Owner<T> self, P0 p0, ...)}: the factory's signature, with the
     * type parameters of the method's class (and of the classes whose instances enclose it) and its own.
     */
    private MethodSpec.Builder signature(ExecutableElement m, String name) {
        TypeElement declaring = (TypeElement) m.getEnclosingElement();
        MethodSpec.Builder b = MethodSpec.methodBuilder(name)
                .returns(ParameterizedTypeName.get(Protocol.COROUTINE_FRAME, Protocol.result(m.getReturnType())))
                .varargs(m.isVarArgs());
        List<TypeParameterElement> params = new ArrayList<>();
        for (Element e = declaring; e instanceof TypeElement; e = e.getEnclosingElement()) {
            params.addAll(0, ((TypeElement) e).getTypeParameters());
            if (e.getModifiers().contains(Modifier.STATIC) || ((TypeElement) e).getKind().isInterface()) {
                break;
            }
        }
        params.addAll(m.getTypeParameters());
        for (TypeParameterElement tp : params) {
            b.addTypeVariable(TypeVariableName.get(tp));
        }
        b.addParameter(TypeName.get(declaring.asType()), "self");
        List<String> names = parameterNames(m);
        for (int i = 0; i < m.getParameters().size(); i++) {
            b.addParameter(TypeName.get(m.getParameters().get(i).asType()), names.get(i));
        }
        return b;
    }

    /** The parameters' own names, unless one of them is {@code self}: then {@code p0, p1...}. */
    private static List<String> parameterNames(ExecutableElement m) {
        List<String> names = new ArrayList<>();
        boolean clash = false;
        for (VariableElement p : m.getParameters()) {
            names.add(p.getSimpleName().toString());
            clash |= p.getSimpleName().contentEquals("self");
        }
        if (clash) {
            for (int i = 0; i < names.size(); i++) {
                names.set(i, "p" + i);
            }
        }
        return names;
    }

    private static String arguments(ExecutableElement m) {
        StringBuilder sb = new StringBuilder("self");
        for (String name : parameterNames(m)) {
            sb.append(", ").append(name);
        }
        return sb.toString();
    }

    private TypeName erased(TypeMirror type) {
        return TypeNames.erasedClass(types, type);
    }
}
