package dev.weft.processor.differential;

import java.util.List;

/**
 * What one run of a program did: how it ended ("returned ..." or "threw class: message") and
 * its trace, the entries {@code t(tag, value)} and the helpers appended in evaluation order.
 *
 * @param result how it ended
 * @param trace the trace
 */
record Outcome(String result, List<String> trace) {
    /** The first trace index where this and {@code other} differ, or -1. */
    int firstDifference(Outcome other) {
        int n = Math.min(trace.size(), other.trace.size());
        for (int i = 0; i < n; i++) {
            if (!trace.get(i).equals(other.trace.get(i))) {
                return i;
            }
        }
        return trace.size() == other.trace.size() ? -1 : n;
    }

    @Override
    public String toString() {
        return result + "\n    trace (" + trace.size() + "): " + abbreviated();
    }

    private String abbreviated() {
        if (trace.size() <= 200) {
            return trace.toString();
        }
        return trace.subList(0, 100) + " ... " + trace.subList(trace.size() - 100, trace.size());
    }
}
