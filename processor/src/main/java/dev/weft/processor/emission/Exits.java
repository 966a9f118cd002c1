package dev.weft.processor.emission;

import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.YieldTree;

/** How the lowering rewrites what leaves printed native code: jumps, returns and yields to lowered statements. */
public interface Exits {
    /** The exit of a {@code break}/{@code continue} whose target is a lowered statement. */
    Exit jump(Tree jump, String label, boolean isContinue);

    /** The exit of a {@code return} of the coroutine; {@code value} is printed or {@code null}. */
    Exit returnFrom(ReturnTree ret, Code value);

    /** The exit of a {@code yield} to a lowered switch expression. */
    Exit yieldTo(YieldTree yield, Code value);
}
