package dev.weft.processor.analysis;

import dev.weft.processor.model.OwnCodeScanner;
import dev.weft.processor.model.Trees2;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.WhileLoopTree;
import java.util.List;

/**
 * Whether a statement can complete normally, by the rules of JLS 14.22, which javac applies to the
 * generated code too: after a statement that cannot, generated code must add nothing (it would be
 * unreachable), and after one that can, it must jump to the next state. The answer is
 * {@link Completion#MAYBE} when it hangs on a loop condition that may be a constant expression the
 * processor cannot evaluate without types.
 */
public final class Reachability {
    public enum Completion {
        YES, NO, MAYBE;

        Completion or(Completion other) {
            if (this == YES || other == YES) {
                return YES;
            }
            return this == MAYBE || other == MAYBE ? MAYBE : NO;
        }

        static Completion of(boolean b) {
            return b ? YES : NO;
        }
    }

    /** Decides whether a condition is the constant {@code true}. */
    public interface ConstantTruth {
        /** YES: constant true; NO: not a constant, or constant false; MAYBE: cannot tell. */
        Completion isConstantTrue(ExpressionTree condition);
    }

    private final ConstantTruth constants;

    public Reachability(ConstantTruth constants) {
        this.constants = constants;
    }

    public Completion canCompleteNormally(Tree s) {
        switch (s.getKind()) {
            case BLOCK: {
                List<? extends StatementTree> stmts = ((BlockTree) s).getStatements();
                return stmts.isEmpty() ? Completion.YES : canCompleteNormally(stmts.get(stmts.size() - 1));
            }
            case LABELED_STATEMENT: {
                LabeledStatementTree l = (LabeledStatementTree) s;
                return canCompleteNormally(l.getStatement())
                        .or(Completion.of(breaksOut(l.getStatement(), l.getLabel().toString(), l)));
            }
            case IF: {
                IfTree i = (IfTree) s;
                if (i.getElseStatement() == null) {
                    return Completion.YES;
                }
                return canCompleteNormally(i.getThenStatement()).or(canCompleteNormally(i.getElseStatement()));
            }
            case WHILE_LOOP: {
                WhileLoopTree w = (WhileLoopTree) s;
                return loop(constants.isConstantTrue(w.getCondition()), breaksOut(w.getStatement(), null, s));
            }
            case DO_WHILE_LOOP: {
                DoWhileLoopTree d = (DoWhileLoopTree) s;
                if (breaksOut(d.getStatement(), null, s)) {
                    return Completion.YES;
                }
                Completion bodyEnds = canCompleteNormally(d.getStatement())
                        .or(Completion.of(continues(d.getStatement(), s)));
                if (bodyEnds == Completion.NO) {
                    return Completion.NO;
                }
                Completion forever = constants.isConstantTrue(d.getCondition());
                if (forever == Completion.YES) {
                    return Completion.NO;
                }
                return forever == Completion.MAYBE || bodyEnds == Completion.MAYBE ? Completion.MAYBE : Completion.YES;
            }
            case FOR_LOOP: {
                ForLoopTree f = (ForLoopTree) s;
                Completion forever = f.getCondition() == null ? Completion.YES : constants.isConstantTrue(f.getCondition());
                return loop(forever, breaksOut(f.getStatement(), null, s));
            }
            case ENHANCED_FOR_LOOP:
                return Completion.YES;
            case SWITCH:
                return switchCompletes((SwitchTree) s);
            case SYNCHRONIZED:
                return canCompleteNormally(((SynchronizedTree) s).getBlock());
            case TRY: {
                TryTree t = (TryTree) s;
                Completion body = canCompleteNormally(t.getBlock());
                for (CatchTree c : t.getCatches()) {
                    body = body.or(canCompleteNormally(c.getBlock()));
                }
                if (t.getFinallyBlock() == null) {
                    return body;
                }
                Completion fin = canCompleteNormally(t.getFinallyBlock());
                if (fin == Completion.NO || body == Completion.NO) {
                    return Completion.NO;
                }
                return fin == Completion.MAYBE || body == Completion.MAYBE ? Completion.MAYBE : Completion.YES;
            }
            case RETURN:
            case THROW:
            case BREAK:
            case CONTINUE:
            case YIELD:
                return Completion.NO;
            default:
                return Completion.YES;
        }
    }

