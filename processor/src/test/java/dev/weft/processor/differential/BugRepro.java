package dev.weft.processor.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import dev.weft.CoroutineFrame;
import dev.weft.EventLoop;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a hand-written class body (with a {@code main()} coroutine) as coroutines and as plain
 * Java, like the generated programs: in the plain version {@code @Coroutine} is dropped and
 * {@code await(later(e))} becomes {@code id((e))}. The body sees {@code Support}'s helpers
 * ({@code t(tag, value)} appends to the trace) and {@code Later.later}.
 */
final class BugRepro {
    private BugRepro() {
    }

    static String plainVersion(String body) {
        return body.replace("@Coroutine ", "").replace("await(later(", "id((");
    }

    static String source(String className, String body) {
        return GeneratedProgram.fileHead(className) + body + "\n}\n";
    }

    /** Compiles both versions; fails with the errors if either does not compile. */
    static ClassLoader compile(List<String> options, String body) {
        Compilation plain = BatchCompiler.compile(options, Map.of("t.P", source("P", plainVersion(body))));
        if (plain.status() != Compilation.Status.SUCCESS) {
            throw new IllegalArgumentException("the plain version is not valid Java:\n" + BatchCompiler.errors(plain));
        }
        Map<String, String> sources = new LinkedHashMap<>();
        sources.put("t.T", source("T", body));
        sources.put("t.P", source("P", plainVersion(body)));
        Compilation c = BatchCompiler.compile(options, sources);
        if (c.status() != Compilation.Status.SUCCESS) {
            throw new AssertionError("compilation failed:\n" + BatchCompiler.errors(c));
        }
        return BatchCompiler.load(c);
    }

    /** Asserts that {@code main()} returns or throws the same and leaves the same trace in both versions. */
    static void assertSameAsPlainJava(String body) throws Exception {
        assertSameAsPlainJava(List.of(), body);
    }

    static void assertSameAsPlainJava(List<String> options, String body) throws Exception {
        ClassLoader loader = compile(options, body);
        String plain = outcome(loader, () -> call(loader.loadClass("t.P"), "main"));
        String coroutine = outcome(loader, () -> {
            CoroutineFrame<?> frame = (CoroutineFrame<?>) call(loader.loadClass("t.TCoroutines"), "main");
            return EventLoop.withVirtualTime().runUntilComplete(frame);
        });
        assertEquals(plain, coroutine, "coroutine version (actual) vs plain Java (expected)");
    }

    private static Object call(Class<?> c, String name) throws Throwable {
        Method m = c.getDeclaredMethod(name);
        m.setAccessible(true);
        try {
            return m.invoke(null);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    static String outcome(ClassLoader loader, DifferentialRunner.Call call) throws Exception {
        @SuppressWarnings("unchecked")
        List<String> log = (List<String>) loader.loadClass(SupportSources.SUPPORT_NAME).getField("log").get(null);
        log.clear();
        String result;
        try {
            result = "returned " + call.call();
        } catch (Throwable e) {
            result = "threw " + DifferentialRunner.describe(e);
        }
        List<String> trace = new ArrayList<>(log);
        log.clear();
        return result + " " + trace;
    }
}
