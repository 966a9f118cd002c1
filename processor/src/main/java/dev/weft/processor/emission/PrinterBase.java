package dev.weft.processor.emission;

import dev.weft.processor.analysis.Analysis;
import dev.weft.processor.model.LocalVar;
import dev.weft.processor.model.Messages;
import dev.weft.processor.model.Names;
import dev.weft.processor.model.ProcessingFailure;
import dev.weft.processor.resolution.NameResolver;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.ModifiersTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * What every part of the printer shares: the output being built, where printing is (nesting,
 * labels, lambda and class bodies, protected try blocks), and the hooks by which one part prints
 * what another owns. The parts form a chain, each adding one concern: {@link TypePrinter} (types
 * and annotations), {@link NamePrinter} (names and what they are qualified with),
 * {@link ExpressionPrinter}, {@link StatementPrinter}, and {@link CodePrinter} (class bodies and
 * the entry points).
 */
abstract class PrinterBase {
    final Analysis analysis;
    final NameResolver resolver;
    final PrintMode mode;
    final Exits exits;
    final Map<Tree, Code> replacements;
    /** Where printing appends; {@link #capture} swaps it. */
    Code.Builder sb = new Code.Builder();
    /** Statements and boundaries entered while printing, to tell local jumps from leaving ones. */
    final Deque<Tree> nesting = new ArrayDeque<>();
    /** Labels declared inside the printed code. */
    final Deque<String> labels = new ArrayDeque<>();
    /** Depth inside lambda bodies and class bodies (where captured locals are snapshots). */
    int captureDepth;
    /** Names of members of anonymous and local class bodies being printed (they shadow). */
    final Deque<Set<String>> classMembers = new ArrayDeque<>();
    final Set<LocalVar> captures = new LinkedHashSet<>();
    /** Inside the pattern of an instanceof: bindings kept in fields, copied after the pattern. */
    List<LocalVar> bindingsToCopy;
    /** Depth inside the blocks of native try statements that have a finally or resources. */
    int protectedDepth;
    Deferral deferral;
    /** Set while printing the type of a class literal, which names the raw class. */
    boolean rawTypes;

    PrinterBase(Analysis analysis, NameResolver resolver, PrintMode mode, Exits exits,
            Map<Tree, Code> replacements) {
        this.analysis = analysis;
        this.resolver = resolver;
        this.mode = mode;
        this.exits = exits;
        this.replacements = replacements;
    }

    /** An exit's code, deferred if it leaves a native try that has a finally block or resources. */
    Code exit(Exit exit) {
        if (protectedDepth == 0 || deferral == null || exit.target == null) {
            return exit.code(); // a return without finally blocks to run: returning is fine
        }
        deferral.used = true;
        return Code.of(exit.setup, deferral.variable, " = ", exit.target, "; break ", deferral.label, ";");
    }

    /** The code {@code print} appends, printed on its own. */
    Code capture(Runnable print) {
        Code.Builder outer = sb;
        sb = new Code.Builder();
        try {
            print.run();
            return sb.build();
        } finally {
            sb = outer;
        }
    }

    // ------------------------------------------------------------------ output helpers

    /** Ends the line; JavaPoet indents the next one as the markers of {@code sb} say. */
    void newline() {
        sb.add('\n');
    }

    /** Appends lowered code, whose lines JavaPoet indents to where it stands. */
    void text(Code c) {
        sb.add(c);
    }

    ProcessingFailure unsupported(Tree t, String what) {
        return new ProcessingFailure(t, Messages.unsupported(what));
    }

    /**
     * Names that do not mean in the code being printed what they mean in the coroutine body: the
     * members of a class body being printed, and {@code this} there.
     */
    boolean hidden(String name) {
        return insideClassBody() && (name.equals("this") || shadowedByClassMember(name));
    }

    boolean insideClassBody() {
        return !classMembers.isEmpty();
    }

    boolean shadowedByClassMember(String name) {
        for (Set<String> members : classMembers) {
            if (members.contains(name)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a type name means a type variable, a local class, or a member of a class body being printed. */
    boolean staysAsWritten(String name) {
        return analysis.typeVariables.contains(name) || analysis.localClasses.contains(name)
                || shadowedByClassMember(name);
    }

    String localDeclName(VariableTree v) {
        LocalVar local = analysis.declarations.get(v);
        return local != null ? local.emittedName : v.getName().length() == 0 ? Analysis.UNNAMED : v.getName().toString();
    }

    Set<String> inheritedNames(TypeElement type) {
        Set<String> names = new HashSet<>();
        for (Element e : resolver.membersOf(type)) {
            names.add(e.getSimpleName().toString());
        }
        return names;
    }

    /** Appends an expression. */
    abstract void expr(Tree t);

    /** Appends a simple name; {@code typeContext}: where only a type can stand. */
    abstract void identifier(IdentifierTree id, boolean typeContext);

    /** Appends an array creation or a bare array initializer. */
    abstract void newArray(NewArrayTree na);

    /** Appends a type. */
    abstract void printType(Tree t);

    /** Appends a statement. */
    abstract void stmt(Tree s);

    /** Appends a block. */
    abstract void block(BlockTree b);

    /** Appends a case of a switch, on a new line. */
    abstract void caseTree(CaseTree c);

    /** Appends a pattern. */
    abstract void pattern(Tree p);

    /** Appends the body of an anonymous or local class; {@code supertype} is what it extends, if known. */
    abstract void classBody(ClassTree body, Tree supertype);

    /** Appends a local class declaration. */
    abstract void localClass(ClassTree c);

    /** Appends annotations and modifiers; {@code final} only if {@code keepFinal}. */
    abstract void modifiers(ModifiersTree m, boolean keepFinal);
}