    private static Completion loop(Completion forever, boolean breaks) {
        if (breaks || forever == Completion.NO) {
            return Completion.YES;
        }
        return forever == Completion.YES ? Completion.NO : Completion.MAYBE;
    }

    private Completion switchCompletes(SwitchTree sw) {
        List<? extends CaseTree> cases = sw.getCases();
        boolean hasDefault = false;
        for (CaseTree c : cases) {
            if (Trees2.isDefault(c) || Trees2.hasPatternLabel(c) || hasNullLabel(c)) {
                // with a pattern or null label the switch is enhanced: javac requires it exhaustive
                hasDefault = true;
            }
        }
        if (!hasDefault || cases.isEmpty() || breaksOut(sw, null, sw)) {
            return Completion.YES;
        }
        CaseTree last = cases.get(cases.size() - 1);
        if (last.getCaseKind() == CaseTree.CaseKind.RULE) {
            Completion any = Completion.NO;
            for (CaseTree c : cases) {
                Tree body = c.getBody();
                if (body instanceof ExpressionTree || body instanceof ExpressionStatementTree) {
                    return Completion.YES; // a rule "case X -> expression;" completes normally
                }
                if (body instanceof BlockTree) {
                    any = any.or(canCompleteNormally(body));
                }
            }
            return any;
        }
        List<? extends StatementTree> stmts = last.getStatements();
        return stmts.isEmpty() ? Completion.YES : canCompleteNormally(stmts.get(stmts.size() - 1));
    }

    private static boolean hasNullLabel(CaseTree c) {
        for (ExpressionTree e : c.getExpressions()) {
            if (e.getKind() == Tree.Kind.NULL_LITERAL) {
                return true;
            }
        }
        return false;
    }

    /** Whether a break inside {@code body} exits {@code target} (labeled, or the innermost loop/switch). */
    private static boolean breaksOut(Tree body, String label, Tree target) {
        return new JumpFinder(target) {
            @Override
            public Void visitBreak(BreakTree node, Integer depth) {
                if (label != null ? node.getLabel() != null && node.getLabel().contentEquals(label)
                        : node.getLabel() == null && depth == 0) {
                    found = true;
                }
                return null;
            }
        }.find(body);
    }

    /** Whether an unlabeled or possibly matching continue inside {@code body} continues {@code loop}. */
    private static boolean continues(Tree body, Tree loop) {
        return new JumpFinder(loop) {
            @Override
            public Void visitContinue(ContinueTree node, Integer depth) {
                if (node.getLabel() != null || depth == 0) {
                    found = true; // conservative: a labeled continue may target this loop
                }
                return null;
            }
        }.find(body);
    }

    /**
     * Scans for jumps, counting the loops and switches entered (their unlabeled breaks are
     * theirs) and skipping lambda and class bodies.
     */
    private abstract static class JumpFinder extends OwnCodeScanner<Void, Integer> {
        private final Tree target;
        boolean found;

        JumpFinder(Tree target) {
            this.target = target;
        }

        boolean find(Tree body) {
            scan(body, 0);
            return found;
        }

        @Override
        public Void visitWhileLoop(WhileLoopTree node, Integer depth) {
            return super.visitWhileLoop(node, depth + 1);
        }

        @Override
        public Void visitDoWhileLoop(DoWhileLoopTree node, Integer depth) {
            return super.visitDoWhileLoop(node, depth + 1);
        }

        @Override
        public Void visitForLoop(ForLoopTree node, Integer depth) {
            return super.visitForLoop(node, depth + 1);
        }

        @Override
        public Void visitEnhancedForLoop(EnhancedForLoopTree node, Integer depth) {
            return super.visitEnhancedForLoop(node, depth + 1);
        }

        @Override
        public Void visitSwitch(SwitchTree node, Integer depth) {
            return super.visitSwitch(node, node == target ? depth : depth + 1);
        }

        @Override
        public Void visitSwitchExpression(SwitchExpressionTree node, Integer depth) {
            return super.visitSwitchExpression(node, depth + 1);
        }
    }

    /** Literal {@code true}, possibly parenthesized. */
    public static boolean isLiteralTrue(ExpressionTree e) {
        while (e instanceof ParenthesizedTree) {
            e = ((ParenthesizedTree) e).getExpression();
        }
        return e instanceof LiteralTree && Boolean.TRUE.equals(((LiteralTree) e).getValue());
    }
}
