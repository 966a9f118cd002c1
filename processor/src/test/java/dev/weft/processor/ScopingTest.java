package dev.weft.processor;

import static dev.weft.processor.CoroutineCompiler.compileAndLoad;
import static dev.weft.processor.CoroutineCompiler.run;
import static dev.weft.processor.PlainJavaComparison.assertSameAsPlainJava;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Names in the generated class mean what they meant in the user's method. */
class ScopingTest {
    @Test
    void lambdasCaptureTheValueOfEachIterationsLocal() throws Throwable {
        assertSameAsPlainJava("""
                @Coroutine static String main() {
                    List<Supplier<String>> suppliers = new ArrayList<>();
                    for (int i = 0; i < 3; i++) {
                        String name = "item" + i;
                        int index = await(later(i));
                        suppliers.add(() -> name + "@" + index);
                        Runnable r = new Runnable() { public void run() { log.add(name); } };
                        r.run();
                    }
                    StringBuilder sb = new StringBuilder();
                    for (Supplier<String> s : suppliers) sb.append(s.get()).append(' ');
                    return sb.toString();
                }
                """);
    }

    @Test
    void localsShadowFieldsAndFieldsAreQualified() throws Throwable {
        assertSameAsPlainJava("""
                static String name = "field";
                static int count = 10;
                @Coroutine static String main() {
                    String fromField = name;
                    String name = await(later("local"));
                    count += await(later(1));
                    return fromField + " " + name + " " + count + " " + T.name;
                }
                """);
    }

    @Test
    void staticImportsOfMethodsAndConstants() throws Throwable {
        ClassLoader loader = compileAndLoad(List.of(), """
                package t;
                import dev.weft.*;
                import static dev.weft.Weft.*;
                import static java.lang.Math.max;
                import static java.lang.Math.*;
                import static t.Later.*;
                public class T {
                    @Coroutine static String main() {
                        int m = max(await(later(3)), 7);
                        long r = round(await(later(2.6)));
                        return m + " " + r + " " + (PI > 3) + " " + abs(await(later(-4)));
                    }
                }
                """);
        assertEquals("7 3 true 4", run(loader, "t.TCoroutines", "main"));
    }

    @Test
    void coroutinesOfOtherClassesAndStaticallyImportedCoroutines() throws Throwable {
        ClassLoader loader = compileAndLoad(List.of(), """
                package t;
                import dev.weft.*;
                import static dev.weft.Weft.*;
                import static t.Later.*;
                public class Fetcher {
                    @Coroutine public static String fetch(String key) { return key + "=" + await(later(key.length())); }
                }
                """, """
                package t;
                import dev.weft.*;
                import static dev.weft.Weft.*;
                import static t.Fetcher.fetch;
                public class T {
                    @Coroutine static String own(String k) { return "own:" + fetch(k); }
                    @Coroutine static String main() {
                        String a = Fetcher.fetch("ab");
                        String b = fetch("abc");
                        String c = T.own("x");
                        return a + " " + b + " " + c + " " + await(FetcherCoroutines.fetch("q"));
                    }
                }
                """);
        assertEquals("ab=2 abc=3 own:x=1 q=1", run(loader, "t.TCoroutines", "main"));
    }

    @Test
    void anonymousClassesSeeTheirOwnAndInheritedMembers() throws Throwable {
        assertSameAsPlainJava("""
                static String label = "outer";
                static abstract class Base { String label = "base"; abstract String get(); }
                @Coroutine static String main() {
                    String local = await(later("L"));
                    Base b = new Base() {
                        String get() { return label + "/" + local + "/" + T.label; }
                    };
                    return b.get() + " " + await(later(label));
                }
                """);
    }

    @Test
    void aLocalNamedLikeGeneratedMembersStillWorks() throws Throwable {
        assertSameAsPlainJava("""
                @Coroutine static String main() {
                    int state = await(later(1));
                    String self = "me";
                    Object awaited = "a";
                    Throwable failure = null;
                    String machine = "m";
                    for (int saved1 = 0; saved1 < 2; saved1++) { state += await(later(saved1)); }
                    return state + self + awaited + failure + machine;
                }
                """);
    }

    @Test
    void localsNamedLikeTheTypesAndPackagesGeneratedCodeNames() throws Throwable {
        // T.sf, T.Nested.v, TCoroutines.slow(...), java.lang.Math.PI (a static import) and the
        // canonical names the user wrote must not be read as the locals T, TCoroutines and java.
        assertSameAsPlainJava("""
                static int sf = 3;
                static class Nested { static int v = 5; }
                @Coroutine static int slow(int x) { await(later(0)); return x; }
                @Coroutine static String main() {
                    int T = 1;
                    int TCoroutines = 2;
                    int r = sf + T + await(later(1)) + Nested.v + slow(7) + TCoroutines;
                    { int java = 6; r += java + await(later(0)); }
                    { String Math = "m"; r += Math.length() + await(later(0)); }
                    IntUnaryOperator f = Nested -> Nested + sf;
                    Object o = new Object() { int T = 9; public String toString() { return "" + (sf + T) + Nested.v; } };
                    return r + " " + T + " " + f.applyAsInt(1) + " " + o + " " + java.lang.Math.max(r, await(later(2)))
                            + " " + Math.abs(-1);
                }
                """);
        ClassLoader loader = compileAndLoad(List.of(), """
                package t;
                import dev.weft.*;
                import static dev.weft.Weft.*;
                import static java.lang.Math.PI;
                import static t.Later.*;
                public class T {
                    @Coroutine static String main() {
                        { int java = 1; java += await(later(1)); }
                        return "" + (PI > 3) + await(later(0));
                    }
                }
                """);
        assertEquals("true0", run(loader, "t.TCoroutines", "main"));
    }

    @Test
    void coroutinesInInterfacesAsStaticMethods() throws Throwable {
        ClassLoader loader = compileAndLoad(List.of(), """
                package t;
                import dev.weft.*;
                import static dev.weft.Weft.*;
                import static t.Later.*;
                public interface Api {
                    @Coroutine static int answer() { return 40 + await(later(2)); }
                }
                """);
        assertEquals(42, run(loader, "t.ApiCoroutines", "answer"));
    }
}
