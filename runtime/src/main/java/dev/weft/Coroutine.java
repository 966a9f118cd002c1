package dev.weft;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method whose body the Weft annotation processor compiles into a state machine.
 *
 * <p>The method stays ordinary Java: it is written sequentially and calls
 * {@link Weft#await(Awaitable)} where it waits. For every class that declares such methods the
 * processor generates {@code <SimpleName>Coroutines} in the same package, with one static factory
 * per coroutine (same name, type parameters and parameters; instance methods take the receiver
 * first). The factory returns a {@link CoroutineFrame}: run it with
 * {@link EventLoop#runUntilComplete(CoroutineFrame)}, start it as a task with
 * {@link Weft#spawn(CoroutineFrame)}, or await it from another coroutine.
 *
 * <p>Inside a coroutine, a direct call to another {@code @Coroutine} method (unqualified,
 * {@code this.m()} or {@code ClassName.m()}) runs it inline, in the same task, like a Kotlin
 * {@code suspend} call.
 *
 * <p>Only methods can be coroutines. The annotation is also allowed on constructors so that the
 * processor, rather than javac, reports that one: an error javac reports before annotation
 * processing would stop it from generating the other coroutines of the build.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.CONSTRUCTOR})
public @interface Coroutine {
}
