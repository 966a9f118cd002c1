package dev.weft.processor.differential;

/**
 * The helper classes every generated program compiles against, in package {@code t}: {@code Later}
 * (awaitables that complete, or fail, on a later loop iteration, so an await really suspends) and
 * {@code Support} (the shared trace, tracing and plain helper methods, a resource and an enum).
 * Both versions of a program use the same {@code Support}; the runner clears its log between runs.
 * Everything here is Java 8 source, so the {@code --release 8} configuration can compile it.
 */
final class SupportSources {
    static final String LATER_NAME = "t.Later";

    static final String LATER = """
            package t;
            import dev.weft.*;
            public final class Later {
                private Later() {}
                public static <T> Awaitable<T> later(T value) {
                    Promise<T> p = new Promise<>();
                    EventLoop.current().callSoon(() -> p.complete(value));
                    return p;
                }
                public static <T> Awaitable<T> failLater(Throwable failure) {
                    Promise<T> p = new Promise<>();
                    EventLoop.current().callSoon(() -> p.fail(failure));
                    return p;
                }
            }
            """;

    static final String SUPPORT_NAME = "t.Support";

    /** Past this many trace entries a program is stopped (the same way in both versions). */
    static final int FUEL = 200_000;

    static final String SUPPORT = """
            package t;
            import java.util.*;
            public final class Support {
                private Support() {}
                public static final List<String> log = new ArrayList<>();
                public enum Color { RED, GREEN, BLUE }
                static void add(String entry) {
                    if (log.size() >= %d) throw new Error("fuel exhausted");
                    log.add(entry);
                }
                public static int t(String tag, int v) { add(tag + "=" + v); return v; }
                public static long t(String tag, long v) { add(tag + "=" + v + "L"); return v; }
                public static boolean t(String tag, boolean v) { add(tag + "=" + v); return v; }
                public static String t(String tag, String v) { add(tag + "=" + v); return v; }
                public static <V> V id(V v) { return v; }
                @SuppressWarnings("unchecked")
                public static <V, E extends Throwable> V rethrow(Throwable e) throws E { throw (E) e; }
                public static int f3(int a, int b, int c) { add("f3(" + a + "," + b + "," + c + ")"); return a * 7 + b * 3 - c; }
                public static String g3(String a, int b, boolean c) { add("g3(" + a + "," + b + "," + c + ")"); return a + b + (c ? "T" : "F"); }
                public static String sk(int i) { return "k" + (i & 3); }
                public static int applyTo(java.util.function.IntUnaryOperator f, int x) { return f.applyAsInt(x); }
                public static Color col(int i) { return Color.values()[Math.floorMod(i, 3)]; }
                public static int sup(Throwable e) {
                    for (Throwable s : e.getSuppressed()) add("suppressed " + s.getClass().getName() + ": " + s.getMessage());
                    return e.getSuppressed().length;
                }
                public static final class Res implements AutoCloseable {
                    public final String name;
                    private final boolean fail;
                    public Res(String name, boolean fail) { this.name = name; this.fail = fail; add("open " + name); }
                    @Override public void close() {
                        add("close " + name);
                        if (fail) throw new IllegalStateException("close " + name);
                    }
                }
            }
            """.formatted(FUEL);

    private SupportSources() {
    }
}
