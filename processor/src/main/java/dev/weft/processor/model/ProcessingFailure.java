package dev.weft.processor.model;

import com.sun.source.tree.Tree;

/**
 * Stops the transformation of one coroutine: it carries a compile error reported at the position
 * of the user's code that caused it.
 */
public final class ProcessingFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public final transient Tree where;

    public ProcessingFailure(Tree where, String message) {
        super(message, null, false, false);
        this.where = where;
    }
}
