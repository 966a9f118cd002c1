package dev.weft.processor.validation;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreePath;
import dev.weft.processor.analysis.Analysis;
import dev.weft.processor.analysis.AwaitTargets;
import dev.weft.processor.analysis.BoxedValues;
import dev.weft.processor.model.Problems;
import dev.weft.processor.resolution.NameResolver;
import javax.lang.model.type.TypeMirror;

/**
 * Validation of a coroutine body once it is analyzed, before anything is lowered: every problem
 * {@link BodyChecks} finds is reported, so that one compile shows them all.
 */
public final class Validator {
    private Validator() {
    }

    /** Checks the analyzed body of {@code method}, reporting to {@code problems}. */
    public static void checkBody(CompilationUnitTree unit, MethodTree method, TypeMirror returnType, Analysis analysis,
            NameResolver resolver, Problems problems) {
        AwaitTargets targets = new AwaitTargets(analysis, resolver, new BoxedValues(analysis, resolver), returnType);
        new BodyChecks(analysis, resolver, targets, problems).scan(new TreePath(new TreePath(unit), method.getBody()),
                null);
    }
}
