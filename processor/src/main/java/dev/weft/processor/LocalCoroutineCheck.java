package dev.weft.processor;

import dev.weft.processor.resolution.NameResolver;

import com.google.auto.service.AutoService;
import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import java.util.HashSet;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * Rejects {@code @Coroutine} on methods of local and anonymous classes. javac does not report
 * annotations inside method bodies to processors, so such a method would silently stay a plain
 * method; this processor looks for them in the trees of every file: in the rounds javac calls it
 * in (it supports all annotations, so that javac calls it even when a file has no other, and
 * claims none), and once javac has analyzed a file it has not seen (see {@link AfterAnalysis}).
 */
@AutoService(Processor.class)
public final class LocalCoroutineCheck extends EveryClassCheck {
    /** The files checked: in the rounds that javac calls this processor in, or once analyzed. */
    private final Set<CompilationUnitTree> checked = new HashSet<>();
    private Trees trees;
    private boolean unavailable;


    @Override
    protected void start(ProcessingEnvironment env) {
        // javac skips this processor in rounds whose annotations another processor claimed: the
        // files of those rounds are checked once analyzed
        AfterAnalysis.listen(env, (analyzed, analyzedTrees) -> checkOnce(analyzed.getCompilationUnit(), analyzedTrees,
                analyzedTrees.getElement(analyzed)));
    }

    @Override
    protected void check(RoundEnvironment round) {
        for (Element root : round.getRootElements()) {
            if (root instanceof TypeElement && AfterAnalysis.isGeneratedByWeft((TypeElement) root)) {
                continue; // it repeats the user's code, which is checked itself
            }
            if (trees == null) {
                if (unavailable) {
                    return;
                }
                try {
                    trees = Trees.instance(processingEnv);
                } catch (IllegalArgumentException | LinkageError notJavac) {
                    unavailable = true; // CoroutineProcessor reports it when it meets a coroutine
                    return;
                }
            }
            TreePath path = trees.getPath(root);
            if (path != null) {
                checkOnce(path.getCompilationUnit(), trees, root);
            }
        }
    }

    private void checkOnce(CompilationUnitTree unit, Trees using, Element where) {
        if (!checked.add(unit)) {
            return;
        }
        try {
            check(unit, using);
        } catch (RuntimeException bug) {
            // a check that fails must not crash javac; the coroutine processor still runs
            processingEnv.getMessager().printMessage(Diagnostic.Kind.WARNING,
                    "Weft could not check this file for @Coroutine methods in local classes: " + bug, where);
        }
    }

    private static void check(CompilationUnitTree unit, Trees trees) {
        new TreeScanner<Void, Integer>() {
            @Override
            public Void visitMethod(MethodTree node, Integer depth) {
                if (depth > 0) {
                    for (AnnotationTree a : node.getModifiers().getAnnotations()) {
                        String name = NameResolver.dotted(a.getAnnotationType());
                        if ("Coroutine".equals(name) || NameResolver.COROUTINE_ANNOTATION.equals(name)) {
                            trees.printMessage(Diagnostic.Kind.ERROR, "Weft cannot compile @Coroutine methods of a local"
                                    + " or anonymous class; declare them in a top-level or member class", node, unit);
                        }
                    }
                }
                return super.visitMethod(node, depth);
            }

            @Override
            public Void visitBlock(BlockTree node, Integer depth) {
                return super.visitBlock(node, depth + 1);
            }

            @Override
            public Void visitLambdaExpression(LambdaExpressionTree node, Integer depth) {
                return super.visitLambdaExpression(node, depth + 1);
            }

            @Override
            public Void visitVariable(VariableTree node, Integer depth) {
                // a field initializer may hold an anonymous class
                return super.visitVariable(node, depth + (node.getInitializer() != null ? 1 : 0));
            }
        }.scan(unit, 0);
    }
}
