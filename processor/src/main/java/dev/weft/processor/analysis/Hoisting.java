package dev.weft.processor.analysis;

import dev.weft.processor.model.OwnCodeScanner;
import dev.weft.processor.model.Trees2;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import dev.weft.processor.model.LocalVar;
import dev.weft.processor.model.Names;
import dev.weft.processor.model.Problems;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * After the scan, what needs the whole body: which locals live in fields because lowered code
 * reads them from other states (loop variables, resources, switch groups, what yields read), the
 * name each local has in generated code (one per variable in the whole method, since lowering
 * flattens blocks into states), and the checks that follow from hoisting ({@code var} locals and
 * locals of local or anonymous classes cannot be fields; a local class cannot be named after an
 * await in its scope).
 */
final class Hoisting {
    private final Analysis a;
    private final Problems problems;

    Hoisting(Analysis a, Problems problems) {
        this.a = a;
        this.problems = problems;
    }

    /** After the scan: the hoisting rules that need the whole picture, the names, and their checks. */
    void run() {
        for (Tree t : new ArrayList<>(a.suspending)) {
            if (t instanceof ForLoopTree) {
                // A lowered for loop tests and updates its variables in other states than its init.
                for (StatementTree init : ((ForLoopTree) t).getInitializer()) {
                    LocalVar v = a.declarations.get(init);
                    if (v != null) {
                        v.hoisted = true;
                    }
                }
            }
            if (t instanceof SwitchExpressionTree) {
                // A lowered switch expression is written again at its end, where each yield's value is
                // typed by a witness of the yield's expression: the locals it reads must be in scope.
                hoistLocalsReadByYields((SwitchExpressionTree) t);
            }
        }
        for (Map.Entry<Tree, List<LocalVar>> e : a.tryResources.entrySet()) {
            if (a.suspends(e.getKey())) {
                // A lowered try-with-resources closes its resources from other states.
                for (LocalVar v : e.getValue()) {
                    v.hoisted = true;
                }
            }
        }
        for (Map.Entry<Tree, List<LocalVar>> e : a.switchGroupLocals.entrySet()) {
            if (a.suspends(e.getKey())) {
                // Case groups of a lowered switch become separate states: their locals must be fields.
                for (LocalVar v : e.getValue()) {
                    v.hoisted = true;
                }
            }
        }
        for (TreePath declaration : a.localClassDeclarations) {
            checkLocalClassStaysInItsState(declaration);
        }
        // One name per variable in the whole method: lowering flattens blocks into states, where a
        // Java local of one block would otherwise shadow another block's variable (or field) of
        // the same name. The first variable of a name keeps it; later ones get a number.
        Set<String> used = new HashSet<>();
        for (LocalVar v : a.locals) {
            if (v.isUnnamed()) {
                v.hoisted = false; // never read: nothing to keep
                v.emittedName = Analysis.UNNAMED;
                continue;
            }
            if (v.kind == LocalVar.Kind.PARAMETER) {
                v.hoisted = true;
            }
            // In declaration order: a constant's initializer may read the constants declared before.
            v.constant = v.kind == LocalVar.Kind.LOCAL && a.constants.declaresConstant(v);
            if (v.hoisted && v.kind != LocalVar.Kind.LAMBDA_LOCAL) {
                if (v.typeTree == null && v.kind != LocalVar.Kind.PARAMETER
                        && (v.derivedType = a.types.fieldTypeOfVar(v)) == null) {
                    problems.report(v.declaration, hasAnonymousClassType(v)
                            ? "Weft keeps '" + v.name + "' in a field because it is used across an await, and a field"
                                    + " cannot have the type of an anonymous class; declare a named class instead"
                            : "Weft keeps '" + v.name + "' in a field because it is used across an await, and cannot"
                                    + " derive its type from declarations; declare its type explicitly instead of 'var'");
                } else if (v.typeTree instanceof IdentifierTree
                        && a.localClasses.contains(((IdentifierTree) v.typeTree).getName().toString())) {
                    problems.report(v.declaration, "Weft keeps '" + v.name + "' in a field because it is used across"
                            + " an await, and a field cannot have the type of a local class; declare the class"
                            + " outside the method");
                }
            }
            String name = v.name;
            if (used.contains(name) || isReserved(name)) {
                name = v.name + 2;
                for (int i = 3; used.contains(name) || isReserved(name) || a.names.isTaken(name); i++) {
                    name = v.name + i;
                }
            }
            used.add(name);
            a.names.take(name);
            v.emittedName = name;
        }
        a.emittedNames.addAll(used);
    }

