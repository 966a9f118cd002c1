package dev.weft.processor.emission;

import dev.weft.processor.analysis.Analysis;
import dev.weft.processor.model.LocalVar;
import dev.weft.processor.model.ProcessingFailure;
import dev.weft.processor.model.Trees2;
import dev.weft.processor.resolution.Member;
import dev.weft.processor.resolution.NameResolver;

import com.sun.source.tree.AssertTree;
import com.sun.source.tree.BindingPatternTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.tree.YieldTree;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.ElementKind;

/**
 * The printer's statements: declarations, control flow, switches and their labels and patterns,
 * try statements, and the jumps, returns and yields that leave the printed code, which the
 * lowering's {@link Exits} rewrite.
 */
abstract class StatementPrinter extends ExpressionPrinter {
    StatementPrinter(Analysis analysis, NameResolver resolver, PrintMode mode, Exits exits,
            Map<Tree, Code> replacements) {
        super(analysis, resolver, mode, exits, replacements);
    }

    // ------------------------------------------------------------------ statements

    void stmt(Tree s) {
        Code replacement = replacements.get(s);
        if (replacement != null) {
            text(replacement);
            return;
        }
        if (mode == PrintMode.NATIVE && analysis.source != null && s.getKind() != Tree.Kind.BLOCK) {
            sb.mark(analysis.source.line(s)); // for the frame's line table
        }
        switch (s.getKind()) {
            case BLOCK:
                block((BlockTree) s);
                return;
            case EMPTY_STATEMENT:
                sb.add(';');
                return;
            case EXPRESSION_STATEMENT:
                expr(((ExpressionStatementTree) s).getExpression());
                sb.add(';');
                return;
            case VARIABLE:
                localVariable((VariableTree) s);
                return;
            case IF: {
                IfTree i = (IfTree) s;
                sb.add("if (");
                expr(Trees2.unparen(i.getCondition()));
                sb.add(") ");
                body(i.getThenStatement());
                StatementTree otherwise = i.getElseStatement();
                if (otherwise != null) {
                    sb.add(" else ");
                    if (otherwise instanceof IfTree) {
                        stmt(otherwise);
                    } else {
                        body(otherwise);
                    }
                }
                return;
            }
            case WHILE_LOOP: {
                WhileLoopTree w = (WhileLoopTree) s;
                sb.add("while (");
                expr(Trees2.unparen(w.getCondition()));
                sb.add(") ");
                loopBody(s, w.getStatement());
                return;
            }
            case DO_WHILE_LOOP: {
                DoWhileLoopTree d = (DoWhileLoopTree) s;
                sb.add("do ");
                loopBody(s, d.getStatement());
                sb.add(" while (");
                expr(Trees2.unparen(d.getCondition()));
                sb.add(");");
                return;
            }
            case FOR_LOOP: {
                ForLoopTree f = (ForLoopTree) s;
                sb.add("for (");
                List<? extends StatementTree> init = f.getInitializer();
                for (int i = 0; i < init.size(); i++) {
                    StatementTree st = init.get(i);
                    if (st instanceof VariableTree) {
                        VariableTree v = (VariableTree) st;
                        if (i == 0) {
                            modifiers(v.getModifiers(), true);
                            declaredType(v);
                            sb.add(' ');
                        } else {
                            sb.add(", ");
                        }
                        sb.add(localDeclName(v));
                        if (v.getInitializer() != null) {
                            sb.add(" = ");
                            variableInitializer(v);
                        }
                    } else {
                        if (i > 0) {
                            sb.add(", ");
                        }
                        expr(((ExpressionStatementTree) st).getExpression());
                    }
                }
                sb.add("; ");
                if (f.getCondition() != null) {
                    expr(f.getCondition());
                }
                sb.add("; ");
                List<? extends ExpressionStatementTree> update = f.getUpdate();
                for (int i = 0; i < update.size(); i++) {
                    if (i > 0) {
                        sb.add(", ");
                    }
                    expr(update.get(i).getExpression());
                }
                sb.add(") ");
                loopBody(s, f.getStatement());
                return;
            }
            case ENHANCED_FOR_LOOP: {
                EnhancedForLoopTree f = (EnhancedForLoopTree) s;
                VariableTree v = f.getVariable();
                sb.add("for (");
                variableHead(v);
                sb.add(" : ");
                expr(f.getExpression());
                sb.add(") ");
                loopBody(s, f.getStatement());
                return;
            }
            case LABELED_STATEMENT: {
                LabeledStatementTree l = (LabeledStatementTree) s;
                sb.add(l.getLabel()).add(": ");
                labels.push(l.getLabel().toString());
                nesting.push(l);
                try {
                    StatementTree inner = l.getStatement();
                    if (inner instanceof BreakTree || inner instanceof ContinueTree || inner instanceof ReturnTree
                            || inner instanceof YieldTree) {
                        body(inner); // a rewritten jump may be several statements
                    } else {
                        stmt(inner);
                    }
                } finally {
                    nesting.pop();
                    labels.pop();
                }
                return;
            }
            case SWITCH: {
                SwitchTree sw = (SwitchTree) s;
                switchBlock(sw, sw.getExpression(), sw.getCases());
                return;
            }
            case TRY:
                tryStatement((TryTree) s);
                return;
            case SYNCHRONIZED: {
                SynchronizedTree sy = (SynchronizedTree) s;
                sb.add("synchronized (");
                expr(Trees2.unparen(sy.getExpression()));
                sb.add(") ");
                block(sy.getBlock());
                return;
            }
            case THROW:
                sb.add("throw ");
                expr(((ThrowTree) s).getExpression());
                sb.add(';');
                return;
            case RETURN:
                returnStatement((ReturnTree) s);
                return;
            case BREAK:
                breakStatement((BreakTree) s);
                return;
            case CONTINUE:
                continueStatement((ContinueTree) s);
                return;
            case YIELD:
                yieldStatement((YieldTree) s);
                return;
            case ASSERT: {
                AssertTree a = (AssertTree) s;
                sb.add("assert ");
                expr(a.getCondition());
                if (a.getDetail() != null) {
                    sb.add(" : ");
                    expr(a.getDetail());
                }
                sb.add(';');
                return;
            }
            case CLASS:
            case INTERFACE:
            case ENUM:
            case RECORD:
                localClass((ClassTree) s);
                return;
            default:
                throw unsupported(s, "the statement kind " + s.getKind());
        }
    }

