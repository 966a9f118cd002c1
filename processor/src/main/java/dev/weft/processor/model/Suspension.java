package dev.weft.processor.model;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import javax.lang.model.element.ExecutableElement;

/** A suspension point: an {@code await(...)}, or a call of another {@code @Coroutine} method. */
public final class Suspension {
    public enum Kind { AWAIT, COROUTINE_CALL }

    public final Kind kind;
    public final MethodInvocationTree call;
    /** For AWAIT: what is awaited. */
    public final ExpressionTree awaited;
    /** For COROUTINE_CALL: the called coroutine (one of its overloads). */
    public final ExecutableElement callee;
    /** For COROUTINE_CALL of an instance coroutine: an explicit receiver, or null for the own one. */
    public final ExpressionTree receiver;

    private Suspension(Kind kind, MethodInvocationTree call, ExpressionTree awaited, ExecutableElement callee,
            ExpressionTree receiver) {
        this.kind = kind;
        this.call = call;
        this.awaited = awaited;
        this.callee = callee;
        this.receiver = receiver;
    }

    public static Suspension await(MethodInvocationTree call) {
        return new Suspension(Kind.AWAIT, call, call.getArguments().get(0), null, null);
    }

    public static Suspension coroutineCall(MethodInvocationTree call, ExecutableElement callee,
            ExpressionTree receiver) {
        return new Suspension(Kind.COROUTINE_CALL, call, null, callee, receiver);
    }

    public boolean returnsVoid() {
        return callee != null && callee.getReturnType().getKind() == javax.lang.model.type.TypeKind.VOID;
    }
}
