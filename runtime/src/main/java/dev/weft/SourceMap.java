package dev.weft;

/**
 * Where the code of one generated state machine is in the user's source, for stack traces and
 * task dumps; generated frames keep one in a constant and return it from
 * {@link CoroutineFrame#sourceMap()}. Nothing here runs unless an exception is mapped or a task
 * is described.
 *
 * <p>The table, written by the processor, says at which line of {@code resume}'s body each of
 * the user's statements starts, relative to the body's {@code throw invalidState(state)} (whose
 * line in the class file the runtime finds once per class by calling {@code resume} in an
 * unknown state), and at which of the user's lines the coroutine suspended for each state it
 * resumes at: {@code anchor|bodyLine:userLine,...|state:userLine,...}.
 */
public final class SourceMap {
    private final String className;
    private final String methodName;
    private final String fileName;
    private final int declarationLine;
    private final String table;
    /** Parsed on first use: anchor, then pairs of body line and user line. */
    private int[] statements;
    /** Parsed on first use: pairs of state and user line. */
    private int[] suspensions;

    /**
     * For generated code.
     *
     * @param className the binary name of the user's class that declares the coroutine
     * @param methodName the coroutine's name
     * @param fileName the user's source file
     * @param declarationLine the line of the method's declaration
     * @param table the line table (see the class comment)
     */
    public SourceMap(String className, String methodName, String fileName, int declarationLine, String table) {
        this.className = className;
        this.methodName = methodName;
        this.fileName = fileName;
        this.declarationLine = declarationLine;
        this.table = table;
    }

    /** {@code Worker.run}: the user's class (simple name) and method. */
    String method() {
        int dot = Math.max(className.lastIndexOf('.'), className.lastIndexOf('$'));
        return className.substring(dot + 1) + "." + methodName;
    }

    String fileName() {
        return fileName;
    }

    /** The element of a stack trace at {@code line} of the user's method ({@code -1}: unknown). */
    StackTraceElement element(int line) {
        return new StackTraceElement(className, methodName, fileName, line > 0 ? line : declarationLine);
    }

    /**
     * The user's line of the statement at {@code generatedLine} of the class file, given the
     * line of the {@code resume} body's anchor there; the method's declaration line if unknown.
     */
    int userLine(int generatedLine, int anchorLine) {
        int[] s = statements();
        if (s.length == 0 || s[0] < 0 || anchorLine < 0 || generatedLine < 0) {
            return declarationLine;
        }
        int bodyLine = generatedLine - anchorLine + s[0];
        int found = declarationLine;
        for (int i = 1; i + 1 < s.length && s[i] <= bodyLine; i += 2) {
            found = s[i + 1];
        }
        return found;
    }

    /** The user's line at which the coroutine suspended to resume at {@code state}; the declaration's if unknown. */
    int suspensionLine(int state) {
        int[] s = suspensions();
        for (int i = 0; i + 1 < s.length; i += 2) {
            if (s[i] == state) {
                return s[i + 1];
            }
        }
        return declarationLine;
    }

    private int[] statements() {
        int[] s = statements;
        if (s == null) {
            String[] parts = table.split("\\|", -1);
            int[] pairs = pairs(parts.length > 1 ? parts[1] : "");
            s = new int[pairs.length + 1];
            s[0] = parts[0].isEmpty() ? -1 : Integer.parseInt(parts[0]);
            System.arraycopy(pairs, 0, s, 1, pairs.length);
            statements = s;
        }
        return s;
    }

    private int[] suspensions() {
        int[] s = suspensions;
        if (s == null) {
            String[] parts = table.split("\\|", -1);
            s = pairs(parts.length > 2 ? parts[2] : "");
            suspensions = s;
        }
        return s;
    }

    private static int[] pairs(String list) {
        if (list.isEmpty()) {
            return new int[0];
        }
        String[] entries = list.split(",");
        int[] out = new int[entries.length * 2];
        for (int i = 0; i < entries.length; i++) {
            int colon = entries[i].indexOf(':');
            out[2 * i] = Integer.parseInt(entries[i].substring(0, colon));
            out[2 * i + 1] = Integer.parseInt(entries[i].substring(colon + 1));
        }
        return out;
    }
}
