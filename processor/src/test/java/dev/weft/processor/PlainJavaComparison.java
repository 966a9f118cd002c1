package dev.weft.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

/**
 * Compiles a body twice: as coroutines (class {@code t.T}), where {@code await(later(x))} really
 * suspends, and as plain Java (class {@code t.P}), where it is {@code id((x))} and
 * {@code await(failLater(e))} throws {@code e}. Both record their evaluation order in {@code log}
 * through {@code t(tag, value)}; the traces, results and exceptions must be equal.
 */
final class PlainJavaComparison {
    static final String HELPERS = String.join("\n",
            "    static List<String> log = new ArrayList<>();",
            "    static <V> V t(String tag, V v) { log.add(tag); return v; }",
            "    static <V> V id(V v) { return v; }",
            "    @SuppressWarnings(\"unchecked\") static <V, E extends Throwable> V rethrow(Throwable e) throws E { throw (E) e; }",
            "    static final class TracedResource implements AutoCloseable {",
            "        final String name; final boolean failClose;",
            "        TracedResource(String name, boolean failClose) { this.name = name; this.failClose = failClose; log.add(\"open \" + name); }",
            "        @Override public void close() { log.add(\"close \" + name); if (failClose) throw new IllegalStateException(\"close \" + name); }",
            "    }",
            "");

    private PlainJavaComparison() {
    }

    static String plainVersion(String body) {
        return body.replace("@Coroutine", "").replace("await(later(", "id((").replace("await(failLater(", "rethrow((");
    }

    /** Runs {@code main()} of both versions; returns the coroutine version's outcome. */
    static String assertSameAsPlainJava(String body) throws Throwable {
        return assertSameAsPlainJava(List.of(), body);
    }

    static String assertSameAsPlainJava(List<String> options, String body) throws Throwable {
        String coroutines = CoroutineCompiler.classT(HELPERS + body);
        String plain = CoroutineCompiler.classT(HELPERS + plainVersion(body)).replace("public class T", "public class P");
        ClassLoader loader = CoroutineCompiler.compileAndLoad(options, coroutines, plain);
        String expected = outcome(() -> CoroutineCompiler.callStatic(loader, "t.P", "main"), loader, "t.P");
        String actual = outcome(() -> CoroutineCompiler.run(loader, "t.TCoroutines", "main"), loader, "t.T");
        assertEquals(expected, actual, "coroutine vs plain Java");
        return actual;
    }

    interface Call {
        Object call() throws Throwable;
    }

    @SuppressWarnings("unchecked")
    private static String outcome(Call call, ClassLoader loader, String cls) throws Throwable {
        String result;
        try {
            result = "returned " + call.call();
        } catch (Throwable e) {
            result = "threw " + e.getClass().getName() + ": " + e.getMessage();
        }
        java.lang.reflect.Field field = loader.loadClass(cls).getDeclaredField("log");
        field.setAccessible(true);
        List<String> log = (List<String>) field.get(null);
        return result + " " + log;
    }
}