    /** Whether a {@code var} local is initialized with an anonymous class: its type has no name. */
    private static boolean hasAnonymousClassType(LocalVar v) {
        if (!(v.declaration instanceof VariableTree) || ((VariableTree) v.declaration).getInitializer() == null) {
            return false;
        }
        ExpressionTree init = Trees2.unparen(((VariableTree) v.declaration).getInitializer());
        return init instanceof NewClassTree && ((NewClassTree) init).getClassBody() != null;
    }

    /**
     * A local class is declared in the state that runs its declaration; code of later states (and
     * the witnesses of a suspending statement, written in the state after it) is outside that
     * block. So a statement that suspends, and any statement after it, must not name the class.
     */
    private void checkLocalClassStaysInItsState(TreePath declaration) {
        ClassTree declared = (ClassTree) declaration.getLeaf();
        String name = declared.getSimpleName().toString();
        boolean suspended = false;
        for (StatementTree s : statementsInScopeAfter(declaration)) {
            suspended |= a.suspends(s);
            if (suspended && names(s, name)) {
                problems.report(declared, "Weft cannot compile the local class " + name + ", used across an await: the"
                        + " state machine resumes outside the block that declares it; declare the class outside the"
                        + " method");
                return;
            }
        }
    }

    /** The statements after a declaration in its block, or in its switch block (later groups included). */
    private static List<StatementTree> statementsInScopeAfter(TreePath declaration) {
        Tree declared = declaration.getLeaf();
        Tree parent = declaration.getParentPath().getLeaf();
        List<StatementTree> after = new ArrayList<>();
        List<? extends StatementTree> siblings;
        if (parent instanceof BlockTree) {
            siblings = ((BlockTree) parent).getStatements();
        } else if (parent instanceof CaseTree) {
            siblings = ((CaseTree) parent).getStatements();
        } else {
            return after;
        }
        after.addAll(siblings.subList(siblings.indexOf(declared) + 1, siblings.size()));
        if (parent instanceof CaseTree) {
            Tree sw = declaration.getParentPath().getParentPath().getLeaf();
            List<? extends CaseTree> cases = sw instanceof SwitchTree ? ((SwitchTree) sw).getCases()
                    : sw instanceof SwitchExpressionTree ? ((SwitchExpressionTree) sw).getCases() : List.of();
            for (CaseTree c : cases.subList(cases.indexOf(parent) + 1, cases.size())) {
                if (c.getStatements() != null) {
                    after.addAll(c.getStatements());
                }
            }
        }
        return after;
    }

    /** Whether {@code tree} uses the simple name {@code name}. */
    private static boolean names(Tree tree, String name) {
        boolean[] found = {false};
        new TreeScanner<Void, Void>() {
            @Override
            public Void visitIdentifier(IdentifierTree node, Void p) {
                found[0] |= node.getName().contentEquals(name);
                return null;
            }
        }.scan(tree, null);
        return found[0];
    }

    private void hoistLocalsReadByYields(SwitchExpressionTree sw) {
        new OwnCodeScanner<Void, Boolean>() {
            @Override
            public Void visitYield(com.sun.source.tree.YieldTree node, Boolean inYield) {
                return super.visitYield(node, true);
            }

            @Override
            public Void visitIdentifier(IdentifierTree node, Boolean inYield) {
                LocalVar v = a.references.get(node);
                if (Boolean.TRUE.equals(inYield) && v != null && v.kind != LocalVar.Kind.LAMBDA_LOCAL) {
                    v.hoisted = true;
                }
                return null;
            }

            @Override
            public Void visitSwitchExpression(SwitchExpressionTree node, Boolean inYield) {
                return node == sw ? super.visitSwitchExpression(node, false) : null;
            }
        }.scan(sw, false);
    }

    /** Names of the generated class that user locals must not take. */
    private boolean isReserved(String name) {
        return Names.FRAME_MEMBERS.contains(name) || name.equals(a.selfName) || a.reserved.contains(name);
    }
}