    /** The body of an if or a loop; a single statement gets braces (its rewriting may need several). */
    void body(StatementTree s) {
        if (s instanceof BlockTree) {
            block((BlockTree) s);
        } else {
            sb.add('{');
            sb.indent();
            newline();
            stmt(s);
            sb.unindent();
            newline();
            sb.add('}');
        }
    }

    private void loopBody(Tree loop, StatementTree body) {
        nesting.push(loop);
        try {
            body(body);
        } finally {
            nesting.pop();
        }
    }

    void block(BlockTree b) {
        if (b.isStatic()) {
            sb.add("static ");
        }
        sb.add('{');
        sb.indent();
        for (StatementTree s : b.getStatements()) {
            newline();
            stmt(s);
        }
        sb.unindent();
        newline();
        sb.add('}');
    }

    private void localVariable(VariableTree v) {
        variableHead(v);
        if (v.getInitializer() != null) {
            sb.add(" = ");
            variableInitializer(v);
        }
        sb.add(';');
    }

    void variableHead(VariableTree v) {
        modifiers(v.getModifiers(), true);
        declaredType(v);
        sb.add(' ').add(localDeclName(v));
    }

    /** A declared type; {@code var} has no type tree before attribution. */
    private void declaredType(VariableTree v) {
        if (v.getType() == null) {
            sb.add("var");
        } else {
            printType(v.getType());
        }
    }

    /** An initializer; a bare array initializer {@code {1, 2}} stays bare in a declaration. */
    private void variableInitializer(VariableTree v) {
        expr(v.getInitializer());
    }

    private void binding(BindingPatternTree b) {
        VariableTree v = b.getVariable();
        modifiers(v.getModifiers(), true);
        declaredType(v);
        LocalVar local = analysis.declarations.get(b);
        if (local != null && local.hoisted) {
            // A binding kept in a field: bind a fresh local, then copy it to the field.
            String fresh = analysis.bindingTemp(local);
            sb.add(' ').add(fresh).add(" && bind(").add(local.emittedName).add(" = ").add(fresh)
                    .add(')');
            return;
        }
        sb.add(' ').add(localDeclName(v));
    }

