package dev.weft.processor;

import dev.weft.processor.analysis.Analysis;
import dev.weft.processor.emission.CodePrinter;
import dev.weft.processor.emission.CommentText;
import dev.weft.processor.emission.FrameGenerator;
import dev.weft.processor.emission.JavaLangNames;
import dev.weft.processor.emission.TypeNames;
import dev.weft.processor.model.Names;
import dev.weft.processor.model.ProcessingFailure;
import dev.weft.processor.model.SourceInfo;
import dev.weft.processor.model.Trees2;
import dev.weft.processor.resolution.NameResolver;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * The Weft annotation processor: compiles every {@code @dev.weft.Coroutine} method into a state
 * machine class, and generates {@code <SimpleName>Coroutines} with one factory per coroutine for
 * each class that declares them.
 *
 * <p>It uses only public compiler APIs ({@code javax.lang.model}, {@code com.sun.source}); method
 * bodies are not attributed while annotation processing runs, so generated code lets javac type
 * the user's expressions itself (see {@code CoroutineFrame}'s witnesses). Every construct it cannot
 * compile is a compile error at its position.
 */
@AutoService(Processor.class)
public final class CoroutineProcessor extends AbstractProcessor {
    private Trees trees;
    private boolean treesUnavailableReported;

    /**
     * {@code @Coroutine}, and the {@code @Generated} that marks the classes this processor writes:
     * both are claimed, so that {@code -Xlint:processing} (part of {@code -Xlint:all}) does not warn
     * that no processor claimed them.
     */
    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of(NameResolver.COROUTINE_ANNOTATION, "javax.annotation.processing.Generated",
                "javax.annotation.Generated");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        TypeElement annotation = processingEnv.getElementUtils().getTypeElement(NameResolver.COROUTINE_ANNOTATION);
        if (annotation == null) {
            return false;
        }
        Map<TypeElement, List<ExecutableElement>> byClass = new LinkedHashMap<>();
        for (Element e : round.getElementsAnnotatedWith(annotation)) {
            if (e.getKind() == ElementKind.CONSTRUCTOR) {
                processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, "a constructor cannot be a @Coroutine:"
                        + " an object is created at once. Create it in a static @Coroutine method that awaits what it"
                        + " needs and then calls the constructor", e);
                continue;
            }
            if (e.getKind() != ElementKind.METHOD) {
                continue;
            }
            Element owner = e.getEnclosingElement();
            if (!(owner instanceof TypeElement)) {
                continue;
            }
            byClass.computeIfAbsent((TypeElement) owner, k -> new ArrayList<>()).add((ExecutableElement) e);
        }
        if (byClass.isEmpty()) {
            return true;
        }
        if (!initTrees(byClass.keySet().iterator().next())) {
            return true;
        }
        for (Map.Entry<TypeElement, List<ExecutableElement>> e : byClass.entrySet()) {
            try {
                generate(e.getKey(), e.getValue());
            } catch (RuntimeException bug) {
                // Never crash javac: report where, with what went wrong.
                processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, "Weft failed to generate "
                        + NameResolver.generatedSimpleName(e.getKey()) + " (internal error, please report it): " + bug,
                        e.getKey());
            }
        }
        // Claimed: no other processor acts on @Coroutine, and -Xlint:processing stays quiet.
        return true;
    }

    private boolean initTrees(Element anchor) {
        if (trees == null && !treesUnavailableReported) {
            trees = TreesAccess.of(processingEnv, anchor);
            treesUnavailableReported = trees == null;
        }
        return trees != null;
    }

    private void generate(TypeElement owner, List<ExecutableElement> methods) {
        TreePath ownerPath = trees.getPath(owner);
        if (ownerPath == null) {
            return; // a class from a class file: nothing to compile
        }
        CompilationUnitTree unit = ownerPath.getCompilationUnit();
        if (!checkOwner(owner, unit)) {
            return;
        }
        Map<Element, MethodTree> methodTrees = methodTrees(ownerPath);
        methods.sort(Comparator.comparingLong(m -> trees.getSourcePositions().getStartPosition(unit, methodTrees.get(m))));
        Set<String> unitNames = Analysis.namesUsedIn(unit);
        Names fileNames = new Names(unitNames);
        NameResolver resolver = new NameResolver(processingEnv.getElementUtils(), processingEnv.getTypeUtils(), unit,
                owner);
        SourceInfo source = new SourceInfo(unit, trees.getSourcePositions());
        String generatedName = NameResolver.generatedSimpleName(owner);
        fileNames.take(generatedName);

        TypeSpec.Builder file = TypeSpec.classBuilder(generatedName)
                .addModifiers(Modifier.FINAL)
                .addJavadoc("Coroutine objects of the {@code @Coroutine} methods of {@link $L}, generated by Weft"
                        + " from $L.\n\n<p>Each factory creates the coroutine object of one call; run it with"
                        + " {@code EventLoop.run(...)}, start it with {@code spawn(...)}, or await it from another"
                        + " coroutine. Each nested class is the state machine of one method.\n",
                        resolver.typeReference(owner), CommentText.javadoc(source.fileName()))
                .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
        if (owner.getModifiers().contains(Modifier.PUBLIC) && publicChain(owner)) {
            file.addModifiers(Modifier.PUBLIC);
        }
        AnnotationSpec generated = generatedAnnotation();
        if (generated != null) {
            file.addAnnotation(generated);
        }
        List<ExecutableElement> factories = new ArrayList<>();
        for (ExecutableElement method : methods) {
            MethodTree tree = methodTrees.get(method);
            ExecutableElement rival = rivalFactory(method, factories);
            if (rival != null) {
                // not generated: calls of the name reach the other factory, and nothing else fails
                error("the factory of this coroutine, " + generatedName + "." + FrameGenerator.factorySignature(method)
                        + ", takes as many arguments as the factory of " + FrameGenerator.signature(rival)
                        + " (an instance coroutine's factory takes its receiver first), so calls could mean either;"
                        + " rename one of them", tree, unit);
                continue;
            }
            factories.add(method);
            String frameName = fileNames.fresh(capitalize(method.getSimpleName().toString()) + "Frame");
            FrameGenerator generator = new FrameGenerator(method, tree, resolver, source, frameName, generatedName);
            try {
                checkMethod(method, tree);
                FrameGenerator.Output out = generate(generator, unit, tree, method, resolver, unitNames);
                file.addMethod(out.factory);
                file.addType(out.frame);
            } catch (ProcessingFailure failure) {
                error(failure.getMessage(), failure.where == null ? tree : failure.where, unit);
                addFailedFactory(file, generator, failure.getMessage());
            } catch (RuntimeException bug) {
                StringWriter trace = new StringWriter();
                bug.printStackTrace(new PrintWriter(trace));
                error("Weft failed to compile this coroutine (internal error, please report it with this"
                        + " method): " + bug + "\n" + trace, tree, unit);
                addFailedFactory(file, generator, "internal error: " + bug);
            }
        }
        file.alwaysQualify(clashingNames(file.build(), unitNames, resolver));
        write(owner, unit, source.fileName(), resolver.packageName(), file.build());
    }

    /**
     * The state machine of one coroutine. Where a local is named like a type or package that
     * generated code names where it would shadow it (a local {@code T} and {@code T.field}), the
     * coroutine is generated again with that local renamed.
     */
    private static FrameGenerator.Output generate(FrameGenerator generator, CompilationUnitTree unit, MethodTree tree,
            ExecutableElement method, NameResolver resolver, Set<String> unitNames) {
        Set<String> reserved = new java.util.TreeSet<>();
        while (true) {
            Analysis analysis = Analysis.of(unit, tree, method, resolver, unitNames, Set.copyOf(reserved));
            FrameGenerator.Output out = generator.generate(analysis);
            if (!reserved.addAll(analysis.shadowingLocals())) {
                return out;
            }
        }
    }

    /**
     * A coroutine among {@code others} of the same name whose factory competes with the one of
     * {@code method}: one static, one instance, and a call with the same number of arguments fits
     * both factories. The methods never compete (a call of the instance method has one argument
     * less), but their factories would: generated calls of one could reach the other, or javac
     * rejects the two as the same signature. {@code null} if there is none.
     */
    private static ExecutableElement rivalFactory(ExecutableElement method, List<ExecutableElement> others) {
        for (ExecutableElement other : others) {
            boolean isStatic = method.getModifiers().contains(Modifier.STATIC);
            if (!other.getSimpleName().equals(method.getSimpleName())
                    || other.getModifiers().contains(Modifier.STATIC) == isStatic) {
                continue;
            }
            ExecutableElement instance = isStatic ? other : method;
            ExecutableElement statik = isStatic ? method : other;
            int receiverAndParameters = instance.getParameters().size() + 1;
            for (int arity = 0; arity <= receiverAndParameters + statik.getParameters().size() + 1; arity++) {
                if (NameResolver.acceptsArity(statik, arity)
                        && (instance.isVarArgs() ? arity >= receiverAndParameters - 1 : arity == receiverAndParameters)) {
                    return other;
                }
            }
        }
        return null;
    }

    /**
     * The trees of the methods the class at {@code ownerPath} declares, by element. Asking
     * {@code Trees.getTree} for each method instead would scan the whole class every time.
     */
    private Map<Element, MethodTree> methodTrees(TreePath ownerPath) {
        Map<Element, MethodTree> byElement = new HashMap<>();
        for (Tree member : ((ClassTree) ownerPath.getLeaf()).getMembers()) {
            if (member instanceof MethodTree) {
                Element element = trees.getElement(new TreePath(ownerPath, member));
                if (element != null) {
                    byElement.put(element, (MethodTree) member);
                }
            }
        }
        return byElement;
    }

    /**
     * The simple names of types the generated code names that the user's file uses for another
     * type (or for anything but a type): JavaPoet must write those qualified, or an import it adds
     * would change what the user's code, copied into the generated file, refers to. And the
     * {@code java.lang} types it names whose simple names mean other types in the generated file
     * (see {@link JavaLangNames}).
     */
    private String[] clashingNames(TypeSpec type, Set<String> unitNames, NameResolver resolver) {
        Set<String> clashes = new java.util.TreeSet<>(resolver.javaLang().shadowed());
        for (ClassName c : TypeNames.classNamesIn(type)) {
            ClassName top = c.topLevelClassName();
            String simple = top.simpleName();
            if (top.packageName().equals("java.lang") && !resolver.javaLang().meansJavaLang(simple)) {
                clashes.add(simple); // written unqualified, it would mean the package's class or an import
                continue;
            }
            if (!unitNames.contains(simple)) {
                continue;
            }
            TypeElement seen = resolver.resolveType(simple);
            if (seen == null || !seen.getQualifiedName().contentEquals(top.canonicalName())) {
                clashes.add(simple);
            }
        }
        return clashes.toArray(new String[0]);
    }

    private void addFailedFactory(TypeSpec.Builder file, FrameGenerator generator, String message) {
        try {
            file.addMethod(generator.failedFactory(message));
        } catch (RuntimeException ignored) {
            // the error is reported; user code calling the factory then fails to resolve it too
        }
    }

    private boolean checkOwner(TypeElement owner, CompilationUnitTree unit) {
        if (owner.getNestingKind() == NestingKind.LOCAL || owner.getNestingKind() == NestingKind.ANONYMOUS) {
            error("Weft cannot compile @Coroutine methods of a local or anonymous class; declare them in a top-level"
                    + " or member class", trees.getTree(owner), unit);
            return false;
        }
        for (Element e = owner; e instanceof TypeElement; e = e.getEnclosingElement()) {
            if (e.getModifiers().contains(Modifier.PRIVATE)) {
                error("Weft cannot compile @Coroutine methods of the private class " + e.getSimpleName()
                        + ": the generated class must reach it. Make it package-private", trees.getTree(owner), unit);
                return false;
            }
        }
        return true;
    }

    private void checkMethod(ExecutableElement method, MethodTree tree) {
        if (tree == null || tree.getBody() == null || method.getModifiers().contains(Modifier.ABSTRACT)
                || method.getModifiers().contains(Modifier.NATIVE)) {
            throw new ProcessingFailure(tree, "a @Coroutine method needs a body");
        }
        if (method.getModifiers().contains(Modifier.SYNCHRONIZED)) {
            throw new ProcessingFailure(tree, "a @Coroutine method cannot be synchronized: it runs in steps between"
                    + " which other tasks run, and Weft never takes the monitor. Use dev.weft.Lock instead");
        }
    }

    private static boolean publicChain(TypeElement owner) {
        for (Element e = owner; e instanceof TypeElement; e = e.getEnclosingElement()) {
            if (!e.getModifiers().contains(Modifier.PUBLIC)) {
                return false;
            }
        }
        return true;
    }

    private AnnotationSpec generatedAnnotation() {
        for (String name : new String[] {"javax.annotation.processing.Generated", "javax.annotation.Generated"}) {
            if (processingEnv.getElementUtils().getTypeElement(name) != null) {
                int dot = name.lastIndexOf('.');
                return AnnotationSpec.builder(ClassName.get(name.substring(0, dot), name.substring(dot + 1)))
                        .addMember("value", "$S", CoroutineProcessor.class.getName())
                        .build();
            }
        }
        return null;
    }

    private void write(TypeElement owner, CompilationUnitTree unit, String fileName, String packageName,
            TypeSpec type) {
        JavaFile.Builder file = JavaFile.builder(packageName, type)
                .addFileComment("Generated by Weft from $L. Do not edit.", CommentText.lineComment(fileName))
                .indent(CodePrinter.INDENT)
                .skipJavaLangImports(true);
        staticImports(unit, file);
        JavaFile javaFile = file.build();
        String qualified = packageName.isEmpty() ? type.name() : packageName + "." + type.name();
        try {
            JavaFileObject out = processingEnv.getFiler().createSourceFile(qualified, owner);
            try (Writer w = out.openWriter()) {
                javaFile.writeTo(w);
            }
        } catch (IOException e) {
            error("Weft could not write " + qualified + ": " + e.getMessage(), trees.getTree(owner), unit);
        }
    }

    /**
     * The user's static imports, for the statically imported methods the user's code calls by
     * their simple names (its types are named by JavaPoet, its static fields qualified).
     */
    private void staticImports(CompilationUnitTree unit, JavaFile.Builder file) {
        for (ImportTree imp : unit.getImports()) {
            if (!imp.isStatic() || !(imp.getQualifiedIdentifier() instanceof MemberSelectTree)) {
                continue;
            }
            MemberSelectTree ms = (MemberSelectTree) imp.getQualifiedIdentifier();
            TypeElement type = processingEnv.getElementUtils().getTypeElement(
                    String.valueOf(NameResolver.dotted(ms.getExpression())));
            if (type != null) {
                file.addStaticImport(ClassName.get(type), ms.getIdentifier().toString());
            }
        }
    }

    private void error(String message, Tree where, CompilationUnitTree unit) {
        if (where == null) {
            processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, message);
        } else {
            trees.printMessage(Diagnostic.Kind.ERROR, message, where, unit);
        }
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
