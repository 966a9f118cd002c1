package dev.weft.processor;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import javax.lang.model.element.ExecutableElement;

/** A suspension point: an {@code await(...)}, or a call of another {@code @Coroutine} method. */
final class Suspension {
    enum Kind { AWAIT, COROUTINE_CALL }

    final Kind kind;
    final MethodInvocationTree call;
    /** For AWAIT: what is awaited. */
    final ExpressionTree awaited;
    /** For COROUTINE_CALL: the called coroutine (one of its overloads). */
    final ExecutableElement callee;
    /** For COROUTINE_CALL: how generated code names the class with the callee's factory. */
    final String factoryClass;
    /** For COROUTINE_CALL of an instance coroutine: an explicit receiver, or null for the own one. */
    final ExpressionTree receiver;

    private Suspension(Kind kind, MethodInvocationTree call, ExpressionTree awaited, ExecutableElement callee,
            String factoryClass, ExpressionTree receiver) {
        this.kind = kind;
        this.call = call;
        this.awaited = awaited;
        this.callee = callee;
        this.factoryClass = factoryClass;
        this.receiver = receiver;
    }

    static Suspension await(MethodInvocationTree call) {
        return new Suspension(Kind.AWAIT, call, call.getArguments().get(0), null, null, null);
    }

    static Suspension coroutineCall(MethodInvocationTree call, ExecutableElement callee, String factoryClass,
            ExpressionTree receiver) {
        return new Suspension(Kind.COROUTINE_CALL, call, null, callee, factoryClass, receiver);
    }

    boolean returnsVoid() {
        return callee != null && callee.getReturnType().getKind() == javax.lang.model.type.TypeKind.VOID;
    }
}
