package dev.weft.processor;

import com.sun.source.util.Trees;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/** javac's Trees API, or a clear error where the compiler environment does not offer it. */
public final class TreesAccess {
    private TreesAccess() {
    }

    /** The Trees of {@code env}, or {@code null} after reporting why there are none. */
    static Trees of(ProcessingEnvironment env, Element anchor) {
        try {
            return Trees.instance(env);
        } catch (IllegalArgumentException | LinkageError notJavac) {
            env.getMessager().printMessage(Diagnostic.Kind.ERROR, "Weft needs javac's com.sun.source.util.Trees"
                    + " API to read @Coroutine method bodies, and this compiler environment does not provide it ("
                    + env.getClass().getName() + "). Run the processor in javac 17+ directly; in Gradle, add"
                    + " weft-processor to the annotationProcessor configuration (Weft does not declare incremental"
                    + " processing, so Gradle hands it javac's own environment).", anchor);
            return null;
        }
    }
}
