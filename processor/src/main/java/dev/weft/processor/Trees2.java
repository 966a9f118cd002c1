package dev.weft.processor;

import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.Tree;
import java.lang.reflect.Method;
import java.util.List;

/**
 * Questions about trees that the Java 17 compiler API cannot answer without preview API: they are
 * asked through the public interfaces reflectively, so the processor built for 17 also understands
 * the trees of newer javac releases.
 */
final class Trees2 {
    private Trees2() {
    }

    /** Whether a case has a pattern label ({@code case String s ->}, Java 21). */
    static boolean hasPatternLabel(CaseTree c) {
        for (Tree label : labels(c)) {
            String kind = label.getKind().name();
            if (kind.contains("PATTERN") && !kind.equals("CONSTANT_CASE_LABEL")) {
                return true;
            }
        }
        return false;
    }

    /** Whether a case is {@code default} (alone or as {@code case null, default}). */
    static boolean isDefault(CaseTree c) {
        List<? extends Tree> labels = labels(c);
        if (labels == null) {
            return c.getExpressions().isEmpty();
        }
        for (Tree label : labels) {
            if (label.getKind().name().equals("DEFAULT_CASE_LABEL")) {
                return true;
            }
        }
        return c.getExpressions().isEmpty() && labels.isEmpty();
    }

    /** Whether an import is a module import ({@code import module java.base;}, Java 25). */
    static boolean isModuleImport(ImportTree imp) {
        try {
            return (Boolean) ImportTree.class.getMethod("isModule").invoke(imp);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false; // a javac before 23 has no module imports
        }
    }

    @SuppressWarnings("unchecked")
    private static List<? extends Tree> labels(CaseTree c) {
        try {
            Method m = CaseTree.class.getMethod("getLabels");
            return (List<? extends Tree>) m.invoke(c);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return List.of();
        }
    }
}
