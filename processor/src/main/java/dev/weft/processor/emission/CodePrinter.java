package dev.weft.processor.emission;

import dev.weft.processor.analysis.Analysis;
import dev.weft.processor.model.LocalVar;
import dev.weft.processor.model.Suspension;
import dev.weft.processor.model.Trees2;
import dev.weft.processor.resolution.NameResolver;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ParameterizedTypeTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.TypeElement;

/**
 * Prints a coroutine's trees back as Java source for the generated class, rewriting what must
 * change there: locals kept in fields, members of the user's class (qualified with the receiver
 * or the class name), static imports, {@code this}, and, for statements inside a lowered
 * construct, jumps and returns that leave the printed code.
 *
 * <p>In {@link PrintMode#NATIVE} the text is code that runs; in {@link PrintMode#WITNESS} it is a
 * witness: code javac types but the program never runs, where suspension points stay as they were
 * written.
 *
 * <p>This class holds the entry points and class bodies; the chain it extends prints the rest
 * (see {@link PrinterBase}).
 */
public final class CodePrinter extends StatementPrinter {
    public static final String INDENT = "    ";

    public CodePrinter(Analysis analysis, NameResolver resolver, PrintMode mode, Exits exits,
            Map<Tree, Code> replacements) {
        super(analysis, resolver, mode, exits, replacements);
    }

    /** Makes jumps out of native finally-protected code deferred (see {@link Deferral}). */
    public CodePrinter deferring(Deferral d) {
        this.deferral = d;
        return this;
    }

    /** Hoisted locals read inside lambda and class bodies printed so far: they need snapshots. */
    public Set<LocalVar> captures() {
        return captures;
    }

    public Code expression(Tree e) {
        return capture(() -> expr(e));
    }

    /**
     * {@code variable = value} where {@code variable} is a private field reached through accessors
     * (its receiver replaced by lowered code); {@code null} for any other variable.
     */
    public Code privateStore(ExpressionTree variable, Code value, ExpressionTree valueTree) {
        PrivateField field = privateField(variable);
        return field == null ? null : store(field, value, valueTree);
    }

    /** {@code ++variable}, {@code variable--}... on a private field reached through accessors; else {@code null}. */
    public Code privateIncrement(ExpressionTree variable, Tree.Kind kind) {
        PrivateField field = privateField(variable);
        return field == null ? null : increment(field, kind);
    }

    public Code statement(StatementTree s) {
        return capture(() -> stmt(s));
    }

    /** The type generated code declares {@code local} with (written, or derived for {@code var}). */
    public Code localType(LocalVar local) {
        return capture(() -> printLocalType(local));
    }

    public Code type(Tree t) {
        return capture(() -> printType(t));
    }

    /** The factory call that creates the coroutine object of a coroutine call. */
    public Code factoryCallText(MethodInvocationTree mi, Suspension s) {
        return capture(() -> factoryCall(mi, s, true));
    }

    /** {@code final Type name} of a variable declaration, as generated code declares it. */
    public Code declaration(VariableTree v) {
        return capture(() -> variableHead(v));
    }

    /** A case label as printed in a dispatching switch. */
    public Code caseLabelText(ExpressionTree label) {
        return capture(() -> caseLabel(label));
    }

    // ------------------------------------------------------------------ class bodies

    void classBody(ClassTree body, Tree supertype) {
        Set<String> names = Trees2.memberNames(body);
        if (supertype != null) {
            TypeElement superElement = resolver.resolveTypeExpression(
                    supertype instanceof ParameterizedTypeTree ? (ExpressionTree) ((ParameterizedTypeTree) supertype).getType()
                            : supertype instanceof ExpressionTree ? (ExpressionTree) supertype : null);
            if (superElement != null) {
                names.addAll(inheritedNames(superElement));
            }
        }
        classMembers.push(names);
        captureDepth++;
        nesting.push(body);
        try {
            sb.add('{');
            sb.indent();
            for (Tree member : body.getMembers()) {
                newline();
                classMember(member);
            }
            sb.unindent();
            newline();
            sb.add('}');
        } finally {
            nesting.pop();
            captureDepth--;
            classMembers.pop();
        }
    }

    void localClass(ClassTree c) {
        if (c.getKind() == Tree.Kind.ENUM) {
            throw unsupported(c, "a local enum");
        }
        modifiers(c.getModifiers(), true);
        switch (c.getKind()) {
            case INTERFACE: sb.add("interface "); break;
            case RECORD: sb.add("record "); break;
            default: sb.add("class "); break;
        }
        sb.add(c.getSimpleName());
        typeParameters(c.getTypeParameters());
        if (c.getKind() == Tree.Kind.RECORD) {
            throw unsupported(c, "a local record");
        }
        if (c.getExtendsClause() != null) {
            sb.add(" extends ");
            printType(c.getExtendsClause());
        }
        List<? extends Tree> impl = c.getImplementsClause();
        if (!impl.isEmpty()) {
            sb.add(c.getKind() == Tree.Kind.INTERFACE ? " extends " : " implements ");
            for (int i = 0; i < impl.size(); i++) {
                if (i > 0) {
                    sb.add(", ");
                }
                printType(impl.get(i));
            }
        }
        sb.add(' ');
        classBody(c, c.getExtendsClause());
    }

    private void classMember(Tree m) {
        if (m instanceof VariableTree) {
            VariableTree v = (VariableTree) m;
            modifiers(v.getModifiers(), true);
            printType(v.getType());
            sb.add(' ').add(v.getName());
            if (v.getInitializer() != null) {
                sb.add(" = ");
                expr(v.getInitializer());
            }
            sb.add(';');
        } else if (m instanceof MethodTree) {
            MethodTree mt = (MethodTree) m;
            modifiers(mt.getModifiers(), true);
            typeParameters(mt.getTypeParameters());
            if (!mt.getTypeParameters().isEmpty()) {
                sb.add(' ');
            }
            boolean constructor = mt.getName().contentEquals("<init>");
            if (constructor) {
                sb.add(((ClassTree) nesting.peek()).getSimpleName());
            } else {
                printType(mt.getReturnType());
                sb.add(' ').add(mt.getName());
            }
            sb.add('(');
            List<? extends VariableTree> params = mt.getParameters();
            for (int i = 0; i < params.size(); i++) {
                if (i > 0) {
                    sb.add(", ");
                }
                VariableTree p = params.get(i);
                modifiers(p.getModifiers(), true);
                printType(p.getType());
                sb.add(' ').add(localDeclName(p));
            }
            sb.add(')');
            List<? extends ExpressionTree> thrown = mt.getThrows();
            for (int i = 0; i < thrown.size(); i++) {
                sb.add(i == 0 ? " throws " : ", ");
                printType(thrown.get(i));
            }
            if (mt.getBody() == null) {
                sb.add(';');
            } else {
                sb.add(' ');
                nesting.push(mt);
                try {
                    block(mt.getBody());
                } finally {
                    nesting.pop();
                }
            }
        } else if (m instanceof BlockTree) {
            block((BlockTree) m);
        } else if (m instanceof ClassTree) {
            localClass((ClassTree) m);
        } else {
            throw unsupported(m, "this class member");
        }
    }
}
