package dev.weft.processor.validation;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import dev.weft.processor.model.Signatures;
import dev.weft.processor.resolution.GeneratedNames;
import dev.weft.processor.resolution.NameResolver;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * Every call of a {@code @Coroutine} method, checked once javac has attributed the class that
 * makes it, against what the processor compiled. The processor resolves calls without javac's
 * types: a call it did not recognize would run the coroutine as a plain method. So:
 * <ul>
 *   <li>inside a coroutine, a call that javac resolved to a {@code @Coroutine} method but that
 *       Weft compiled as a plain call is an error that names the method and the fix;
 *   <li>in plain code (a plain method, a lambda, a class body or an initializer), a call of a
 *       {@code @Coroutine} method is an error that shows the factory to use, unless a declaration
 *       around it (a local variable, the method, a class) says
 *       {@code @SuppressWarnings("weft-plain-call")}: the plain call is meant.
 * </ul>
 */
public final class CallChecks {
    /** The key of {@code @SuppressWarnings} that allows a plain call of a coroutine. */
    public static final String SUPPRESS_PLAIN_CALL = "weft-plain-call";

    /** The calls the processor compiled as coroutine calls. */
    private final Set<Tree> compiledCalls = Collections.newSetFromMap(new IdentityHashMap<>());
    /** What was reported: javac may analyze a member class on its own after its outer class. */
    private final Set<Tree> reported = Collections.newSetFromMap(new IdentityHashMap<>());

    /** Records that the processor compiled {@code call} as a call of a coroutine. */
    public void compiledAsCoroutineCall(Tree call) {
        compiledCalls.add(call);
    }

    /** Checks the attributed class at {@code classPath}, reporting through {@code trees}. */
    public void check(TreePath classPath, Trees trees) {
        CompilationUnitTree unit = classPath.getCompilationUnit();
        new CoroutineScopeScanner(trees) {
            @Override
            public Void visitMethodInvocation(MethodInvocationTree node, Void p) {
                Element called = trees.getElement(getCurrentPath());
                if (called instanceof ExecutableElement && NameResolver.isCoroutine(called)
                        && !compiledCalls.contains(node) && !reported.contains(node)) {
                    ExecutableElement coroutine = (ExecutableElement) called;
                    if (coroutine() != null) {
                        reported.add(node);
                        trees.printMessage(Diagnostic.Kind.ERROR, unrecognized(coroutine), node, unit);
                    } else if (!suppressed(trees, getCurrentPath())) {
                        reported.add(node);
                        trees.printMessage(Diagnostic.Kind.ERROR, plainCall(coroutine), node, unit);
                    }
                }
                return super.visitMethodInvocation(node, p);
            }
        }.scan(classPath, null);
    }

    private static String unrecognized(ExecutableElement coroutine) {
        String name = describe(coroutine);
        return "Weft compiled this call of the @Coroutine method " + name + " as a plain call: it resolves calls"
                + " without javac's types, and cannot tell the receiver's class here. As it is, the call would run "
                + coroutine.getSimpleName() + " as plain Java. Give the receiver a type Weft sees (a local, field or"
                + " parameter declared as " + coroutine.getEnclosingElement().getSimpleName() + "), or await the"
                + " factory: await(" + factory(coroutine) + ")";
    }

    private static String plainCall(ExecutableElement coroutine) {
        return "this plain code calls the @Coroutine method " + describe(coroutine) + ", which then runs as plain"
                + " Java (an await of something not yet complete throws). Run it as a coroutine: EventLoop.run("
                + factory(coroutine) + "), spawn(" + factory(coroutine) + ") in a coroutine, or call it from a"
                + " @Coroutine method; if the plain call is meant, put @SuppressWarnings(\"" + SUPPRESS_PLAIN_CALL
                + "\") on the declaration around it";
    }

    /** {@code Bank.transfer(Account, long)}. */
    private static String describe(ExecutableElement coroutine) {
        return coroutine.getEnclosingElement().getSimpleName() + "." + Signatures.signature(coroutine);
    }

    /** {@code BankCoroutines.transfer(bank, ...)}: the factory call, the receiver first for an instance method. */
    private static String factory(ExecutableElement coroutine) {
        TypeElement owner = (TypeElement) coroutine.getEnclosingElement();
        boolean isStatic = coroutine.getModifiers().contains(Modifier.STATIC);
        String receiver = isStatic ? "" : decapitalize(owner.getSimpleName().toString())
                + (coroutine.getParameters().isEmpty() ? "" : ", ");
        return GeneratedNames.simpleName(owner) + "." + coroutine.getSimpleName() + "(" + receiver
                + (coroutine.getParameters().isEmpty() ? "" : "...") + ")";
    }

    private static String decapitalize(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    /** Whether a declaration around the call (a variable, method or class) allows plain calls. */
    private static boolean suppressed(Trees trees, TreePath call) {
        for (TreePath p = call; p != null; p = p.getParentPath()) {
            Tree.Kind kind = p.getLeaf().getKind();
            if (kind != Tree.Kind.VARIABLE && kind != Tree.Kind.METHOD && !(p.getLeaf() instanceof ClassTree)) {
                continue;
            }
            Element e = trees.getElement(p);
            if (e != null && Suppressions.suppresses(e, SUPPRESS_PLAIN_CALL)) {
                return true;
            }
        }
        return false;
    }
}
