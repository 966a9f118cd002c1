package dev.weft.processor;

import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.weft.CoroutineFrame;
import dev.weft.EventLoop;
import java.net.URL;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.Completion;
import javax.annotation.processing.Filer;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import org.junit.jupiter.api.Test;

/**
 * How the processor behaves when a build tool stands between it and javac. Gradle runs a processor
 * that does not declare itself incremental through a wrapper that hands it javac's own processing
 * environment; a processor declared incremental gets a wrapped environment instead, on which
 * {@code Trees.instance} throws. Weft does not declare itself incremental, so a Gradle
 * {@code annotationProcessor} build works; in a wrapped environment it reports why it cannot run.
 */
class BuildToolEnvironmentTest {
    private static final String SOURCE = CoroutineCompiler.classT(
            "@Coroutine static String main() { return \"ran \" + await(later(1)); }");

    @Test
    void worksBehindAWrapperThatPassesJavacsEnvironment() throws Throwable {
        Compilation c = compile(new Wrapper(new CoroutineProcessor(), false));
        assertEquals(Compilation.Status.SUCCESS, c.status(), CoroutineCompiler.diagnostics(c));
        CoroutineFrame<?> frame = CoroutineCompiler.frame(CoroutineCompiler.load(c), "t.TCoroutines", "main");
        assertEquals("ran 1", EventLoop.withVirtualTime().runUntilComplete(frame));
    }

    @Test
    void reportsAWrappedEnvironmentInsteadOfFailingLater() {
        Compilation c = compile(new Wrapper(new CoroutineProcessor(), true));
        assertEquals(Compilation.Status.FAILURE, c.status());
        assertEquals(1, c.errors().size(), CoroutineCompiler.diagnostics(c));
        String message = c.errors().get(0).getMessage(Locale.ROOT);
        assertTrue(message.contains("com.sun.source.util.Trees") && message.contains("Gradle"), message);
    }

    @Test
    void doesNotDeclareGradleIncrementalProcessing() throws Exception {
        String processorCode = CoroutineProcessor.class.getProtectionDomain().getCodeSource().getLocation().toString();
        for (URL declaration : Collections.list(CoroutineProcessor.class.getClassLoader()
                .getResources("META-INF/gradle/incremental.annotation.processors"))) {
            assertFalse(declaration.toString().contains(processorCode), declaration.toString());
        }
    }

    private static Compilation compile(Processor processor) {
        return javac().withProcessors(processor).compile(
                JavaFileObjects.forSourceString("t.Later", CoroutineCompiler.LATER),
                JavaFileObjects.forSourceString("t.T", SOURCE));
    }

    /** A processor that delegates to another, as build tools do, optionally wrapping the environment. */
    private static final class Wrapper implements Processor {
        private final Processor delegate;
        private final boolean wrapEnvironment;

        Wrapper(Processor delegate, boolean wrapEnvironment) {
            this.delegate = delegate;
            this.wrapEnvironment = wrapEnvironment;
        }

        @Override
        public Set<String> getSupportedOptions() {
            return delegate.getSupportedOptions();
        }

        @Override
        public Set<String> getSupportedAnnotationTypes() {
            return delegate.getSupportedAnnotationTypes();
        }

        @Override
        public SourceVersion getSupportedSourceVersion() {
            return delegate.getSupportedSourceVersion();
        }

        @Override
        public void init(ProcessingEnvironment env) {
            delegate.init(wrapEnvironment ? new WrappedEnvironment(env) : env);
        }

        @Override
        public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
            return delegate.process(annotations, round);
        }

        @Override
        public Iterable<? extends Completion> getCompletions(Element element, AnnotationMirror annotation,
                ExecutableElement member, String userText) {
            return delegate.getCompletions(element, annotation, member, userText);
        }
    }

    /** A processing environment that forwards to javac's, as Gradle's incremental wrapper does. */
    private static final class WrappedEnvironment implements ProcessingEnvironment {
        private final ProcessingEnvironment env;

        WrappedEnvironment(ProcessingEnvironment env) {
            this.env = env;
        }

        @Override
        public Map<String, String> getOptions() {
            return env.getOptions();
        }

        @Override
        public Messager getMessager() {
            return env.getMessager();
        }

        @Override
        public Filer getFiler() {
            return env.getFiler();
        }

        @Override
        public Elements getElementUtils() {
            return env.getElementUtils();
        }

        @Override
        public Types getTypeUtils() {
            return env.getTypeUtils();
        }

        @Override
        public SourceVersion getSourceVersion() {
            return env.getSourceVersion();
        }

        @Override
        public Locale getLocale() {
            return env.getLocale();
        }
    }
}
