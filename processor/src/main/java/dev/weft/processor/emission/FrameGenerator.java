package dev.weft.processor.emission;

import dev.weft.processor.analysis.Analysis;
import dev.weft.processor.model.GeneratedField;
import dev.weft.processor.model.LocalVar;
import dev.weft.processor.model.LoweredBody;
import dev.weft.processor.model.Signatures;
import dev.weft.processor.model.SourceInfo;
import dev.weft.processor.resolution.NameResolver;
import dev.weft.processor.resolution.ReusableFrames;
import dev.weft.processor.resolution.VirtualCoroutines;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.TypeVariableName;
import com.palantir.javapoet.WildcardTypeName;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnionTypeTree;
import com.sun.source.tree.VariableTree;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;

/**
 * Generates, for one coroutine method, its state machine class and its factory: the class keeps
 * the receiver, the parameters and the hoisted locals in fields, and its {@code resume} method is
 * the lowered body.
 */
public final class FrameGenerator {
    /** What one coroutine contributes to the generated file. */
    public static final class Output {
        public final MethodSpec factory;
        public final TypeSpec frame;

        Output(MethodSpec factory, TypeSpec frame) {
            this.factory = factory;
            this.frame = frame;
        }
    }

    private final ExecutableElement method;
    private final MethodTree tree;
    private final TypeElement owner;
    private final NameResolver resolver;
    private final SourceInfo source;
    private final String frameName;
    private final String generatedName;

    public FrameGenerator(ExecutableElement method, MethodTree tree, NameResolver resolver, SourceInfo source,
            String frameName, String generatedName) {
        this.method = method;
        this.tree = tree;
        this.owner = (TypeElement) method.getEnclosingElement();
        this.resolver = resolver;
        this.source = source;
        this.frameName = frameName;
        this.generatedName = generatedName;
    }