    void caseTree(CaseTree c) {
        newline();
        List<? extends ExpressionTree> labelsOf = c.getExpressions();
        if (Trees2.hasPatternLabel(c) || Trees2.isDefault(c) && !labelsOf.isEmpty()) {
            // Java 21 labels: patterns, guards, "case null, default"
            caseLabels(Trees2.labels(c));
            ExpressionTree guard = Trees2.guard(c);
            if (guard != null) {
                sb.add(" when ");
                expr(guard);
            }
        } else if (labelsOf.isEmpty()) {
            sb.add("default");
        } else {
            sb.add("case ");
            for (int i = 0; i < labelsOf.size(); i++) {
                if (i > 0) {
                    sb.add(", ");
                }
                caseLabel(labelsOf.get(i));
            }
        }
        if (c.getCaseKind() == CaseTree.CaseKind.RULE) {
            sb.add(" -> ");
            Tree body = c.getBody();
            if (body instanceof BlockTree) {
                block((BlockTree) body);
            } else if (body instanceof StatementTree) {
                stmt(body);
            } else {
                expr(body);
                sb.add(';');
            }
        } else {
            sb.add(':');
            sb.indent();
            for (StatementTree st : c.getStatements()) {
                newline();
                stmt(st);
            }
            sb.unindent();
        }
    }

    private void caseLabels(List<? extends Tree> labels) {
        if (labels.size() == 1 && Trees2.isDefaultLabel(labels.get(0))) {
            sb.add("default");
            return;
        }
        sb.add("case ");
        for (int i = 0; i < labels.size(); i++) {
            if (i > 0) {
                sb.add(", ");
            }
            Tree label = labels.get(i);
            String kind = label.getKind().name();
            if (Trees2.isDefaultLabel(label)) {
                sb.add("default");
            } else if (kind.equals("CONSTANT_CASE_LABEL")) {
                caseLabel(Trees2.constantOf(label));
            } else if (kind.equals("PATTERN_CASE_LABEL")) {
                pattern(Trees2.patternOf(label));
            } else if (label instanceof ExpressionTree) {
                caseLabel((ExpressionTree) label); // before Java 21 a constant is its own label
            } else {
                pattern(label);
            }
        }
    }

    /** A pattern of a case label or of a record pattern: a type pattern, a record pattern or {@code _}. */
    void pattern(Tree p) {
        switch (p.getKind().name()) {
            case "BINDING_PATTERN": {
                BindingPatternTree b = (BindingPatternTree) p;
                LocalVar local = analysis.declarations.get(b);
                VariableTree v = b.getVariable();
                modifiers(v.getModifiers(), true);
                declaredType(v);
                if (local != null && local.hoisted) {
                    if (bindingsToCopy == null) {
                        throw new ProcessingFailure(b, "Weft cannot keep the binding '" + local.name + "' of this"
                                + " pattern across an await; copy it into a local variable first");
                    }
                    // A binding kept in a field: bind a fresh local, copied to the field after the pattern
                    // (x instanceof String sBound && bind(s = sBound)).
                    sb.add(' ').add(analysis.bindingTemp(local));
                    bindingsToCopy.add(local);
                    return;
                }
                sb.add(' ').add(local == null ? v.getName().toString() : local.emittedName);
                return;
            }
            case "DECONSTRUCTION_PATTERN": {
                printType(Trees2.deconstructorOf(p));
                sb.add('(');
                List<? extends Tree> nested = Trees2.nestedPatternsOf(p);
                for (int i = 0; i < nested.size(); i++) {
                    if (i > 0) {
                        sb.add(", ");
                    }
                    pattern(nested.get(i));
                }
                sb.add(')');
                return;
            }
            case "ANY_PATTERN":
                sb.add('_');
                return;
            default:
                throw unsupported(p, "this pattern");
        }
    }

