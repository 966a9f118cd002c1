package dev.weft.processor;

import com.sun.source.tree.Tree;

/**
 * Stops the transformation of one coroutine: it carries a compile error reported at the position
 * of the user's code that caused it.
 */
final class ProcessingFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final transient Tree where;

    ProcessingFailure(Tree where, String message) {
        super(message, null, false, false);
        this.where = where;
    }
}
