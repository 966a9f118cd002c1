package dev.weft.processor;

import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.lang.model.SourceVersion;

/**
 * A processor that checks every class of the compilation rather than annotated elements: it
 * supports all annotations, so that javac calls it for files with none, and claims none (its
 * {@code process} returns {@code false}), so that other processors still see them.
 */
public abstract class EveryClassCheck extends AbstractProcessor {
    @Override
    public final Set<String> getSupportedAnnotationTypes() {
        return Set.of("*");
    }

    @Override
    public final SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }
}