    /**
     * A case constant. A bare name that is not a local or a constant field of the class is an
     * enum constant, which Java requires unqualified.
     */
    void caseLabel(ExpressionTree label) {
        if (label instanceof IdentifierTree && analysis.references.get(label) == null) {
            Member field = resolver.resolveField(((IdentifierTree) label).getName().toString());
            if (field == null || field.elements.get(0).getKind() == ElementKind.ENUM_CONSTANT) {
                sb.add(((IdentifierTree) label).getName());
                return;
            }
        }
        expr(label);
    }

    private void tryStatement(TryTree t) {
        sb.add("try ");
        List<? extends Tree> resources = t.getResources();
        if (!resources.isEmpty()) {
            sb.add('(');
            for (int i = 0; i < resources.size(); i++) {
                if (i > 0) {
                    sb.add("; ");
                }
                Tree r = resources.get(i);
                if (r instanceof VariableTree) {
                    VariableTree v = (VariableTree) r;
                    variableHead(v);
                    sb.add(" = ");
                    expr(v.getInitializer());
                } else {
                    LocalVar local = r instanceof IdentifierTree ? analysis.references.get(r) : null;
                    if (local != null && local.hoisted && mode == PrintMode.NATIVE) {
                        // A field is not an effectively final variable: name the resource again.
                        printLocalType(local);
                        sb.add(' ').add(analysis.names.fresh(local.name + "Resource")).add(" = ");
                    }
                    expr(r);
                }
            }
            sb.add(") ");
        }
        boolean protectedBody = t.getFinallyBlock() != null || !resources.isEmpty();
        if (protectedBody) {
            protectedDepth++;
        }
        block(t.getBlock());
        for (CatchTree c : t.getCatches()) {
            sb.add(" catch (");
            variableHead(c.getParameter());
            sb.add(") ");
            block(c.getBlock());
        }
        if (protectedBody) {
            protectedDepth--;
        }
        if (t.getFinallyBlock() != null) {
            sb.add(" finally ");
            block(t.getFinallyBlock());
        }
    }

    private void returnStatement(ReturnTree r) {
        if (captureDepth > 0 || exits == null) {
            sb.add("return");
            if (r.getExpression() != null) {
                sb.add(' ');
                expr(r.getExpression());
            }
            sb.add(';');
            return;
        }
        Code value = r.getExpression() == null ? null : capture(() -> expr(r.getExpression()));
        text(exit(exits.returnFrom(r, value)));
    }

    private void breakStatement(BreakTree b) {
        jumpStatement(b, "break", b.getLabel(), false);
    }

    private void continueStatement(ContinueTree c) {
        jumpStatement(c, "continue", c.getLabel(), true);
    }

    /** A break or continue: as written if it lands inside the printed code, rewritten otherwise. */
    private void jumpStatement(Tree jump, String keyword, javax.lang.model.element.Name labelName, boolean isContinue) {
        String label = labelName == null ? null : labelName.toString();
        if (captureDepth > 0 || exits == null || targetsPrintedCode(label, isContinue)) {
            sb.add(keyword);
            if (label != null) {
                sb.add(' ').add(label);
            }
            sb.add(';');
            return;
        }
        text(exit(exits.jump(jump, label, isContinue)));
    }

    private void yieldStatement(YieldTree y) {
        boolean local = false;
        for (Tree t : nesting) {
            if (t instanceof SwitchExpressionTree) {
                local = true;
                break;
            }
            if (t instanceof LambdaExpressionTree || t instanceof ClassTree) {
                break;
            }
        }
        if (local || exits == null) {
            sb.add("yield ");
            expr(y.getValue());
            sb.add(';');
            return;
        }
        text(exit(exits.yieldTo(y, capture(() -> expr(y.getValue())))));
    }

    /** Whether a break/continue lands inside the code being printed. */
    private boolean targetsPrintedCode(String label, boolean isContinue) {
        if (label != null) {
            return labels.contains(label);
        }
        for (Tree t : nesting) {
            if (t instanceof LambdaExpressionTree || t instanceof ClassTree) {
                return true;
            }
            if (t instanceof SwitchExpressionTree) {
                return true; // cannot break out of a switch expression: javac would have refused
            }
            if (t instanceof WhileLoopTree || t instanceof DoWhileLoopTree || t instanceof ForLoopTree
                    || t instanceof EnhancedForLoopTree || (!isContinue && t instanceof SwitchTree)) {
                return true;
            }
        }
        return false;
    }
}
