package dev.weft.processor.validation;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import dev.weft.processor.model.Trees2;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.Diagnostic;

/**
 * Misuses of coroutines that only javac's types show, checked once javac has attributed a class:
 * <ul>
 *   <li>an expression statement whose value is an {@code Awaitable} other than a {@code Task}
 *       ({@code sleep(100);}, {@code queue.put(x);}, {@code lock.acquire();},
 *       {@code XCoroutines.m();}): nothing happens until it is awaited, so dropping it is an
 *       error that says to await it (or to spawn a coroutine object);
 *   <li>a call inside a coroutine that blocks the loop's thread ({@code Future.get},
 *       {@code CompletableFuture.join}, {@code Thread.sleep}, {@code Object.wait},
 *       {@code BlockingQueue.put/take}, {@code CountDownLatch.await}): a warning that says what to
 *       await instead, which {@code @SuppressWarnings("weft-blocking")} on the method (or its
 *       class) silences.
 * </ul>
 * Code inside lambdas and class bodies of a coroutine runs later, maybe on another thread: it
 * gets no blocking warning.
 */
public final class MisuseChecks {
    /** The key of {@code @SuppressWarnings} that silences the blocking-call warnings. */
    public static final String SUPPRESS_BLOCKING = "weft-blocking";

    /** A blocking method, what it is, and what to await instead. */
    private static final class Blocking {
        final String type;
        final String method;
        final String instead;

        Blocking(String type, String method, String instead) {
            this.type = type;
            this.method = method;
            this.instead = instead;
        }
    }

    private static final List<Blocking> BLOCKING = List.of(
            new Blocking("java.util.concurrent.CompletableFuture", "join",
                    "await(future): a coroutine awaits a CompletionStage without blocking"),
            new Blocking("java.util.concurrent.CompletableFuture", "get",
                    "await(future): a coroutine awaits a CompletionStage without blocking"),
            new Blocking("java.util.concurrent.Future", "get",
                    "a CompletionStage the worker completes, and await it (await(stage))"),
            new Blocking("java.lang.Thread", "sleep", "await(sleep(millis))"),
            new Blocking("java.lang.Object", "wait", "a dev.weft.Condition: await(condition)"),
            new Blocking("java.util.concurrent.BlockingQueue", "put",
                    "a dev.weft.AsyncQueue: await(queue.put(item))"),
            new Blocking("java.util.concurrent.BlockingQueue", "take", "a dev.weft.AsyncQueue: await(queue.get())"),
            new Blocking("java.util.concurrent.CountDownLatch", "await", "a dev.weft.CountdownLatch: await(latch)"));

    private final Elements elements;
    private final Types types;
    private final TypeMirror awaitable;
    private final TypeMirror task;
    /** What was reported: javac may analyze a member class on its own after its outer class. */
    private final Set<Tree> reported = Collections.newSetFromMap(new IdentityHashMap<>());

    public MisuseChecks(ProcessingEnvironment env) {
        this.elements = env.getElementUtils();
        this.types = env.getTypeUtils();
        this.awaitable = erasure("dev.weft.Awaitable");
        this.task = erasure("dev.weft.Task");
    }

    /** Whether the runtime is on the class path: without it there is nothing to misuse. */
    public boolean applies() {
        return awaitable != null && task != null;
    }

    /** Checks the attributed class at {@code classPath}, reporting through {@code trees}. */
    public void check(TreePath classPath, Trees trees) {
        CompilationUnitTree unit = classPath.getCompilationUnit();
        new CoroutineScopeScanner(trees) {
            @Override
            public Void visitExpressionStatement(ExpressionStatementTree node, Void p) {
                ExpressionTree e = Trees2.unparen(node.getExpression());
                TypeMirror type = trees.getTypeMirror(new TreePath(getCurrentPath(), e));
                // (an assignment keeps the value it has the type of: nothing is dropped)
                if (!(e instanceof AssignmentTree) && isDropped(type) && reported.add(e)) {
                    trees.printMessage(Diagnostic.Kind.ERROR, dropped(e, type), e, unit);
                }
                return super.visitExpressionStatement(node, p);
            }

            @Override
            public Void visitMethodInvocation(MethodInvocationTree node, Void p) {
                if (coroutine() != null && !Suppressions.suppressedAround(coroutine(), SUPPRESS_BLOCKING)) {
                    Element called = trees.getElement(getCurrentPath());
                    Blocking b = called instanceof ExecutableElement ? blocking((ExecutableElement) called) : null;
                    if (b != null && reported.add(node)) {
                        trees.printMessage(Diagnostic.Kind.WARNING, simpleName(b.type) + "." + b.method + " blocks the"
                                + " event loop's thread: no other task runs until it returns. Use " + b.instead
                                + ", or run the blocking call on another thread with await(toThread(() -> ...))"
                                + " (or @SuppressWarnings(\"" + SUPPRESS_BLOCKING + "\") on the method)", node, unit);
                    }
                }
                return super.visitMethodInvocation(node, p);
            }
        }.scan(classPath, null);
    }

    /** A value that does nothing until awaited: an {@code Awaitable} that is not a spawned {@code Task}. */
    private boolean isDropped(TypeMirror type) {
        if (type == null || type.getKind() != TypeKind.DECLARED) {
            return false;
        }
        TypeMirror erased = types.erasure(type);
        return types.isAssignable(erased, awaitable) && !types.isSameType(erased, task);
    }

    private String dropped(ExpressionTree e, TypeMirror type) {
        boolean coroutineObject = types.isAssignable(types.erasure(type), task);
        String what = e instanceof MethodInvocationTree ? "the value of " + callText((MethodInvocationTree) e)
                : "this " + simpleName(types.erasure(type).toString());
        if (coroutineObject) {
            return what + " is a coroutine object, dropped: its body never runs. Await it (await(...)) in a coroutine,"
                    + " run it with EventLoop.run(...), or start it as a task with spawn(...)";
        }
        return what + " is an Awaitable, dropped: nothing happens until it is awaited. Write await(...) around it";
    }

    /** {@code name(...)} or {@code x.name(...)}, as the user wrote the call's name. */
    private static String callText(MethodInvocationTree call) {
        return call.getMethodSelect().toString() + "(...)";
    }

    private Blocking blocking(ExecutableElement method) {
        Element owner = method.getEnclosingElement();
        if (!(owner instanceof TypeElement)) {
            return null;
        }
        TypeMirror ownerType = types.erasure(owner.asType());
        for (Blocking b : BLOCKING) {
            if (!method.getSimpleName().contentEquals(b.method)) {
                continue;
            }
            TypeMirror declaring = erasure(b.type);
            if (declaring != null && types.isAssignable(ownerType, declaring)) {
                return b;
            }
        }
        return null;
    }

    private TypeMirror erasure(String type) {
        TypeElement t = elements.getTypeElement(type);
        return t == null ? null : types.erasure(t.asType());
    }

    private static String simpleName(String qualified) {
        int lt = qualified.indexOf('<');
        String raw = lt < 0 ? qualified : qualified.substring(0, lt);
        return raw.substring(raw.lastIndexOf('.') + 1);
    }
}
