package dev.weft.processor;

import com.sun.source.util.JavacTask;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.util.function.BiConsumer;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * Runs a check on every class of the compilation once javac has analyzed it, for the checks that
 * must see every class. Processors that support {@code "*"} do not: javac calls a processor in a
 * round only when an annotation of the round is left for it or it ran in an earlier round, so a
 * round whose annotations {@link CoroutineProcessor} claims (only {@code @Coroutine}) skips them.
 * After analysis javac has also given elements to local and anonymous classes. Classes Weft
 * generated are left out: they repeat the user's code, which is checked itself.
 */
public final class AfterAnalysis {
    private AfterAnalysis() {
    }

    /**
     * Calls {@code check} with the path of each class javac has analyzed (a top-level class, or a
     * member class javac analyzes on its own) and the Trees to read it, from now on.
     *
     * @return whether it could: {@code false} when the environment is not javac's own
     */
    static boolean listen(ProcessingEnvironment env, BiConsumer<TreePath, Trees> check) {
        Trees trees;
        JavacTask task;
        try {
            trees = Trees.instance(env);
            task = JavacTask.instance(env);
        } catch (IllegalArgumentException | LinkageError notJavac) {
            return false;
        }
        task.addTaskListener(new TaskListener() {
            @Override
            public void finished(TaskEvent event) {
                if (event.getKind() != TaskEvent.Kind.ANALYZE || event.getTypeElement() == null
                        || isGeneratedByWeft(event.getTypeElement())) {
                    return;
                }
                TreePath path = trees.getPath(event.getTypeElement());
                if (path != null) {
                    check.accept(path, trees);
                }
            }
        });
        return true;
    }

    /**
     * {@link #listen}, where a check that fails warns at the class, saying that Weft could not
     * check {@code what}, instead of crashing javac.
     */
    static boolean listenGuarded(ProcessingEnvironment env, String what, BiConsumer<TreePath, Trees> check) {
        return listen(env, (analyzed, trees) -> {
            try {
                check.accept(analyzed, trees);
            } catch (RuntimeException bug) {
                env.getMessager().printMessage(javax.tools.Diagnostic.Kind.WARNING, "Weft could not check " + what
                        + " (internal error, please report it): " + bug, trees.getElement(analyzed));
            }
        });
    }

    /** Whether {@code type} is (in) a class {@link CoroutineProcessor} generated. */
    static boolean isGeneratedByWeft(TypeElement type) {
        Element top = type;
        while (top.getEnclosingElement() instanceof TypeElement) {
            top = top.getEnclosingElement();
        }
        for (AnnotationMirror a : top.getAnnotationMirrors()) {
            if (((TypeElement) a.getAnnotationType().asElement()).getSimpleName().contentEquals("Generated")) {
                for (AnnotationValue v : a.getElementValues().values()) {
                    if (v.toString().contains(CoroutineProcessor.class.getName())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
