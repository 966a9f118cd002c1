package dev.weft.processor.model;

import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.Tree;
import java.lang.reflect.Method;
import java.util.List;

/**
 * Questions about trees that the Java 17 compiler API cannot answer without preview API: they are
 * asked through the public interfaces reflectively, so the processor built for 17 also understands
 * the trees of newer javac releases (case labels, guards and record patterns of Java 21).
 */
public final class Trees2 {
    private Trees2() {
    }

    /** Whether a case has a pattern label ({@code case String s ->}, Java 21). */
    public static boolean hasPatternLabel(CaseTree c) {
        for (Tree label : labels(c)) {
            String kind = label.getKind().name();
            if (kind.contains("PATTERN") && !kind.equals("CONSTANT_CASE_LABEL")) {
                return true;
            }
        }
        return false;
    }

    /** Whether a case is {@code default} (alone or as {@code case null, default}). */
    public static boolean isDefault(CaseTree c) {
        List<? extends Tree> labels = labels(c);
        if (labels == null) {
            return c.getExpressions().isEmpty();
        }
        for (Tree label : labels) {
            if (isDefaultLabel(label)) {
                return true;
            }
        }
        return c.getExpressions().isEmpty() && labels.isEmpty();
    }

    /** Whether a case label is {@code default}. */
    public static boolean isDefaultLabel(Tree label) {
        return label.getKind().name().equals("DEFAULT_CASE_LABEL");
    }

    /** The labels of a case: expressions, patterns and {@code default}; empty before Java 17's API. */
    /** Whether an import is a module import ({@code import module java.base;}, Java 25). */
    public static boolean isModuleImport(ImportTree imp) {
        try {
            return (Boolean) ImportTree.class.getMethod("isModule").invoke(imp);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false; // a javac before 23 has no module imports
        }
    }

    @SuppressWarnings("unchecked")
    public static List<? extends Tree> labels(CaseTree c) {
        try {
            Method m = CaseTree.class.getMethod("getLabels");
            return (List<? extends Tree>) m.invoke(c);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return List.of();
        }
    }

    /** The guard of a case ({@code case String s when s.isEmpty() ->}, Java 21), or {@code null}. */
    public static ExpressionTree guard(CaseTree c) {
        try {
            return (ExpressionTree) CaseTree.class.getMethod("getGuard").invoke(c);
        } catch (NoSuchMethodException e) {
            return null; // before Java 21: no guards
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot read the guard of " + c, e);
        }
    }

    /** The expression of a constant case label (Java 21's {@code ConstantCaseLabelTree}). */
    public static ExpressionTree constantOf(Tree label) {
        return (ExpressionTree) invoke(label, "ConstantCaseLabelTree", "getConstantExpression");
    }

    /** The pattern of a pattern case label (Java 21's {@code PatternCaseLabelTree}). */
    public static Tree patternOf(Tree label) {
        return (Tree) invoke(label, "PatternCaseLabelTree", "getPattern");
    }

    /** The record type a record pattern deconstructs ({@code Point} of {@code Point(int x, int y)}). */
    public static ExpressionTree deconstructorOf(Tree recordPattern) {
        return (ExpressionTree) invoke(recordPattern, "DeconstructionPatternTree", "getDeconstructor");
    }

    /** The component patterns of a record pattern. */
    @SuppressWarnings("unchecked")
    public static List<? extends Tree> nestedPatternsOf(Tree recordPattern) {
        return (List<? extends Tree>) invoke(recordPattern, "DeconstructionPatternTree", "getNestedPatterns");
    }

    /** Calls {@code method} of the public tree interface {@code com.sun.source.tree.<type>} on {@code tree}. */
    private static Object invoke(Tree tree, String type, String method) {
        try {
            Class<?> api = Class.forName("com.sun.source.tree." + type, false, Tree.class.getClassLoader());
            return api.getMethod(method).invoke(tree);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot read " + type + "." + method + " of " + tree, e);
        }
    }

    /** {@code e} without the parentheses around it. */
    public static ExpressionTree unparen(ExpressionTree e) {
        while (e instanceof com.sun.source.tree.ParenthesizedTree) {
            e = ((com.sun.source.tree.ParenthesizedTree) e).getExpression();
        }
        return e;
    }

    /** Whether {@code t} is the keyword {@code super} (as a qualifier). */
    public static boolean isSuper(ExpressionTree t) {
        return t instanceof com.sun.source.tree.IdentifierTree
                && ((com.sun.source.tree.IdentifierTree) t).getName().contentEquals("super");
    }

    /** The names of the fields, methods and member types a class body declares. */
    public static java.util.Set<String> memberNames(com.sun.source.tree.ClassTree body) {
        java.util.Set<String> names = new java.util.HashSet<>();
        for (Tree m : body.getMembers()) {
            if (m instanceof com.sun.source.tree.VariableTree) {
                names.add(((com.sun.source.tree.VariableTree) m).getName().toString());
            } else if (m instanceof com.sun.source.tree.MethodTree) {
                names.add(((com.sun.source.tree.MethodTree) m).getName().toString());
            } else if (m instanceof com.sun.source.tree.ClassTree) {
                names.add(((com.sun.source.tree.ClassTree) m).getSimpleName().toString());
            }
        }
        return names;
    }
}
