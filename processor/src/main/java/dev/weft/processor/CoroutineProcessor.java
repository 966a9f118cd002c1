package dev.weft.processor;

import dev.weft.processor.resolution.GeneratedNames;
import dev.weft.processor.resolution.NameResolver;
import dev.weft.processor.validation.CallChecks;

import com.google.auto.service.AutoService;
import com.sun.source.util.Trees;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

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
    /** The coroutine calls compiled, checked against javac's typing once it has analyzed each class. */
    private final CallChecks calls = new CallChecks();

    /** The checks of every class, which javac would not start where this processor claims all annotations. */
    private List<EveryClassCheck> checks = List.of();

    @Override
    public synchronized void init(ProcessingEnvironment env) {
        super.init(env);
        checks = EveryClassCheck.startAll(env);
        AfterAnalysis.listenGuarded(env, "the calls of @Coroutine methods in this class", calls::check);
    }

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
        for (EveryClassCheck check : checks) {
            check.process(annotations, round);
        }
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
        // Validation of every class first, so that one compile reports every problem; then generation.
        ClassCompiler compiler = new ClassCompiler(processingEnv, trees, calls);
        List<ClassCompiler.Validated> validated = new ArrayList<>();
        for (Map.Entry<TypeElement, List<ExecutableElement>> e : byClass.entrySet()) {
            guarded(e.getKey(), () -> {
                ClassCompiler.Validated v = compiler.validate(e.getKey(), e.getValue());
                if (v != null) {
                    validated.add(v);
                }
            });
        }
        for (ClassCompiler.Validated v : validated) {
            guarded(v.owner, () -> compiler.generate(v));
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

    /** Runs a stage for one class; an internal failure is reported there and never crashes javac. */
    private void guarded(TypeElement owner, Runnable stage) {
        try {
            stage.run();
        } catch (RuntimeException bug) {
            processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, "Weft failed to generate "
                    + GeneratedNames.simpleName(owner) + " (internal error, please report it): " + bug, owner);
        }
    }
}
