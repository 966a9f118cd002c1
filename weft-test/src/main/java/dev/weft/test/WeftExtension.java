package dev.weft.test;

import dev.weft.CoroutineFrame;
import dev.weft.Schedule;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

/**
 * Runs a {@link WeftTest} method: instead of calling it, calls the coroutine factory the Weft
 * processor generated for it ({@code XCoroutines.method(testInstance)}) and runs the coroutine
 * on virtual-time loops, under the schedules the annotation asks for.
 */
public final class WeftExtension implements InvocationInterceptor {
    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> context,
                                    ExtensionContext extension) throws Throwable {
        invocation.skip();
        Method method = context.getExecutable();
        WeftTest config = method.getAnnotation(WeftTest.class);
        Supplier<CoroutineFrame<?>> test = factory(method, context.getTarget().orElse(null));
        String replay = config.replay().isEmpty() ? System.getProperty("weft.replay", "") : config.replay();
        if (!replay.isEmpty()) {
            TestRun run = TestRun.of(test, Schedule.replay(replay));
            if (run.failed()) {
                throw new AssertionError("the replayed schedule \"" + replay + "\" failed: " + run.failure
                        + "\n  tasks when it failed:" + (run.dump.isEmpty() ? " none left"
                                : "\n    " + run.dump.replace("\n", "\n    ")), run.failure);
            }
            return;
        }
        Exploration.Result result = new Exploration(test, config.strategy(), config.schedules(), config.depth(),
                config.seed()).explore();
        if (result.failing != null) {
            throw Exploration.report(test, result);
        }
    }

    /** The generated factory of {@code method}, called on {@code instance}: a new coroutine object per call. */
    static Supplier<CoroutineFrame<?>> factory(Method method, Object instance) {
        Class<?> declaring = method.getDeclaringClass();
        List<String> names = new ArrayList<>();
        for (Class<?> c = declaring; c != null; c = c.getEnclosingClass()) {
            names.add(c.getSimpleName());
        }
        Collections.reverse(names);
        String pkg = declaring.getPackage() == null ? "" : declaring.getPackage().getName();
        String generated = (pkg.isEmpty() ? "" : pkg + ".") + String.join("_", names) + "Coroutines";
        boolean isStatic = Modifier.isStatic(method.getModifiers());
        Method factory;
        try {
            Class<?> g = Class.forName(generated, true, declaring.getClassLoader());
            factory = isStatic ? g.getDeclaredMethod(method.getName()) : g.getDeclaredMethod(method.getName(), declaring);
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            throw new IllegalStateException(method + " is a @WeftTest but has no coroutine factory (" + generated + "."
                    + method.getName() + "): annotate it with @Coroutine too, take no parameters, and put the Weft"
                    + " processor on the test compilation's annotation processor path", e);
        }
        factory.setAccessible(true);
        return () -> {
            try {
                return (CoroutineFrame<?>) (isStatic ? factory.invoke(null) : factory.invoke(null, instance));
            } catch (InvocationTargetException e) {
                throw new IllegalStateException("the coroutine factory of " + method + " failed", e.getCause());
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot call the coroutine factory of " + method, e);
            }
        };
    }
}
