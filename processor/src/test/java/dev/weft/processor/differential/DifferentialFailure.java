package dev.weft.processor.differential;

/**
 * One program on which the coroutine version and the plain version disagree, or that does not
 * compile, with everything needed to reproduce it.
 *
 * @param program the program
 * @param java8 whether it ran in the {@code --release 8} configuration
 * @param kind what went wrong
 * @param detail compiler errors (and generated code), or {@code null}
 * @param plain the plain version's outcome, or {@code null}
 * @param coroutine the coroutine version's outcome, or {@code null}
 */
record DifferentialFailure(GeneratedProgram program, boolean java8, String kind, String detail, Outcome plain,
        Outcome coroutine) {
    /** One line: seed and what went wrong. */
    String summary() {
        String s = "seed " + program.seed() + (java8 ? " (java 8)" : "") + ": " + kind;
        if (plain != null) {
            s += ": plain " + plain.result() + " / coroutine " + coroutine.result();
            int at = plain.firstDifference(coroutine);
            if (at >= 0) {
                s += " / traces differ at entry " + at;
            }
        }
        return s;
    }

    /** The full report: how to rerun, both sources, both outcomes or the errors. */
    String report() {
        StringBuilder sb = new StringBuilder();
        sb.append("=== ").append(summary()).append('\n');
        sb.append("rerun: mvn -q -B -pl processor -am test -Dtest='DifferentialTest#")
                .append(java8 ? "java8Programs" : "java17Programs")
                .append("' -Dsurefire.failIfNoSpecifiedTests=false -Dweft.differential.seed=")
                .append(program.seed()).append(" -Dweft.differential.count=1\n");
        if (plain != null) {
            sb.append("plain:     ").append(plain).append('\n');
            sb.append("coroutine: ").append(coroutine).append('\n');
            int at = plain.firstDifference(coroutine);
            if (at >= 0) {
                sb.append("first trace difference at entry ").append(at).append(": plain ")
                        .append(at < plain.trace().size() ? plain.trace().get(at) : "(end)").append(", coroutine ")
                        .append(at < coroutine.trace().size() ? coroutine.trace().get(at) : "(end)").append('\n');
            }
        }
        if (detail != null) {
            sb.append(detail).append('\n');
        }
        sb.append("--- coroutine version (class t.T0) ---\n").append(program.standaloneSource(true, "T0"));
        sb.append("--- plain version (class t.P0) ---\n").append(program.standaloneSource(false, "P0"));
        return sb.toString();
    }
}
