package dev.weft.processor.model;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.util.TreeScanner;

/**
 * A scanner of the code a construct runs itself: it does not enter lambda bodies or class bodies,
 * whose code runs elsewhere (and whose {@code yield}s, jumps and members belong to them).
 */
public class OwnCodeScanner<R, P> extends TreeScanner<R, P> {
    @Override
    public R visitLambdaExpression(LambdaExpressionTree node, P p) {
        return null;
    }

    @Override
    public R visitClass(ClassTree node, P p) {
        return null;
    }
}
