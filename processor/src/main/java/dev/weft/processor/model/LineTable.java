package dev.weft.processor.model;

import java.util.Map;
import java.util.TreeMap;

/**
 * Where a frame's {@code resume} method is in the user's source, for the runtime's stack traces
 * and task dumps ({@code dev.weft.SourceMap}): the line of {@code resume}'s body (from 0) at which
 * each of the user's statements starts, with the statement's line in the user's file; the user's
 * line at which the coroutine suspended for each state it resumes at; and the line of the body's
 * {@code throw invalidState(state)}, whose place in the class file the runtime finds by calling
 * {@code resume} in an unknown state, and from which it places the other lines.
 */
public final class LineTable {
    private final Map<Integer, Long> statements = new TreeMap<>();
    private final Map<Integer, Long> suspensions = new TreeMap<>();
    private int anchor = -1;

    public void statementAt(int bodyLine, long userLine) {
        if (userLine > 0) {
            statements.put(bodyLine, userLine);
        }
    }

    public void suspensionResumingAt(int state, long userLine) {
        if (userLine > 0) {
            suspensions.put(state, userLine);
        }
    }

    public void anchorAt(int bodyLine) {
        anchor = bodyLine;
    }

    /**
     * {@code anchor|line:userLine,...|state:userLine,...}, the format {@code SourceMap} reads; the
     * statement part is empty where the body has no anchor (a machine split across methods).
     */
    public String encode() {
        StringBuilder sb = new StringBuilder().append(anchor).append('|');
        if (anchor >= 0) {
            join(sb, statements);
        }
        sb.append('|');
        join(sb, suspensions);
        return sb.toString();
    }

    private static void join(StringBuilder sb, Map<Integer, Long> entries) {
        boolean first = true;
        for (Map.Entry<Integer, Long> e : entries.entrySet()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            sb.append(e.getKey()).append(':').append(e.getValue());
        }
    }
}
