package dev.weft.processor.validation;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import dev.weft.processor.resolution.NameResolver;
import java.util.function.Supplier;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;

/**
 * A scan of attributed code that knows whether it is in a coroutine's own body: inside a
 * {@code @Coroutine} method, but not in a lambda or class body there, whose code runs later.
 */
abstract class CoroutineScopeScanner extends TreePathScanner<Void, Void> {
    final Trees trees;
    /** The coroutine whose own body is being scanned, or {@code null} in plain code. */
    private ExecutableElement coroutine;

    CoroutineScopeScanner(Trees trees) {
        this.trees = trees;
    }

    /** The coroutine whose own body is being scanned, or {@code null} in plain code. */
    ExecutableElement coroutine() {
        return coroutine;
    }

    @Override
    public Void visitMethod(MethodTree node, Void p) {
        Element e = trees.getElement(getCurrentPath());
        return scanning(e != null && NameResolver.isCoroutine(e) ? (ExecutableElement) e : null,
                () -> super.visitMethod(node, p));
    }

    @Override
    public Void visitLambdaExpression(LambdaExpressionTree node, Void p) {
        return scanning(null, () -> super.visitLambdaExpression(node, p));
    }

    @Override
    public Void visitClass(ClassTree node, Void p) {
        return scanning(null, () -> super.visitClass(node, p));
    }

    private Void scanning(ExecutableElement inside, Supplier<Void> scan) {
        ExecutableElement outer = coroutine;
        coroutine = inside;
        try {
            return scan.get();
        } finally {
            coroutine = outer;
        }
    }
}