    /** The factory and the frame of the coroutine, whose body the lowering made {@code body}. */
    public Output generate(Analysis analysis, LoweredBody body) {
        boolean isStatic = method.getModifiers().contains(Modifier.STATIC);
        List<TypeVariableName> typeVariables = typeVariables(isStatic);
        TypeName result = Protocol.result(method.getReturnType());
        TypeName receiverType = isStatic ? null : TypeName.get(owner.asType());
        ClassName frameClass = ClassName.get(resolver.packageName(), generatedName, frameName);
        TypeName frameType = typeVariables.isEmpty() ? frameClass
                : ParameterizedTypeName.get(frameClass, typeVariables.toArray(new TypeName[0]));

        TypeSpec.Builder frame = TypeSpec.classBuilder(frameName)
                .addModifiers(Modifier.STATIC, Modifier.FINAL)
                .superclass(ParameterizedTypeName.get(Protocol.GENERATED_FRAME, result))
                // inside a frame, Witness or ForEach means the one it inherits: a user's type of that name is qualified
                .alwaysQualify(resolver.generated().frameTypeNames().toArray(new String[0]))
                .addTypeVariables(typeVariables)
                .addJavadoc("The state machine of {@code $L.$L}, from $L. Its fields are the receiver, the"
                        + " parameters and the locals used across suspensions, then what the lowering keeps.\n",
                        owner.getSimpleName(), CommentText.javadoc(Signatures.signature(method)),
                        CommentText.javadoc(source.position(tree)))
                .addAnnotation(suppressWarnings());
        MethodSpec.Builder constructor = MethodSpec.constructorBuilder();
        // a virtual coroutine's factory dispatches (VirtualDispatch); this method creates its own coroutine object
        boolean virtual = resolver.virtualCoroutines().isVirtual(method);
        MethodSpec.Builder factory = MethodSpec.methodBuilder(virtual ? VirtualCoroutines.creation(method)
                        : method.getSimpleName().toString())
                .addModifiers(virtual ? new Modifier[] {Modifier.PRIVATE, Modifier.STATIC} : new Modifier[] {Modifier.STATIC})
                .addTypeVariables(typeVariables)
                .returns(ParameterizedTypeName.get(Protocol.COROUTINE_FRAME, result))
                .varargs(method.isVarArgs())
                .addJavadoc("Creates the coroutine object of {@code $L.$L} ($L): run it with"
                        + " {@code EventLoop.run(...)}, spawn it, or await it from another coroutine.\n",
                        owner.getSimpleName(), CommentText.javadoc(Signatures.signature(method)),
                        CommentText.javadoc(source.position(tree)));
        if (!virtual && !method.getModifiers().contains(Modifier.PRIVATE) && owner.getModifiers().contains(Modifier.PUBLIC)
                && method.getModifiers().contains(Modifier.PUBLIC) || method.getModifiers().contains(Modifier.PROTECTED)) {
            factory.addModifiers(Modifier.PUBLIC);
        }
        boolean reused = resolver.reusableFrames().has(method);
        ReuseMethods reuse = reused ? new ReuseMethods(frameClass, frameType, typeVariables, analysis) : null;
        List<String> arguments = new ArrayList<>();
        if (!isStatic) {
            // (a reused frame takes the receiver of each call)
            frame.addField(receiverType, analysis.selfName,
                    reused ? new Modifier[] {Modifier.PRIVATE} : new Modifier[] {Modifier.PRIVATE, Modifier.FINAL});
            constructor.addParameter(receiverType, analysis.selfName);
            // A call on a null receiver throws once its arguments are evaluated, as a plain call would.
            CodeBlock checked = CodeBlock.of("$T.requireNonNull($L, $S)", Objects.class, analysis.selfName,
                    "Cannot run " + owner.getSimpleName() + "." + Signatures.signature(method)
                            + " because its receiver is null");
            constructor.addStatement("this.$L = $L", analysis.selfName, checked);
            factory.addParameter(receiverType, analysis.selfName);
            arguments.add(analysis.selfName);
            if (reuse != null) {
                reuse.parameter(receiverType, analysis.selfName, checked);
            }
        }
        List<? extends VariableElement> params = method.getParameters();
        // A method's parameters take at most 255 slots, the receiver of the constructor included:
        // where the constructor would take more, the factory stores the parameters itself.
        boolean storedByFactory = ReusableFrames.parameterSlotsOfConstructor(method) > 255;
        String created = storedByFactory ? analysis.names.fresh("frame") : null;
        List<String> stores = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            VariableElement p = params.get(i);
            VariableTree pt = tree.getParameters().get(i);
            LocalVar local = analysis.declarations.get(pt);
            TypeName type = TypeName.get(p.asType());
            frame.addField(type, local.emittedName, Modifier.PRIVATE);
            factory.addParameter(type, local.emittedName);
            if (reuse != null) {
                reuse.parameter(type, local.emittedName, CodeBlock.of("$L", local.emittedName));
            }
            if (storedByFactory) {
                stores.add(created + "." + local.emittedName + " = " + local.emittedName);
            } else {
                constructor.addParameter(type, local.emittedName);
                constructor.addStatement("this.$L = $L", local.emittedName, local.emittedName);
                arguments.add(local.emittedName);
            }
        }
        CodePrinter types = new CodePrinter(analysis, resolver, PrintMode.NATIVE, null, Map.of());
        for (LocalVar v : analysis.locals) {
            if (!v.hoisted || v.kind == LocalVar.Kind.PARAMETER || v.kind == LocalVar.Kind.LAMBDA_LOCAL) {
                continue;
            }
            TypeName type = v.typeTree == null ? TypeName.get(v.derivedType)
                    : v.typeTree instanceof UnionTypeTree ? commonSuperclass((UnionTypeTree) v.typeTree)
                    : types.typeName(v.typeTree);
            if (v.constant) {
                // The same value in every run: a constant of the frame class stays a constant.
                frame.addField(FieldSpec.builder(type, v.emittedName, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                        .initializer("$L", types.expression(((VariableTree) v.declaration).getInitializer())
                                .toCodeBlock()).build());
                continue;
            }
            frame.addField(type, v.emittedName, Modifier.PRIVATE);
            if (reuse != null) {
                reuse.field(type, v.emittedName);
            }
        }

        for (GeneratedField f : body.fields) {
            frame.addField(FieldSpec.builder(f.type, f.name, Modifier.PRIVATE)
                    .addJavadoc("$L.\n", CommentText.javadoc(capitalize(f.comment)))
                    .build());
            if (reuse != null) {
                reuse.field(f.type, f.name);
            }
        }
        frame.addField(FieldSpec.builder(Protocol.SOURCE_MAP, "SOURCE_MAP", Modifier.PRIVATE, Modifier.STATIC,
                        Modifier.FINAL)
                .addJavadoc("Where this machine's code is in $L, for stack traces and task dumps.\n",
                        CommentText.javadoc(source.fileName()))
                .initializer("new $T($S, $S, $S, $L, $S)", Protocol.SOURCE_MAP,
                        resolver.elements().getBinaryName(owner).toString(), method.getSimpleName().toString(),
                        source.fileName(), source.line(tree), body.lines.encode())
                .build());
        frame.addMethod(constructor.build());
        frame.addMethod(MethodSpec.methodBuilder("sourceMap")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PROTECTED)
                .returns(Protocol.SOURCE_MAP)
                .addStatement("return SOURCE_MAP")
                .build());
        frame.addMethod(resumeMethod("resume", body.awaitedParam, body.failureParam, body.resumeBody)
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PROTECTED)
                .build());
        for (Map.Entry<String, CodeBlock> part : body.parts.entrySet()) {
            frame.addMethod(resumeMethod(part.getKey(), body.awaitedParam, body.failureParam, part.getValue())
                    .addModifiers(Modifier.PRIVATE)
                    .build());
        }
        if (reuse != null) {
            frame.addMethod(reuse.directCall(method.isVarArgs(), arguments));
            if (reuse.hasFields()) {
                frame.addMethod(reuse.clearFields());
            }
        }
        if (stores.isEmpty()) {
            factory.addStatement("return new $T$L($L)", frameClass, typeVariables.isEmpty() ? "" : "<>",
                    String.join(", ", arguments));
        } else {
            factory.addStatement("$T $L = new $T$L($L)", frameType, created, frameClass,
                    typeVariables.isEmpty() ? "" : "<>", String.join(", ", arguments));
            for (String store : stores) {
                factory.addStatement(store);
            }
            factory.addStatement("return $L", created);
        }
        return new Output(factory.build(), frame.build());
    }

    /** {@code resume}, or a part of a split machine: same parameters, same result. */
    private static MethodSpec.Builder resumeMethod(String name, String awaited, String failure, CodeBlock body) {
        return MethodSpec.methodBuilder(name)
                .returns(ParameterizedTypeName.get(Protocol.AWAITABLE, WildcardTypeName.subtypeOf(Object.class)))
                .addParameter(Object.class, awaited)
                .addParameter(Throwable.class, failure)
                .addException(Throwable.class)
                .addCode(body);
    }

    /**
     * The field type of a multi-catch parameter: the closest class all alternatives extend, as
     * javac types the parameter (a field cannot have a union type).
     */
    private TypeName commonSuperclass(UnionTypeTree union) {
        List<TypeElement> alternatives = new ArrayList<>();
        for (Tree alt : union.getTypeAlternatives()) {
            TypeElement t = alt instanceof ExpressionTree ? resolver.resolveTypeExpression((ExpressionTree) alt) : null;
            if (t == null) {
                return ClassName.get(Throwable.class);
            }
            alternatives.add(t);
        }
        for (TypeElement candidate = alternatives.get(0); candidate != null;
                candidate = NameResolver.superclass(candidate)) {
            boolean all = true;
            for (TypeElement alt : alternatives) {
                all &= extendsClass(alt, candidate);
            }
            if (all) {
                return ClassName.get(candidate);
            }
        }
        return ClassName.get(Throwable.class);
    }

    private static boolean extendsClass(TypeElement t, TypeElement ancestor) {
        for (TypeElement c = t; c != null; c = NameResolver.superclass(c)) {
            if (c.equals(ancestor)) {
                return true;
            }
        }
        return false;
    }

    /** A factory that reports the compile error instead of a state machine. */
    public MethodSpec failedFactory(String message) {
        return failed(MethodSpec.methodBuilder(method.getSimpleName().toString()), message).build();
    }

    /**
     * For a coroutine whose frame direct calls were to reuse ({@code ReusableFrames}) but that
     * has a compile error: its frame class, with only a {@code directCall} that reports the error,
     * so that the calls of it, emitted already, still resolve.
     */
    public TypeSpec failedFrame(String message) {
        MethodSpec.Builder directCall = MethodSpec.methodBuilder(ReusableFrames.METHOD)
                .addParameter(ParameterizedTypeName.get(Protocol.COROUTINE_FRAME, WildcardTypeName.subtypeOf(Object.class)),
                        "caller");
        return TypeSpec.classBuilder(frameName)
                .addModifiers(Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("Not generated: $L\n", CommentText.javadoc(message))
                .addMethod(failed(directCall, message).build())
                .build();
    }

    private MethodSpec.Builder failed(MethodSpec.Builder factory, String message) {
        boolean isStatic = method.getModifiers().contains(Modifier.STATIC);
        factory.addModifiers(Modifier.STATIC)
                .addTypeVariables(typeVariables(isStatic))
                .returns(ParameterizedTypeName.get(Protocol.COROUTINE_FRAME, Protocol.result(method.getReturnType())))
                .varargs(method.isVarArgs())
                .addJavadoc("Not generated: $L\n", CommentText.javadoc(message));
        if (!isStatic) {
            factory.addParameter(TypeName.get(owner.asType()), "self");
        }
        int i = 0;
        for (VariableElement p : method.getParameters()) {
            factory.addParameter(TypeName.get(p.asType()), "p" + (i++));
        }
        factory.addStatement("throw new $T($S)", IllegalStateException.class,
                "Weft could not compile this coroutine: " + message);
        return factory;
    }

    private List<TypeVariableName> typeVariables(boolean isStatic) {
        List<TypeParameterElement> params = new ArrayList<>();
        if (!isStatic) {
            // The receiver's type names the type parameters of its class and of every class whose
            // instance encloses it (Outer<X>.Inner): the factory and the frame declare them all.
            List<TypeElement> classes = resolver.instanceChain();
            for (int i = classes.size() - 1; i >= 0; i--) {
                params.addAll(classes.get(i).getTypeParameters());
            }
        }
        params.addAll(method.getTypeParameters());
        List<TypeVariableName> vars = new ArrayList<>();
        for (TypeParameterElement tp : params) {
            vars.add(TypeVariableName.get(tp)); // no two share a name: validation checked
        }
        return vars;
    }

    static com.palantir.javapoet.AnnotationSpec suppressWarnings() {
        return com.palantir.javapoet.AnnotationSpec.builder(SuppressWarnings.class)
                .addMember("value", "{$S, $S, $S, $S, $S, $S, $S, $S}", "unchecked", "rawtypes", "fallthrough",
                        "deprecation", "removal", "unused", "cast", "static")
                .build();
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
