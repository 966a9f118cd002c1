package dev.weft.processor.model;

import com.sun.source.tree.Tree;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The problems found in the coroutines of one class, each at the user's code that causes it and
 * saying what to do (Dagger's validation report): validation collects them all before anything
 * is lowered, so that one compile reports every problem. The same problem found twice at the same
 * place is reported once.
 */
public final class Problems {
    /** One problem: where, and the message. */
    public static final class Problem {
        /** The user's tree, or {@code null} for the coroutine's declaration. */
        public final Tree where;
        public final String message;

        Problem(Tree where, String message) {
            this.where = where;
            this.message = message;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Problem && ((Problem) o).where == where && ((Problem) o).message.equals(message);
        }

        @Override
        public int hashCode() {
            return Objects.hash(System.identityHashCode(where), message);
        }
    }

    private final List<Problem> problems = new ArrayList<>();

    /** Records a problem at {@code where} (a tree of the coroutine; {@code null}: its declaration). */
    public void report(Tree where, String message) {
        Problem p = new Problem(where, message);
        if (!problems.contains(p)) {
            problems.add(p);
        }
    }

    /** Records the problem a {@link ProcessingFailure} carries. */
    public void report(ProcessingFailure failure) {
        report(failure.where, failure.getMessage());
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    public List<Problem> all() {
        return Collections.unmodifiableList(problems);
    }
}
